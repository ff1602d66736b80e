"""/actions for everyone in a dialogue; /action to add one (facilitators); status buttons."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import as_int, decode
from bot.caller import Caller
from bot.handlers.common import (
    Context,
    answer,
    caller_of,
    edit_or_send,
    esc,
    facilitated_dialogue,
    reply,
    step_dialogue,
)
from bot.i18n import Translator
from bot.keyboards import button, markup, rows
from bot.runtime import Runtime
from bot.scheduler import send_soon
from bot.steps import text_step
from bot.texts import NO_DIALOGUE, NOT_ALLOWED, STALE_BUTTON, group_name
from flows.conversations import Conversation
from flows.roles import STAKEHOLDER_ROLES, parse_role
from flows.rounds.actions import (
    DUE_CHOICES_DAYS,
    MAX_ACTION_TEXT,
    STATUS_LABELS,
    ActionItem,
    ActionStatus,
    for_display,
)
from services import actions

NEW_ACTION = "action_text"


def describe(t: Translator, item: ActionItem, today) -> str:  # noqa: ANN001
    status = t._(STATUS_LABELS[item.status])
    if item.overdue(today):
        status = t._("overdue") + ", " + status
    return t._(
        "• {text}\n  Owner: {owner} · due {date} · {status}",
        text=esc(item.text),
        owner=group_name(t, item.owner),
        date=t.date(item.due_on),
        status=status,
    )


async def actions_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    d = caller.active_dialogue_id
    if d is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    items = for_display(await actions.of_dialogue(rt, d), rt.today())
    if not items:
        text = t._("No action item yet.")
    else:
        today = rt.today()
        text = t._("<b>Action items</b>") + "\n" + "\n".join(describe(t, i, today) for i in items)
    if caller.may_facilitate(d):
        text += "\n\n" + t._("Add one with /action.")
    await reply(update, text)


def _ask(caller: Caller, _conversation: Conversation | None = None) -> str:
    return caller.t._(
        "What is the action? Describe it in one sentence (up to {limit} characters), or /cancel.",
        limit=caller.t.number(MAX_ACTION_TEXT),
    )


async def action_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None or caller.person is None:
        return
    async with rt.db.transaction() as tx:
        await tx.conversations.put(
            caller.person.id, Conversation(NEW_ACTION, "text", {"dialogue": d}), rt.now()
        )
    await reply(update, _ask(caller))


@text_step(NEW_ACTION, _ask)
async def action_typed(
    update: Update,
    context: Context,
    rt: Runtime,
    caller: Caller,
    conversation: Conversation,
    text: str,
) -> None:
    t = caller.t
    d = await step_dialogue(update, caller, conversation)
    if d is None or caller.person is None:
        return
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_ACTION_TEXT:
        await reply(update, _ask(caller))
        return
    async with rt.db.transaction() as tx:
        await tx.conversations.put(
            caller.person.id,
            Conversation(NEW_ACTION, "owner", {"dialogue": d, "text": cleaned}),
            rt.now(),
        )
    buttons = [button(group_name(t, r), "act", "o", r.value) for r in STAKEHOLDER_ROLES]
    await reply(update, t._("Who owns it?"), markup(buttons))


async def action_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    t = caller.t
    fields = (query.data or "").split(":")
    action = fields[1] if len(fields) > 1 else ""
    if action == "s":
        await _status(update, context, rt, caller)
        return
    conversation = None
    if caller.person is not None:
        async with rt.db.read() as tx:
            conversation = await tx.conversations.get(caller.person.id)
    d = conversation.payload.get("dialogue") if conversation else None
    if (
        conversation is None
        or conversation.flow != NEW_ACTION
        or not isinstance(d, int)
        or not caller.may_facilitate(d)
        or caller.person is None
    ):
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    if action == "o" and (parts := decode(query.data, "act", 2)) and parse_role(parts[1]):
        async with rt.db.transaction() as tx:
            await tx.conversations.put(
                caller.person.id,
                Conversation(NEW_ACTION, "due", {**conversation.payload, "owner": parts[1]}),
                rt.now(),
            )
        await answer(query)
        buttons = [
            button(t.ngettext("in {n} day", "in {n} days", n, n=t.number(n)), "act", "d", n)
            for n in DUE_CHOICES_DAYS
        ]
        await edit_or_send(query, t._("When is it due?"), markup(*rows(buttons, 2)))
        return
    parts = decode(query.data, "act", 2)
    days = as_int(parts[1]) if parts and action == "d" else None
    owner = parse_role(str(conversation.payload.get("owner", "")))
    if days is None or owner is None:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    item = await actions.add(rt, d, str(conversation.payload.get("text", "")), owner, days)
    async with rt.db.transaction() as tx:
        await tx.conversations.clear(caller.person.id)
    if item is None:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    await answer(query)
    await edit_or_send(
        query,
        t._("Action item added:")
        + "\n"
        + describe(t, item, rt.today())
        + "\n\n"
        + t._("On the due date I will ask the facilitators how it went."),
    )


async def _status(update: Update, context: Context, rt: Runtime, caller: Caller) -> None:
    query = update.callback_query
    assert query is not None
    t = caller.t
    parts = decode(query.data, "act", 3)
    d = caller.active_dialogue_id
    try:
        status = ActionStatus(parts[2]) if parts else None
    except ValueError:
        status = None
    if parts is None or status is None or status is ActionStatus.OPEN:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    item = None
    for m in caller.memberships:
        if caller.may_facilitate(m.dialogue_id):
            item = await actions.set_status(rt, m.dialogue_id, parts[1], status)
            if item is not None:
                break
    if item is None and d is not None and caller.is_staff:
        item = await actions.set_status(rt, d, parts[1], status)
    if item is None:
        await answer(query, t._(NOT_ALLOWED), alert=True)
        return
    await answer(query, t._("Status saved."))
    await edit_or_send(
        query, t._("{text}: {status}", text=esc(item.text), status=t._(STATUS_LABELS[status]))
    )
    send_soon(context)
