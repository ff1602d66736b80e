"""Typed text offered as a statement: nothing becomes a statement unless its author says so.

Text that arrives when no step waits for it (the person is not writing a statement, a
grievance, a survey answer…) may have been meant for a flow they just left. It is never taken
as a statement by itself: the person is asked whether to send it to the round that collects,
and only a Yes on that very offer sends it. Until then the text lives in the bot's memory only,
never in the database, and a newer text replaces the offer.

Each offer carries a one-time nonce, and its buttons name the round and the nonce: a press on
an older offer, or a forged one, is refused (:func:`answerable`) and never sends a newer text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class StatementOffer:
    """A text held until its author answers the question "send this as your statement?"."""

    round_id: str
    #: Drawn afresh for every offer; the buttons carry it.
    nonce: str
    text: str
    #: The author's language when they typed it (a statement is stored with it).
    language: str
    #: The person's message that carried the text, deleted from the chat once it is stored.
    message_id: int | None = None


class OfferProblem(StrEnum):
    """Why a Yes or a No does not apply to the text held."""

    #: Nothing is held: answered already, left with /cancel or another flow, or the bot
    #: restarted (the text is never written down before the Yes).
    NOT_KEPT = "not_kept"
    #: Another, newer text is held: this button is not for it.
    STALE = "stale"


def answerable(held: StatementOffer | None, round_id: str, nonce: str) -> OfferProblem | None:
    """None when a button naming ``round_id`` and ``nonce`` answers the offer ``held``."""
    if held is None:
        return OfferProblem.NOT_KEPT
    if held.round_id != round_id or held.nonce != nonce:
        return OfferProblem.STALE
    return None
