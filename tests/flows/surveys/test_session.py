"""One person's survey: the state machine, its refusals, completion and persistence."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import Role
from flows.surveys.instruments import InstrumentSet, default_instrument, shipped_instruments
from flows.surveys.items import SKIPPED
from flows.surveys.session import Refusal, SurveySession, is_complete_enough

INSTRUMENTS = shipped_instruments().instruments


def community() -> SurveySession:
    return SurveySession.start(default_instrument(), Role.COMMUNITY, "w1")


def test_a_community_member_answers_everything() -> None:
    session = community()
    assert session.progress == (1, 8) and not session.is_complete
    assert session.current_item is not None and session.current_item.id == "trust_police"
    steps = ["a_lot", "dont_know", "never_alone", "often", "very_often", "often", "agree"]
    for n, choice in enumerate(steps, start=1):
        outcome = session.answer(choice)
        assert outcome.accepted, choice
        session = outcome.session
        assert session.progress == (min(n + 1, 8), 8)
    assert session.current_item is not None and session.current_item.is_text
    session = session.answer_text("  Theft at the market after dark  ").session
    assert session.is_complete and session.current_item is None and session.progress == (8, 8)
    closed = [i.id for i in default_instrument().items_for(Role.COMMUNITY) if not i.is_text]
    assert session.record() == dict(zip(closed, steps, strict=True))
    assert session.open_texts() == {"open_problem": "Theft at the market after dark"}
    assert session.answer("a_lot").refusal is Refusal.FINISHED
    assert session.skip().refusal is Refusal.FINISHED


def test_forged_and_stale_choices_are_refused_and_change_nothing() -> None:
    session = community()
    for forged in ("lots", "", SKIPPED, "very_safe", "A_LOT"):
        outcome = session.answer(forged)
        assert outcome.refusal is Refusal.UNKNOWN_CHOICE and outcome.session is session
    outcome = session.answer("a_lot", item_id="pj_fair")
    assert outcome.refusal is Refusal.STALE and outcome.session is session
    moved = session.answer("a_lot", item_id="trust_police").session
    # The same button pressed twice: the second press is for a question already answered.
    assert moved.answer("a_lot", item_id="trust_police").refusal is Refusal.STALE
    assert moved.skip(item_id="trust_police").refusal is Refusal.STALE


def test_skip_only_where_allowed(minimal: InstrumentSet) -> None:
    session = SurveySession.start(minimal.instrument("t1"), Role.COMMUNITY, "w1")
    assert session.skip().refusal is Refusal.NOT_SKIPPABLE  # q1 is not skippable
    session = session.answer("no").session
    skipped = session.skip()
    assert skipped.accepted and skipped.session.is_complete
    assert skipped.session.answers == {"q1": "no", "open": SKIPPED}
    assert skipped.session.open_texts() == {}
    assert skipped.session.record() == {"q1": "no"}


def test_text_and_choice_questions_want_their_own_input(minimal: InstrumentSet) -> None:
    session = SurveySession.start(minimal.instrument("t1"), Role.COMMUNITY, "w1")
    assert session.answer_text("yes").refusal is Refusal.CHOICE_EXPECTED
    at_text = session.answer("yes").session
    assert at_text.answer("yes").refusal is Refusal.TEXT_EXPECTED
    assert at_text.answer_text("   ").refusal is Refusal.EMPTY_TEXT
    assert at_text.answer_text("x" * 11).refusal is Refusal.TEXT_TOO_LONG  # max_length 10
    assert at_text.answer_text(" " + "x" * 10 + " ").accepted


def test_back_keeps_the_answer_until_it_is_replaced() -> None:
    session = community()
    assert session.back().refusal is Refusal.AT_START
    session = session.answer("a_lot").session.answer("somewhat").session
    back = session.back().session
    assert back.progress == (2, 8) and back.answers["trust_officials"] == "somewhat"
    again = back.answer("not_at_all").session
    assert again.answers["trust_officials"] == "not_at_all" and again.progress == (3, 8)


def test_roles_get_their_own_items() -> None:
    police = SurveySession.start(default_instrument(), Role.POLICE, "w1")
    assert police.progress == (1, 8) and police.current_item is not None
    assert police.current_item.id == "m_trust_police"
    official = SurveySession.start(default_instrument(), Role.OFFICIAL, "w1")
    assert official.progress == (1, 5)
    with pytest.raises(ValueError, match="asks facilitator nothing"):
        SurveySession.start(default_instrument(), Role.FACILITATOR, "w1")


def test_complete_enough_means_half_the_index_items_answered() -> None:
    instrument = default_instrument()
    three = {
        "trust_police": "a_lot",
        "trust_officials": "dont_know",
        "safe_after_dark": "never_alone",
    }
    four = {**three, "pj_fair": "often"}
    assert not is_complete_enough(instrument, Role.COMMUNITY, three)  # 3 of 7
    assert is_complete_enough(instrument, Role.COMMUNITY, four)  # 4 of 7, "don't know" counts
    skips = {**three, "pj_fair": SKIPPED, "pj_respect": SKIPPED, "open_problem": "a lot"}
    assert not is_complete_enough(instrument, Role.COMMUNITY, skips)
    assert not is_complete_enough(instrument, Role.COMMUNITY, {})
    # Officials have 4 index items: 2 are enough.
    official = {"m_trust_police": "a_lot", "community_cooperates": "agree"}
    assert is_complete_enough(instrument, Role.OFFICIAL, official)
    assert not is_complete_enough(instrument, Role.OFFICIAL, {"m_trust_police": "a_lot"})
    assert is_complete_enough(instrument, Role.OFFICIAL, {"m_trust_police": "a_lot"}, 0.25)


def test_complete_enough_without_index_items(minimal: InstrumentSet) -> None:
    instrument = minimal.instrument("t1")
    assert not is_complete_enough(instrument, Role.OFFICIAL, {})
    session = SurveySession.start(instrument, Role.COMMUNITY, "w1")
    assert not session.complete_enough
    assert session.answer("dont_know").session.complete_enough


def test_state_round_trips_through_json_without_open_text() -> None:
    session = community()
    for choice in ("a_lot", "dont_know", "very_safe", "often", "often", "often", "agree"):
        session = session.answer(choice).session
    session = session.answer_text("Night patrols").session
    kept = SurveySession.from_dict(json.loads(json.dumps(session.to_dict())), INSTRUMENTS)
    assert "open_problem" not in kept.answers
    assert kept.answers == session.record()
    assert kept.progress == (8, 8) and not kept.is_complete  # the text is asked again
    full = SurveySession.from_dict(
        json.loads(json.dumps(session.to_dict(include_text=True))), INSTRUMENTS
    )
    assert full == session and full.is_complete


def test_a_skipped_open_question_stays_skipped_after_a_restart() -> None:
    session = community()
    for choice in ("a_lot",) * 2 + ("very_safe",) + ("often",) * 3 + ("agree",):
        session = session.answer(choice).session
    session = session.skip().session
    assert SurveySession.from_dict(session.to_dict(), INSTRUMENTS) == session


def _state(**changes: object) -> dict[str, object]:
    state = community().answer("a_lot").session.to_dict()
    state.update(changes)
    return state


@pytest.mark.parametrize(
    "state",
    [
        _state(v=2),
        _state(instrument="nope"),
        _state(instrument=["jsd_trust_v1"]),
        _state(role="mayor"),
        _state(role="police"),
        _state(wave=""),
        _state(items=[]),
        _state(items=["trust_police", "trust_police"]),
        _state(items=["trust_police", "m_fair"]),
        _state(position=9),
        _state(position=-1),
        _state(position="1"),
        _state(answers=[]),
        _state(answers={"trust_police": "lots"}),
        _state(answers={"trust_police": 3}),
        _state(answers={"pj_fair": "often"}, items=["trust_police"]),
        _state(answers={"open_problem": "x" * 501}),
        _state(answers={"open_problem": " padded "}),
    ],
)
def test_restoring_refuses_bad_state(state: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        SurveySession.from_dict(state, INSTRUMENTS)


def test_restoring_refuses_a_skip_where_none_is_allowed(minimal: InstrumentSet) -> None:
    state = SurveySession.start(minimal.instrument("t1"), Role.COMMUNITY, "w").to_dict()
    state.update(position=1, answers={"q1": SKIPPED})
    with pytest.raises(ValueError, match="invalid answer"):
        SurveySession.from_dict(state, minimal.instruments)


def test_restoring_resumes_at_the_first_unanswered_question() -> None:
    state = _state(position=3, answers={"trust_police": "a_lot", "safe_after_dark": "very_safe"})
    session = SurveySession.from_dict(state, INSTRUMENTS)
    assert session.current_item is not None and session.current_item.id == "trust_officials"


inputs = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.sampled_from(["a_lot", "often", "agree", "x", SKIPPED])),
        st.tuples(st.just("text"), st.text(max_size=600)),
        st.tuples(st.just("skip"), st.none()),
        st.tuples(st.just("back"), st.none()),
    ),
    max_size=40,
)


@given(inputs)
def test_any_input_sequence_keeps_a_valid_restorable_state(steps: list[tuple[str, object]]) -> None:
    session = community()
    for kind, value in steps:
        if kind == "answer":
            outcome = session.answer(str(value))
        elif kind == "text":
            outcome = session.answer_text(str(value))
        elif kind == "skip":
            outcome = session.skip()
        else:
            outcome = session.back()
        if not outcome.accepted:
            assert outcome.session is session
        session = outcome.session
        assert 0 <= session.position <= len(session.item_ids)
        restored = SurveySession.from_dict(session.to_dict(include_text=True), INSTRUMENTS)
        assert restored == session
        for item_id, answer in session.record().items():
            item = default_instrument().item(item_id)
            assert answer == SKIPPED or item.scale.choice(answer) is not None
