"""/invite: facilitators (and program staff) create, list and revoke role invites.

Every button carries the dialogue id and is re-checked against the caller's current role, so a
forged or stale button can neither create an invite nor revoke one elsewhere.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import as_int, decode, optional_int
from bot.caller import Caller
from bot.handlers.common import Context, answer, caller_of, edit_or_send, esc, reply
from bot.i18n import Translator
from bot.keyboards import button, markup, rows
from bot.runtime import Runtime
from bot.texts import NO_DIALOGUE, NOT_ALLOWED, STALE_BUTTON, role_name
from flows.invites import (
    EXPIRY_DAYS_CHOICES,
    MAX_USES_CHOICES,
    Invite,
    deep_link,
    roles_invitable_by,
)
from flows.roles import Role, parse_role
from services.enrolment import (
    INVITE_RANDOM_BYTES,
    create_invite,
    invite_is_live,
    invites_of,
    revoke_invite,
)

MAX_LISTED = 15


def _invitable(caller: Caller, dialogue_id: int) -> tuple[Role, ...]:
    return roles_invitable_by(
        is_staff=caller.is_staff, is_facilitator=caller.role_in(dialogue_id) is Role.FACILITATOR
    )


def _uses_label(t: Translator, uses: int | None) -> str:
    if uses is None:
        return t._("No limit")
    return t.ngettext("{n} person", "{n} people", uses, n=t.number(uses))


def _days_label(t: Translator, days: int | None) -> str:
    if days is None:
        return t._("No expiry")
    return t.ngettext("{n} day", "{n} days", days, n=t.number(days))


def _describe(t: Translator, rt: Runtime, invite: Invite) -> str:
    used = (
        t._("used {uses} times, no limit", uses=t.number(invite.uses))
        if invite.max_uses is None
        else t._("used {uses} of {max}", uses=t.number(invite.uses), max=t.number(invite.max_uses))
    )
    expires = (
        t._("no expiry")
        if invite.expires_at is None
        else t._("until {date}", date=t.datetime(invite.expires_at, rt.settings.zone, "short"))
    )
    link = deep_link(rt.bot_username, invite.code)
    return f"• {role_name(t, invite.role)} #{invite.id} — {used}, {expires}\n  {link}"


async def invite_menu(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    dialogue_id = caller.active_dialogue_id
    if dialogue_id is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    roles = _invitable(caller, dialogue_id)
    if not roles:
        await reply(update, t._(NOT_ALLOWED))
        return
    dialogue, _ = await invites_of(rt.db, dialogue_id)
    name = dialogue.name if dialogue else "?"
    buttons = [button(role_name(t, r), "inv", "n", dialogue_id, r.value) for r in roles]
    keyboard = markup(
        *rows(buttons, 2), [button(t._("List and revoke invites"), "inv", "l", dialogue_id)]
    )
    await reply(
        update,
        t._("Invites for <b>{dialogue}</b>. Who is the new invite for?", dialogue=esc(name)),
        keyboard,
    )


async def invite_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    t = caller.t
    fields = (query.data or "").split(":")
    action = fields[1] if len(fields) > 2 else ""
    dialogue_id = as_int(fields[2]) if len(fields) > 2 else None
    if dialogue_id is None or action not in {"n", "u", "c", "l", "r"}:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    if not caller.may_facilitate(dialogue_id):
        await answer(query, t._(NOT_ALLOWED), alert=True)
        return
    if action == "l":
        await answer(query)
        await _show_list(query, rt, t, dialogue_id)
        return
    if action == "r":
        parts = decode(query.data, "inv", 3)
        if parts is None or not await revoke_invite(rt.db, dialogue_id, parts[2]):
            await answer(query, t._(STALE_BUTTON), alert=True)
            return
        await answer(query, t._("Invite revoked."))
        await _show_list(query, rt, t, dialogue_id)
        return
    await _create_steps(query, rt, caller, action, dialogue_id)


async def _create_steps(query, rt: Runtime, caller: Caller, action: str, dialogue_id: int) -> None:  # noqa: ANN001
    t = caller.t
    arity = {"n": 3, "u": 4, "c": 5}[action]
    parts = decode(query.data, "inv", arity)
    role = parse_role(parts[2]) if parts else None
    if parts is None or role is None or role not in _invitable(caller, dialogue_id):
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    uses = optional_int(parts[3]) if arity >= 4 else None
    days = optional_int(parts[4]) if arity >= 5 else None
    if (
        uses is False
        or days is False
        or uses not in MAX_USES_CHOICES
        or days not in EXPIRY_DAYS_CHOICES
    ):
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    await answer(query)
    who = role_name(t, role)
    if action == "n":
        buttons = [
            button(_uses_label(t, u), "inv", "u", dialogue_id, role.value, "-" if u is None else u)
            for u in MAX_USES_CHOICES
        ]
        await edit_or_send(
            query,
            t._("Invite for: {role}. How many people may use it?", role=who),
            markup(*rows(buttons, 2)),
        )
        return
    if action == "u":
        buttons = [
            button(
                _days_label(t, d),
                "inv",
                "c",
                dialogue_id,
                role.value,
                parts[3],
                "-" if d is None else d,
            )
            for d in EXPIRY_DAYS_CHOICES
        ]
        await edit_or_send(
            query,
            t._("Invite for: {role}. How long should it stay valid?", role=who),
            markup(*rows(buttons, 2)),
        )
        return
    invite = await create_invite(
        rt.db, dialogue_id, role, uses, days, rt.now(), rt.random_bytes(INVITE_RANDOM_BYTES)
    )
    if invite is None:
        await edit_or_send(query, t._(STALE_BUTTON))
        return
    await edit_or_send(
        query,
        t._("New invite for: {role}. Share this link with the people it is for:", role=who)
        + "\n"
        + deep_link(rt.bot_username, invite.code)
        + "\n\n"
        + t._("Anyone with the link can join in this role, so share it privately.")
        + "\n"
        + _describe(t, rt, invite).split("\n")[0],
    )


async def _show_list(query, rt: Runtime, t: Translator, dialogue_id: int) -> None:  # noqa: ANN001
    dialogue, invites = await invites_of(rt.db, dialogue_id)
    now = rt.now()
    live = [i for i in invites if invite_is_live(i, now)]
    ended = len(invites) - len(live)
    name = esc(dialogue.name) if dialogue else "?"
    if not live:
        text = t._("No invite of <b>{dialogue}</b> can be used right now.", dialogue=name)
    else:
        shown = live[-MAX_LISTED:]
        text = t._("Invites of <b>{dialogue}</b> that can be used:", dialogue=name) + "\n\n"
        text += "\n".join(_describe(t, rt, i) for i in shown)
    if ended:
        text += "\n\n" + t.ngettext(
            "{n} invite was revoked, has expired or is used up.",
            "{n} invites were revoked, have expired or are used up.",
            ended,
            n=t.number(ended),
        )
    buttons = [
        button(
            t._("Revoke #{id} ({role})", id=i.id, role=role_name(t, i.role)),
            "inv",
            "r",
            dialogue_id,
            i.id,
        )
        for i in live[-MAX_LISTED:]
    ]
    await edit_or_send(query, text, markup(*rows(buttons, 1)) if buttons else None)
