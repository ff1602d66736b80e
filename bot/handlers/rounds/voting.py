"""Voting at the edge: /vote shows the statement a participant is at, and each press on a card
records a vote and brings the next card. The card voted on then says that a vote was recorded,
never which one: whoever holds the phone later must not read votes back from the chat."""

from __future__ import annotations

from telegram import Update

from bot.buttons.rounds import VoteCast
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, reply
from bot.handlers.press import Press, on_press
from bot.round_texts import vote_card, voted_card
from bot.texts import NO_DIALOGUE
from flows.rounds.voting import VoteRefusal
from services import rounds, voting


@command("vote")
async def vote_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    current = caller.current
    if current is None or caller.person is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    latest = await rounds.latest_round(rt, current.dialogue_id)
    card = await voting.voting_card(rt, latest.id, caller.person.id) if latest else None
    if card is None or not card.round.asks(current.role):
        await reply(update, t._("There is nothing to vote on right now."))
        return
    text, keyboard = vote_card(t, card, current.role)
    await reply(update, text, keyboard)


@on_press(VoteCast)
async def vote_pressed(press: Press[VoteCast]) -> None:
    b, t, person = press.button, press.t, press.caller.person
    if person is None:
        await press.stale()
        return
    result = await voting.vote(press.rt, person, b.statement_id, b.vote)
    if result is VoteRefusal.CLOSED:
        await press.answer(
            t._("This round is closed: votes are no longer counted. Thank you!"), alert=True
        )
        return
    if isinstance(result, VoteRefusal):
        await press.stale()
        return
    await press.answer(t._("Vote changed.") if result.changed else t._("Vote recorded."))
    message = press.message
    if message is not None and message.text_html:
        await press.edit(voted_card(t, message.text_html), message.reply_markup)
    if result.next_card is not None:
        role = press.caller.role_in(result.next_card.round.dialogue_id)
        text, keyboard = vote_card(t, result.next_card, role)
        await reply(press.update, text, keyboard)
