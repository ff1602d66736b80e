"""Statements at the edge: writing them (the prompt's button opens the statement step; a text
typed with no step waiting is only offered, and stored on the person's Yes), and
/mystatements to review them or withdraw one while the round collects.

A stored statement's message is deleted from the chat, as a grievance description is.
"""

from __future__ import annotations

from telegram import Update

from bot import statement_texts as texts
from bot.buttons.rounds import StatementOfferAnswered, StatementStarted, StatementWithdrawn
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, delete_in_chat, delete_typed, reply
from bot.handlers.press import Press, on_press
from bot.keyboards import markup, rows, typed
from bot.round_texts import quote
from bot.runtime import Runtime
from bot.steps import Typed, text_step
from bot.texts import NO_DIALOGUE
from flows.conversations import Conversation
from flows.roles import STAKEHOLDER_ROLES
from flows.rounds.lifecycle import Phase
from flows.rounds.offers import OfferProblem
from flows.rounds.statements import CapReached, Empty, TooLong
from flows.text import N_
from services import statements

NOT_COLLECTING = N_("No round is collecting statements right now.")


async def offer_statement(update: Update, rt: Runtime, caller: Caller, text: str) -> bool:
    """Text with no step waiting for it: while the person's group is asked, it is held and
    offered as a statement (never stored without their Yes). Handled?"""
    current = caller.current
    if current is None or caller.person is None or current.role not in STAKEHOLDER_ROLES:
        return False
    t, message = caller.t, update.effective_message
    offered = await statements.offer(
        rt,
        caller.person,
        current.dialogue_id,
        current.role,
        t.language,
        text,
        message.message_id if message is not None else None,
    )
    if isinstance(offered, statements.NotCollecting):
        return False
    await reply(update, *texts.offer(t, offered.round, offered.role, offered.nonce))
    return True


@on_press(StatementOfferAnswered)
async def offer_answered(press: Press[StatementOfferAnswered]) -> None:
    rt, t, b, caller = press.rt, press.t, press.button, press.caller
    person = caller.person
    if person is None:
        await press.stale()
        return
    if not b.send:
        problem = statements.decline(rt, person.id, b.round_id, b.nonce)
        if problem is OfferProblem.STALE:
            await press.answer(t._(texts.EARLIER_OFFER), alert=True)
            return
        await press.answer()
        await press.edit(t._(texts.DECLINED))
        return
    saved = await statements.confirm(rt, person, b.round_id, b.nonce)
    if saved is OfferProblem.STALE:
        await press.answer(t._(texts.EARLIER_OFFER), alert=True)
        return
    await press.answer()
    if isinstance(saved, statements.Saved):
        removed = await delete_in_chat(
            press.context.bot, press.caller.telegram_id, saved.message_id
        )
        await press.edit(texts.saved(t, saved.yours, removed))
    elif isinstance(saved, TooLong):
        await press.edit(texts.too_long(t, saved))
    elif isinstance(saved, CapReached):
        await press.edit(texts.cap_reached(t, saved))
    elif isinstance(saved, statements.NotCollecting):
        await press.edit(t._(NOT_COLLECTING))
    else:  # not kept (answered already, left, or a restart), or nothing to send
        await press.edit(t._(texts.NOT_KEPT))


@on_press(StatementStarted)
async def statement_started(press: Press[StatementStarted]) -> None:
    """The prompt's "Write a statement": the person's next texts are statements to its round."""
    person = press.caller.person
    begun = await statements.begin(press.rt, person, press.button.round_id) if person else None
    if begun is None or isinstance(begun, statements.NotCollecting):
        await press.answer(press.t._(NOT_COLLECTING), alert=True)
        return
    await press.answer()
    await reply(press.update, texts.ask(press.t, begun.settings.statement_limit))


def _reprompt(caller: Caller, _conversation: Conversation) -> str:
    return caller.t._("Please type your statement, or send /cancel to stop.")


@text_step(statements.FLOW, _reprompt)
async def statement_written(step: Typed) -> None:
    """A text at the statement step: the person chose to write statements, so it is one (while
    the round collects; otherwise the step is left and the text treated as unexpected)."""
    t = step.t
    written = await statements.write(step.rt, step.person, step.conversation, t.language, step.text)
    if isinstance(written, statements.NotCollecting):
        if not await offer_statement(step.update, step.rt, step.caller, step.text):
            await step.reply(t._(NOT_COLLECTING))
        return
    if isinstance(written, TooLong):
        await step.reply(texts.too_long(t, written))
        return
    if isinstance(written, CapReached):
        await step.reply(texts.cap_reached(t, written))
        return
    if isinstance(written, Empty):
        await step.reply(_reprompt(step.caller, step.conversation))
        return
    await step.reply(texts.saved(t, written.yours, await delete_typed(step.update)))


@command("mystatements")
async def my_statements(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    current = caller.current
    if current is None or caller.person is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    r, mine = await statements.mine(rt, caller.person, current.dialogue_id)
    if r is None or r.phase is not Phase.COLLECTING:
        await reply(update, t._(NOT_COLLECTING))
        return
    if not mine:
        await reply(update, t._("You have not sent a statement in this round yet."))
        return
    lines = [
        t._(
            "Your statements in this round (only you can see this list, and only while "
            "the round collects):"
        )
    ]
    lines += [f"{i}. {quote(t, s)}" for i, s in enumerate(mine, 1)]
    buttons = [
        typed(t._("Withdraw {number}", number=i), StatementWithdrawn(s.id))
        for i, s in enumerate(mine, 1)
    ]
    await reply(update, "\n".join(lines), markup(*rows(buttons, 3)))


@on_press(StatementWithdrawn)
async def withdraw_pressed(press: Press[StatementWithdrawn]) -> None:
    t, person = press.t, press.caller.person
    if person is None or not await statements.withdraw(press.rt, person, press.button.statement_id):
        await press.answer(t._("This statement can no longer be withdrawn."), alert=True)
        return
    await press.answer(t._("Withdrawn."))
    await press.edit(t._("Your statement was withdrawn. /mystatements shows the rest."))
