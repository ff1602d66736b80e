"""/actions for everyone in a dialogue; /action to add one (facilitators); status answers."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.buttons.actions import ActionDueChosen, ActionOwnerChosen, ActionStatusAnswered
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import (
    Context,
    caller_of,
    esc,
    facilitated_dialogue,
    reply,
)
from bot.handlers.press import Press, on_press
from bot.i18n import Translator
from bot.keyboards import markup, rows, typed
from bot.scheduler import send_soon
from bot.steps import Typed, text_step
from bot.texts import NO_DIALOGUE, group_name
from flows.conversations import Conversation
from flows.roles import STAKEHOLDER_ROLES
from flows.rounds.actions import (
    DUE_CHOICES_DAYS,
    MAX_ACTION_TEXT,
    STATUS_LABELS,
    ActionItem,
    ActionProblem,
    for_display,
)
from services import actions


def describe(t: Translator, item: ActionItem, today: date) -> str:
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


@command("actions")
async def actions_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    d = caller.active_dialogue_id
    if d is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    today = rt.today()
    items = for_display(await actions.of_dialogue(rt, d), today)
    if not items:
        text = t._("No action item yet.")
    else:
        text = t._("<b>Action items</b>") + "\n" + "\n".join(describe(t, i, today) for i in items)
    if caller.may_facilitate(d):
        text += "\n\n" + t._("Add one with /action.")
    await reply(update, text)


def _ask(caller: Caller, _conversation: Conversation | None = None) -> str:
    return caller.t._(
        "What is the action? Describe it in one sentence (up to {limit} characters), or /cancel.",
        limit=caller.t.number(MAX_ACTION_TEXT),
    )


@command("action")
async def action_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None or caller.person is None:
        return
    await actions.begin(rt, caller.person.id, d)
    await reply(update, _ask(caller))


@text_step(actions.FLOW, _ask, facilitator=True)
async def action_typed(step: Typed) -> None:
    t, d = step.t, step.dialogue_id
    assert d is not None
    if await actions.write_text(step.rt, step.person.id, d, step.text) is not None:
        await step.reply(_ask(step.caller))
        return
    owners = [typed(group_name(t, r), ActionOwnerChosen(r)) for r in STAKEHOLDER_ROLES]
    await step.reply(t._("Who owns it?"), markup(owners))


async def _drafting(press: Press[ActionOwnerChosen] | Press[ActionDueChosen]) -> int | None:
    """The person adding an item, re-checked as a facilitator of its dialogue now."""
    person = press.caller.person
    draft = await actions.draft_of(press.rt, person.id) if person else None
    if person is None or draft is None or not press.caller.may_facilitate(draft.dialogue_id):
        await press.stale()
        return None
    return person.id


@on_press(ActionOwnerChosen)
async def owner_chosen(press: Press[ActionOwnerChosen]) -> None:
    t = press.t
    person_id = await _drafting(press)
    if person_id is None:
        return
    if not await actions.choose_owner(press.rt, person_id, press.button.owner):
        await press.stale()
        return
    await press.answer()
    choices = [
        typed(t.ngettext("in {n} day", "in {n} days", n, n=t.number(n)), ActionDueChosen(n))
        for n in DUE_CHOICES_DAYS
    ]
    await press.edit(t._("When is it due?"), markup(*rows(choices, 2)))


@on_press(ActionDueChosen)
async def due_chosen(press: Press[ActionDueChosen]) -> None:
    t, rt = press.t, press.rt
    person_id = await _drafting(press)
    if person_id is None:
        return
    item = await actions.choose_due(rt, person_id, press.button.days)
    if isinstance(item, ActionProblem):
        await press.stale()
        return
    await press.answer()
    await press.edit(
        t._("Action item added:")
        + "\n"
        + describe(t, item, rt.today())
        + "\n\n"
        + t._("On the due date I will ask the facilitators how it went."),
    )


@on_press(ActionStatusAnswered)
async def status_answered(press: Press[ActionStatusAnswered]) -> None:
    b, t, caller = press.button, press.t, press.caller
    facilitated = {
        m.dialogue_id for m in caller.memberships if caller.may_facilitate(m.dialogue_id)
    }
    if caller.is_staff and caller.active_dialogue_id is not None:
        facilitated.add(caller.active_dialogue_id)
    item = await actions.answer_status(press.rt, facilitated, b.action_id, b.status)
    if item is ActionProblem.NOT_OFFERED:
        await press.stale()
        return
    if isinstance(item, ActionProblem):
        await press.not_allowed()
        return
    await press.answer(t._("Status saved."))
    await press.edit(
        t._("{text}: {status}", text=esc(item.text), status=t._(STATUS_LABELS[b.status]))
    )
    send_soon(press.context)
