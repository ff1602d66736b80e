"""Scoring: every shipped choice onto 0–100, exclusions, and a respondent's index."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import Role
from flows.surveys.instruments import default_instrument, parse_instruments, shipped_instruments
from flows.surveys.items import SKIPPED
from flows.surveys.scoring import (
    UNCERTAIN_KINDS,
    AnswerKind,
    classify,
    is_favourable,
    item_scores,
    respondent_index,
    score,
    score_table,
)
from tests.flows.surveys.conftest import broken

THIRD = 100 / 3

#: The whole scoring table of the shipped scales, written out by hand.
EXPECTED = {
    "afro_trust": {
        "not_at_all": 0.0,
        "just_a_little": THIRD,
        "somewhat": 2 * THIRD,
        "a_lot": 100.0,
        "dont_know": None,
    },
    "sdg_safety": {
        "very_safe": 100.0,
        "fairly_safe": 2 * THIRD,
        "bit_unsafe": THIRD,
        "very_unsafe": 0.0,
        "never_alone": None,
    },
    "perceived_safety": {
        "very_safe": 100.0,
        "fairly_safe": 2 * THIRD,
        "bit_unsafe": THIRD,
        "very_unsafe": 0.0,
        "dont_know": None,
    },
    "ess_often": {
        "not_at_all_often": 0.0,
        "not_very_often": THIRD,
        "often": 2 * THIRD,
        "very_often": 100.0,
        "dont_know": None,
    },
    "agree5": {
        "strongly_disagree": 0.0,
        "disagree": 25.0,
        "neither": 50.0,
        "agree": 75.0,
        "strongly_agree": 100.0,
        "dont_know": None,
    },
}


@pytest.mark.parametrize("scale_id", sorted(EXPECTED))
def test_scoring_table(scale_id: str) -> None:
    table = score_table(shipped_instruments().scales[scale_id])
    assert table.keys() == EXPECTED[scale_id].keys()
    for choice_id, expected in EXPECTED[scale_id].items():
        assert table[choice_id] == (None if expected is None else pytest.approx(expected))


def test_every_choice_scale_is_covered_by_the_table() -> None:
    scales = shipped_instruments().scales.values()
    assert {s.id for s in scales if s.kind == "choice"} == set(EXPECTED)
    with pytest.raises(ValueError, match="open question"):
        score_table(shipped_instruments().scales["open_text"])


def test_safety_is_oriented_towards_feeling_safe() -> None:
    item = default_instrument().item("safe_after_dark")
    assert score(item, "very_safe") == 100.0
    assert score(item, "very_unsafe") == 0.0
    assert score(item, "never_alone") is None
    assert classify(item, "never_alone") is AnswerKind.NOT_APPLICABLE
    assert AnswerKind.NOT_APPLICABLE not in UNCERTAIN_KINDS


def test_exclusions_and_skips_are_not_scored() -> None:
    trust = default_instrument().item("trust_police")
    assert classify(trust, "dont_know") is AnswerKind.DONT_KNOW
    assert classify(trust, SKIPPED) is AnswerKind.SKIPPED
    assert score(trust, "dont_know") is None and score(trust, SKIPPED) is None
    assert classify(trust, "a_lot") is AnswerKind.SCORED
    question = default_instrument().item("open_problem")
    assert classify(question, "potholes and theft") is AnswerKind.TEXT
    assert score(question, "potholes and theft") is None


def test_a_refused_choice_is_excluded_and_uncertain() -> None:
    text = broken('excluded = "dont_know"', 'excluded = "refused"')
    item = parse_instruments(text).instrument("t1").item("q1")
    assert classify(item, "dont_know") is AnswerKind.REFUSED
    assert score(item, "dont_know") is None
    assert {AnswerKind.DONT_KNOW, AnswerKind.REFUSED, AnswerKind.SKIPPED} == UNCERTAIN_KINDS


def test_unknown_choices_and_items_raise() -> None:
    instrument = default_instrument()
    with pytest.raises(ValueError, match="unknown choice 'lots'"):
        score(instrument.item("trust_police"), "lots")
    with pytest.raises(ValueError, match="no item 'trust_army'"):
        respondent_index(instrument, {"trust_army": "a_lot"})


def test_favourable() -> None:
    item = default_instrument().item("trust_police")
    assert is_favourable(item, "somewhat") is True
    assert is_favourable(item, "just_a_little") is False
    assert is_favourable(item, "dont_know") is None
    assert is_favourable(default_instrument().item("safe_after_dark"), "fairly_safe") is True


def test_respondent_index_is_the_mean_of_answered_index_items() -> None:
    instrument = default_instrument()
    answers = {
        "trust_police": "a_lot",  # 100
        "trust_officials": "dont_know",  # excluded
        "safe_after_dark": "bit_unsafe",  # 33.3
        "pj_respect": SKIPPED,  # excluded
        "voice_listen": "neither",  # 50
        "open_problem": "the market at night",  # never counts
    }
    assert respondent_index(instrument, answers) == pytest.approx((100 + THIRD + 50) / 3)
    assert item_scores(instrument, answers) == pytest.approx(
        {"trust_police": 100.0, "safe_after_dark": THIRD, "voice_listen": 50.0}
    )


def test_no_index_without_a_scored_index_item() -> None:
    instrument = default_instrument()
    assert respondent_index(instrument, {}) is None
    nothing = {"trust_police": "dont_know", "safe_after_dark": "never_alone", "pj_fair": SKIPPED}
    assert respondent_index(instrument, {**nothing, "open_problem": "x"}) is None


def test_items_outside_the_index_do_not_count(minimal) -> None:
    instrument = minimal.instrument("t1")
    assert respondent_index(instrument, {"q1": "yes", "open": "hello"}) == 100.0


def _answers_for(role: Role):
    items = [i for i in default_instrument().items_for(role) if not i.is_text]
    return st.fixed_dictionaries(
        {},
        optional={
            i.id: st.sampled_from([*i.scale.choice_ids, *([SKIPPED] if i.skippable else [])])
            for i in items
        },
    )


@given(st.sampled_from([Role.COMMUNITY, Role.POLICE, Role.OFFICIAL]).flatmap(_answers_for))
def test_index_lies_within_0_and_100(answers: dict[str, str]) -> None:
    index = respondent_index(default_instrument(), answers)
    scored = item_scores(default_instrument(), answers)
    if not scored:
        assert index is None
    else:
        assert index is not None and 0.0 <= index <= 100.0
        assert min(scored.values()) - 1e-9 <= index <= max(scored.values()) + 1e-9
