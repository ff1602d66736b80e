"""/round: the facilitator chooses the question (a template, or their own in one or more
languages), sets the round up on one screen, and opens it.

Every button names the dialogue it is for and is re-checked against the caller's role now.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.buttons.rounds import (
    RoundCustomChosen,
    RoundOpened,
    RoundSetupChanged,
    RoundTemplateChosen,
    RoundVersionAdded,
)
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, facilitated_dialogue, reply
from bot.handlers.press import Press, on_press
from bot.keyboards import markup, rows, typed
from bot.round_setup_screen import setup_screen
from bot.round_texts import PHASE_NAMES, language_name
from bot.scheduler import send_soon
from bot.steps import Typed, text_step
from flows.conversations import Conversation
from flows.rounds.lifecycle import Refusal
from flows.rounds.setup import RoundSetup, SetupProblem
from flows.rounds.templates import MAX_PROMPT, templates
from services import round_setup, rounds
from services.round_setup import Screen


@command("round")
async def round_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None:
        return
    t = caller.t
    current = await rounds.latest_round(rt, d)
    if current is not None and current.is_open:
        await reply(
            update,
            t._(
                "A round is already open ({phase}). Move it on with /next, or end it with /close.",
                phase=t._(PHASE_NAMES[current.phase]),
            ),
        )
        return
    buttons = [
        typed(tpl.title.get(t.language, tpl.title["en"]), RoundTemplateChosen(d, tpl.id))
        for tpl in templates().values()
    ]
    buttons.append(typed(t._("Write my own question"), RoundCustomChosen(d)))
    await reply(update, t._("Which question should the new round ask?"), markup(*rows(buttons, 1)))


async def _allowed(press: Press[Any], dialogue_id: int) -> bool:
    if not press.caller.may_facilitate(dialogue_id):
        await press.not_allowed()
        return False
    return True


async def _show(press: Press[Any], dialogue_id: int, chosen: RoundSetup | None) -> None:
    """Show the settings screen for ``chosen`` (None: a forged button) in place of the
    message pressed."""
    person = press.caller.person
    shown = (
        await round_setup.screen(press.rt, person.id if person else None, chosen)
        if chosen is not None
        else None
    )
    if shown is None or isinstance(shown, SetupProblem):
        await press.stale()
        return
    await press.answer()
    await press.edit(*setup_screen(press.t, dialogue_id, shown))


@on_press(RoundTemplateChosen)
async def template_chosen(press: Press[RoundTemplateChosen]) -> None:
    b = press.button
    if await _allowed(press, b.dialogue_id):
        await _show(press, b.dialogue_id, RoundSetup(b.template_id))


@on_press(RoundSetupChanged)
async def setup_changed(press: Press[RoundSetupChanged]) -> None:
    b = press.button
    if await _allowed(press, b.dialogue_id):
        await _show(press, b.dialogue_id, b.setup())


@on_press(RoundCustomChosen)
async def custom_chosen(press: Press[RoundCustomChosen]) -> None:
    b, person = press.button, press.caller.person
    if not await _allowed(press, b.dialogue_id):
        return
    if person is None:
        await press.stale()
        return
    await round_setup.begin_question(press.rt, person.id, b.dialogue_id)
    await press.answer()
    await reply(press.update, _ask_question(press.caller, None))


@on_press(RoundVersionAdded)
async def version_added(press: Press[RoundVersionAdded]) -> None:
    b, t, person = press.button, press.t, press.caller.person
    if not await _allowed(press, b.dialogue_id):
        return
    if person is None or not await round_setup.begin_version(
        press.rt, person.id, b.dialogue_id, b.language
    ):
        await press.stale()
        return
    await press.answer()
    await reply(
        press.update,
        t._("Send the question in {language}, or /cancel.", language=language_name(t, b.language)),
    )


@on_press(RoundOpened)
async def round_opened(press: Press[RoundOpened]) -> None:
    b, t, person = press.button, press.t, press.caller.person
    if not await _allowed(press, b.dialogue_id):
        return
    chosen = b.setup()
    opened = (
        await round_setup.open_round(press.rt, person.id if person else None, b.dialogue_id, chosen)
        if chosen is not None
        else None
    )
    if opened is None or isinstance(opened, SetupProblem):
        await press.stale()
        return
    if isinstance(opened, Refusal):
        await press.answer(t._(opened.message), alert=True)
        return
    await press.answer()
    await press.edit(
        t._(
            "The round is open: the question is on its way to the participants. Statements "
            "arrive anonymously; /moderate reviews them, /next moves the round on, /close ends it."
        )
    )
    send_soon(press.context)


def _ask_question(caller: Caller, _conversation: Conversation | None) -> str:
    return caller.t._(
        "Type the question for this round (up to {limit} characters), or /cancel.",
        limit=caller.t.number(MAX_PROMPT),
    )


@text_step(round_setup.FLOW, _ask_question, facilitator=True)
async def custom_typed(step: Typed) -> None:
    t, d = step.t, step.dialogue_id
    assert d is not None
    written = await round_setup.write_version(
        step.rt, step.person.id, d, step.conversation, step.text, t.language
    )
    if not isinstance(written, tuple):
        await step.reply(
            t._(
                "A question needs 1 to {limit} characters. Please send it again.",
                limit=t.number(MAX_PROMPT),
            ),
        )
        return
    await step.reply(*setup_screen(t, d, Screen(RoundSetup(None), written)))
