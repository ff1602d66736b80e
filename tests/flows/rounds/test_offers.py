"""Whether a Yes or a No answers the text held: only a button naming its round and nonce."""

from __future__ import annotations

from flows.rounds.offers import OfferProblem, StatementOffer, answerable

HELD = StatementOffer("a1b2c3d4e5f6", "00ff00ff00ff00ff", "words", "fr", 41)


def test_the_buttons_of_the_offer_held_answer_it() -> None:
    assert answerable(HELD, HELD.round_id, HELD.nonce) is None


def test_nothing_held_means_nothing_was_kept() -> None:
    assert answerable(None, HELD.round_id, HELD.nonce) is OfferProblem.NOT_KEPT


def test_an_older_or_forged_button_never_answers_a_newer_text() -> None:
    assert answerable(HELD, HELD.round_id, "11ff00ff00ff00ff") is OfferProblem.STALE
    assert answerable(HELD, "ffffffffffff", HELD.nonce) is OfferProblem.STALE
