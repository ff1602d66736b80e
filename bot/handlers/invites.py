"""/invite: facilitators (and program staff) create, list and revoke role invites.

Every button carries the dialogue id and is re-checked against the caller's current role, so a
forged or stale button can neither create an invite nor revoke one elsewhere.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.buttons.people import (
    InviteCreate,
    InviteList,
    InviteRevoke,
    InviteRole,
    InviteUses,
)
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, esc, reply
from bot.handlers.press import Press, on_press
from bot.i18n import Translator
from bot.keyboards import markup, rows, typed
from bot.runtime import Runtime
from bot.texts import NO_DIALOGUE, NOT_ALLOWED, STALE_BUTTON, role_name
from flows.invites import (
    EXPIRY_DAYS_CHOICES,
    MAX_USES_CHOICES,
    Invite,
    deep_link,
    roles_invitable_by,
)
from flows.roles import Role
from services.enrolment import (
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


@command("invite")
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
    dialogue, _ = await invites_of(rt, dialogue_id)
    name = dialogue.name if dialogue else "?"
    buttons = [typed(role_name(t, r), InviteRole(dialogue_id, r)) for r in roles]
    keyboard = markup(
        *rows(buttons, 2), [typed(t._("List and revoke invites"), InviteList(dialogue_id))]
    )
    await reply(
        update,
        t._("Invites for <b>{dialogue}</b>. Who is the new invite for?", dialogue=esc(name)),
        keyboard,
    )


async def _allowed(press: Press[Any], dialogue_id: int, role: Role | None = None) -> bool:
    """The caller may invite to that dialogue (in that role) now; else refused."""
    caller = press.caller
    if not caller.may_facilitate(dialogue_id):
        await press.not_allowed()
        return False
    if role is not None and role not in _invitable(caller, dialogue_id):
        await press.stale()
        return False
    return True


@on_press(InviteRole)
async def role_chosen(press: Press[InviteRole]) -> None:
    b, t = press.button, press.t
    if not await _allowed(press, b.dialogue_id, b.role):
        return
    await press.answer()
    choices = [
        typed(_uses_label(t, u), InviteUses(b.dialogue_id, b.role, u)) for u in MAX_USES_CHOICES
    ]
    await press.edit(
        t._("Invite for: {role}. How many people may use it?", role=role_name(t, b.role)),
        markup(*rows(choices, 2)),
    )


@on_press(InviteUses)
async def uses_chosen(press: Press[InviteUses]) -> None:
    b, t = press.button, press.t
    if not await _allowed(press, b.dialogue_id, b.role):
        return
    if b.uses not in MAX_USES_CHOICES:
        await press.stale()
        return
    await press.answer()
    choices = [
        typed(_days_label(t, d), InviteCreate(b.dialogue_id, b.role, b.uses, d))
        for d in EXPIRY_DAYS_CHOICES
    ]
    await press.edit(
        t._("Invite for: {role}. How long should it stay valid?", role=role_name(t, b.role)),
        markup(*rows(choices, 2)),
    )


@on_press(InviteCreate)
async def invite_created(press: Press[InviteCreate]) -> None:
    b, t, rt = press.button, press.t, press.rt
    if not await _allowed(press, b.dialogue_id, b.role):
        return
    if b.uses not in MAX_USES_CHOICES or b.days not in EXPIRY_DAYS_CHOICES:
        await press.stale()
        return
    await press.answer()
    invite = await create_invite(rt, b.dialogue_id, b.role, b.uses, b.days)
    if invite is None:
        await press.edit(t._(STALE_BUTTON))
        return
    await press.edit(
        t._(
            "New invite for: {role}. Share this link with the people it is for:",
            role=role_name(t, b.role),
        )
        + "\n"
        + deep_link(rt.bot_username, invite.code)
        + "\n\n"
        + t._("Anyone with the link can join in this role, so share it privately.")
        + "\n"
        + _describe(t, rt, invite).split("\n")[0],
    )


@on_press(InviteList)
async def list_pressed(press: Press[InviteList]) -> None:
    if not await _allowed(press, press.button.dialogue_id):
        return
    await press.answer()
    await _show_list(press, press.button.dialogue_id)


@on_press(InviteRevoke)
async def revoke_pressed(press: Press[InviteRevoke]) -> None:
    b = press.button
    if not await _allowed(press, b.dialogue_id):
        return
    if not await revoke_invite(press.rt, b.dialogue_id, b.invite_id):
        await press.stale()
        return
    await press.answer(press.t._("Invite revoked."))
    await _show_list(press, b.dialogue_id)


async def _show_list(press: Press[Any], dialogue_id: int) -> None:
    rt, t = press.rt, press.t
    dialogue, invites = await invites_of(rt, dialogue_id)
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
        typed(
            t._("Revoke #{id} ({role})", id=i.id, role=role_name(t, i.role)),
            InviteRevoke(dialogue_id, i.id),
        )
        for i in live[-MAX_LISTED:]
    ]
    await press.edit(text, markup(*rows(buttons, 1)) if buttons else None)
