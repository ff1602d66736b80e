"""/moderate: facilitators approve, reject, edit or translate pending statements, one at a time.

With moderation on, nothing a participant wrote reaches anyone else before this step.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.buttons.rounds import (
    StatementApproved,
    StatementRejected,
    StatementToEdit,
    StatementToTranslate,
)
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, facilitated_dialogue, reply
from bot.handlers.press import Press, on_press
from bot.round_texts import language_name, moderation_card
from bot.runtime import Runtime
from bot.steps import Typed, text_step
from bot.texts import NOT_ALLOWED, STALE_BUTTON
from flows.conversations import Conversation
from flows.rounds.moderation import Approve, Decision, Reject
from flows.rounds.statements import Statement
from services import moderation
from services.moderation import AskAgain


async def _next_card(
    rt: Runtime, caller: Caller, dialogue_id: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    t = caller.t
    pending = await moderation.next_pending(rt, dialogue_id)
    if pending is None:
        return t._("No round is collecting or in moderation right now."), None
    if pending.statement is None:
        return t._("Nothing waits for moderation. /next moves the round on."), None
    return moderation_card(t, pending.statement, pending.remaining, rt.settings.languages)


@command("moderate")
async def moderate_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None:
        return
    await reply(update, *await _next_card(rt, caller, d))


async def _decided(press: Press[Any], statement_id: str, decision: Decision, done: str) -> None:
    """Approve or reject, then show the next pending statement in place of this one."""
    assert press.dialogue_id is not None  # on_press(facilitator=True) checked it
    result = await moderation.moderate(press.rt, press.dialogue_id, statement_id, decision)
    if not isinstance(result, Statement):
        await press.stale()
        return
    await press.answer(done)
    await press.edit(*await _next_card(press.rt, press.caller, press.dialogue_id))


@on_press(StatementApproved, facilitator=True)
async def approved(press: Press[StatementApproved]) -> None:
    await _decided(press, press.button.statement_id, Approve(), press.t._("Approved."))


@on_press(StatementRejected, facilitator=True)
async def rejected(press: Press[StatementRejected]) -> None:
    await _decided(press, press.button.statement_id, Reject(), press.t._("Rejected."))


async def _revise(press: Press[Any], statement_id: str, language: str | None) -> None:
    """The facilitator types the edit (``language`` None) or the translation next."""
    person = press.caller.person
    assert press.dialogue_id is not None  # on_press(facilitator=True) checked it
    if person is None or not await moderation.begin_revision(
        press.rt, person.id, press.dialogue_id, statement_id, language
    ):
        await press.stale()
        return
    await press.answer()
    await reply(press.update, _ask(press.caller, language))


@on_press(StatementToEdit, facilitator=True)
async def edit_pressed(press: Press[StatementToEdit]) -> None:
    await _revise(press, press.button.statement_id, None)


@on_press(StatementToTranslate, facilitator=True)
async def translate_pressed(press: Press[StatementToTranslate]) -> None:
    await _revise(press, press.button.statement_id, press.button.language)


def _ask(caller: Caller, language: str | None) -> str:
    t = caller.t
    if language is None:
        return t._(
            "Send the corrected statement (remove names and identifying details), or /cancel."
        )
    return t._("Send the statement in {language}, or /cancel.", language=language_name(t, language))


def _reprompt(caller: Caller, conversation: Conversation) -> str:
    language = conversation.payload.get("language")
    return _ask(caller, language if isinstance(language, str) else None)


@text_step(moderation.FLOW, _reprompt, facilitator=True)
async def moderation_text(step: Typed) -> None:
    t, d, rt = step.t, step.dialogue_id, step.rt
    if d is None or not isinstance(step.payload.get("statement"), str):
        await step.reply(t._(NOT_ALLOWED))
        return
    result = await moderation.revise(rt, step.person.id, d, step.conversation, step.text)
    if isinstance(result, AskAgain):
        await step.reply(_reprompt(step.caller, step.conversation))
        return
    if not isinstance(result, Statement):
        await step.reply(t._(STALE_BUTTON))
        return
    await step.reply(t._("Saved."))
    await step.reply(*await _next_card(rt, step.caller, d))
