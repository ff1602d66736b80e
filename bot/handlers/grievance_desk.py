"""The facilitators' side of grievances: /grievances (digest, then the texts one by one with
status, agenda and public-reply buttons) and /areas (the places offered in /grievance).

Every button re-checks on the server that the caller facilitates their current dialogue, and
the grievance a key names is only looked up within it; keys in buttons are never trusted.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot import grievance_desk_texts as texts
from bot.buttons.grievances import (
    AreaRemove,
    AreasAdd,
    DeskAgenda,
    DeskPage,
    DeskReply,
    DeskStatus,
)
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, facilitated_dialogue, reply
from bot.handlers.press import Press, on_press
from bot.runtime import Runtime
from bot.steps import Typed, text_step
from bot.telegram_html import split_message
from flows.conversations import Conversation
from flows.grievances.areas import MAX_AREAS
from flows.grievances.records import MAX_REPLY
from services import grievances
from services.grievances import AreasRefusal, ChangeStatus, DeskAction, DeskRefusal, SetAgenda


@command("grievances")
async def grievances_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    t = caller.t
    view = await grievances.digest(rt, dialogue_id)
    parts = split_message(texts.digest(t, view))
    for part in parts[:-1]:
        await reply(update, part)
    await reply(update, parts[-1], texts.digest_keyboard(t, view))


async def _card(
    rt: Runtime, caller: Caller, page: grievances.Page
) -> tuple[str, InlineKeyboardMarkup]:
    catalogue, names = await grievances.labels(rt, page.grievance.dialogue_id, caller.t.language)
    return texts.card(caller.t, page, catalogue, names)


def _dialogue(press: Press[Any]) -> int:
    """The dialogue of a facilitator's press (``on_press(..., facilitator=True)`` checked it)."""
    assert press.dialogue_id is not None
    return press.dialogue_id


@on_press(DeskPage, facilitator=True)
async def page_pressed(press: Press[DeskPage]) -> None:
    found = await grievances.page(press.rt, _dialogue(press), press.button.index)
    await press.answer()
    if found is None:
        await press.edit(press.t._("No grievance has been filed in this dialogue yet."))
        return
    await press.edit(*await _card(press.rt, press.caller, found))


@on_press(DeskStatus, facilitator=True)
async def status_pressed(press: Press[DeskStatus]) -> None:
    await _act(press, press.button.key, ChangeStatus(press.button.status))


@on_press(DeskAgenda, facilitator=True)
async def agenda_pressed(press: Press[DeskAgenda]) -> None:
    await _act(press, press.button.key, SetAgenda(press.button.on))


async def _act(press: Press[Any], key: str, action: DeskAction) -> None:
    t = press.t
    changed = await grievances.act(press.rt, _dialogue(press), key, action)
    if changed is DeskRefusal.CONFIDENTIAL:
        await press.answer(
            t._(
                "This subject is confidential: it stays with the facilitators and is never "
                "shown to police or official participants."
            ),
            alert=True,
        )
        return
    if not isinstance(changed, grievances.Page):
        await press.stale()
        return
    await press.answer(t._("Saved."))
    await press.edit(*await _card(press.rt, press.caller, changed))


@on_press(DeskReply, facilitator=True)
async def reply_pressed(press: Press[DeskReply]) -> None:
    person = press.caller.person
    if person is None or not await grievances.ask_reply(
        press.rt, person.id, _dialogue(press), press.button.key
    ):
        await press.stale()
        return
    await press.answer()
    await reply(press.update, _reply_prompt(press.caller, None))


def _reply_prompt(caller: Caller, _conversation: Conversation | None) -> str:
    return caller.t._(
        "Type the public reply in one message (at most {limit} characters). The person who "
        "filed the grievance reads it with their receipt code; if the grievance is on the "
        "agenda, every participant can read it. Send /cancel to stop.",
        limit=caller.t.number(MAX_REPLY),
    )


@text_step(grievances.REPLY_FLOW, _reply_prompt, facilitator=True)
async def reply_typed(step: Typed) -> None:
    t, dialogue_id, key = step.t, step.dialogue_id, step.payload.get("grievance")
    if dialogue_id is None or not isinstance(key, str):
        return
    saved = await grievances.reply(step.rt, step.person.id, dialogue_id, key, step.text)
    if not isinstance(saved, grievances.Page):
        await step.reply(
            t._(
                "Nothing was saved: a reply has 1 to {limit} characters. Please send it again.",
                limit=t.number(MAX_REPLY),
            ),
        )
        return
    await step.reply(t._("The public reply is saved."))
    await step.reply(*await _card(step.rt, step.caller, saved))


# -- /areas --------------------------------------------------------------------------------


async def _areas_message(
    rt: Runtime, caller: Caller, dialogue_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    return texts.areas_message(caller.t, await grievances.areas_of(rt, dialogue_id))


@command("areas")
async def areas_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    await reply(update, *await _areas_message(rt, caller, dialogue_id))


@on_press(AreasAdd, facilitator=True)
async def add_pressed(press: Press[AreasAdd]) -> None:
    person = press.caller.person
    if person is None:  # program staff who never used /start
        await press.not_allowed()
        return
    await press.answer()
    await grievances.ask_areas(press.rt, person.id, _dialogue(press))
    await reply(press.update, _areas_prompt(press.caller, None))


@on_press(AreaRemove, facilitator=True)
async def remove_pressed(press: Press[AreaRemove]) -> None:
    if press.caller.person is None:  # program staff who never used /start
        await press.not_allowed()
        return
    dialogue_id = _dialogue(press)
    if not await grievances.retire_area(press.rt, dialogue_id, press.button.area_id):
        await press.stale()
        return
    await press.answer(press.t._("Removed. Grievances already filed keep the place's name."))
    await press.edit(*await _areas_message(press.rt, press.caller, dialogue_id))


def _areas_prompt(caller: Caller, _conversation: Conversation | None) -> str:
    return caller.t._(
        "Send the names of the places, one per line (at most {n} places). Send /cancel to stop.",
        n=MAX_AREAS,
    )


@text_step(grievances.AREAS_FLOW, _areas_prompt, facilitator=True)
async def areas_typed(step: Typed) -> None:
    t, dialogue_id = step.t, step.dialogue_id
    assert dialogue_id is not None
    added = await grievances.add_areas(step.rt, step.person.id, dialogue_id, step.text)
    if isinstance(added, AreasRefusal):
        await step.reply(t._("That is too many places: at most {n}.", n=MAX_AREAS))
        return
    count = len(added)
    await step.reply(t.ngettext("{n} place added.", "{n} places added.", count, n=count))
    await step.reply(*await _areas_message(step.rt, step.caller, dialogue_id))
