"""The answering decision: whether there is a question to answer, a session resumed from its
stored state, and what one answer writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from flows.roles import Role
from flows.surveys.answering import (
    AwaitText,
    Choice,
    Completed,
    Refused,
    Saved,
    Skip,
    TextAnswered,
    Typed,
    Unavailability,
    availability,
    respond,
    resume,
)
from flows.surveys.instruments import default_instrument, parse_instruments
from flows.surveys.records import Participation, Wave
from flows.surveys.session import Refusal, SurveySession
from flows.surveys.waves import WaveSettings
from tests.flows.surveys.conftest import MINIMAL, langs

OPENED = datetime(2026, 11, 2, 9, tzinfo=UTC)
WAVE = Wave("w1", 1, None, OPENED, "jsd_trust_v1", (Role.COMMUNITY,), OPENED, OPENED)
SETTINGS = WaveSettings()
INSTRUMENT = default_instrument()
PART = Participation("w1", 7, Role.COMMUNITY, None, False)
#: The minimal instrument with one more question after the open one.
OPEN_IN_THE_MIDDLE = parse_instruments(
    MINIMAL
    + f"""
[[instrument.item]]
id = "q3"
scale = "yn"
source = "palabre"
roles = ["community"]
text = {langs("Question three?")}
"""
).instrument("t1")


def test_whether_there_is_a_question_to_answer() -> None:
    now = OPENED + timedelta(hours=1)
    assert availability(None, None, SETTINGS, now) is Unavailability.ABSENT
    assert availability(WAVE, None, SETTINGS, now) is Unavailability.ABSENT
    assert availability(WAVE, replace(PART, finished=True), SETTINGS, now) is (Unavailability.DONE)
    assert availability(WAVE, PART, SETTINGS, now) is None
    late = OPENED + timedelta(hours=72)
    assert availability(WAVE, PART, SETTINGS, late) is Unavailability.CLOSED
    closed = replace(WAVE, closed=True)
    assert availability(closed, PART, SETTINGS, now) is Unavailability.CLOSED
    assert availability(closed, None, SETTINGS, now) is Unavailability.CLOSED


def _to_open_question(session: SurveySession) -> SurveySession:
    while (item := session.current_item) is not None and not item.is_text:
        session = session.answer(item.scale.choices[0].id).session
    return session


def test_a_session_resumes_from_its_state_with_the_texts_held_in_memory() -> None:
    session = SurveySession.start(INSTRUMENT, Role.COMMUNITY, "w1")
    assert resume(INSTRUMENT, "w1", PART, {}) == session  # no state yet: a fresh one
    waiting = _to_open_question(session)
    item = waiting.current_item
    assert item is not None and item.is_text
    typed = waiting.answer_text("Lights").session
    stored = replace(PART, state=typed.to_dict())  # the text is left out of what is stored
    assert resume(INSTRUMENT, "w1", stored, {}).position == waiting.position
    back = resume(INSTRUMENT, "w1", stored, {item.id: "Lights"})
    assert back.is_complete and back.open_texts() == {item.id: "Lights"}
    unusable = replace(PART, state={"v": 99})
    assert resume(INSTRUMENT, "w1", unusable, {}) == session


def test_an_answer_to_another_question_is_refused_as_stale() -> None:
    session = SurveySession.start(INSTRUMENT, Role.COMMUNITY, "w1")
    assert respond(session, 1, Choice("a_lot")) == (session, (Refused(Refusal.STALE),))
    assert respond(session, 0, Choice("nope")) == (session, (Refused(Refusal.UNKNOWN_CHOICE),))
    done = _to_open_question(session).answer_text("x").session
    assert respond(done, done.position, Skip()) == (done, (Refused(Refusal.STALE),))


def test_an_answer_saves_the_state_and_the_open_question_waits_for_text() -> None:
    session = SurveySession.start(INSTRUMENT, Role.COMMUNITY, "w1")
    moved, events = respond(session, 0, Skip())
    assert moved.position == 1 and events == (Saved(moved.to_dict(), {}),)
    before = SurveySession.start(INSTRUMENT, Role.COMMUNITY, "w1")
    while before.position < len(before.item_ids) - 2:
        item = before.current_item
        assert item is not None
        before, events = respond(before, before.position, Choice(item.scale.choices[0].id))
        assert not isinstance(events[0], Refused)
    last = before.current_item
    assert last is not None and not last.is_text
    waiting, events = respond(before, before.position, Choice(last.scale.choices[0].id))
    assert events == (Saved(waiting.to_dict(), {}), AwaitText())
    done, events = respond(waiting, waiting.position, Typed("  Lights at night "))
    assert done.is_complete
    assert events == (Completed(done.record(), {"open_problem": "Lights at night"}),)
    assert "Lights at night" not in done.record().values()


def test_answering_the_open_question_before_another_ends_the_text_step() -> None:
    session = SurveySession.start(OPEN_IN_THE_MIDDLE, Role.COMMUNITY, "w1")
    assert session.item_ids == ("q1", "open", "q3")
    waiting, events = respond(session, 0, Choice("yes"))
    assert events == (Saved(waiting.to_dict(), {}), AwaitText())
    moved, events = respond(waiting, 1, Typed("words"))
    assert events == (Saved(moved.to_dict(), {"open": "words"}), TextAnswered())
    assert "open" not in moved.to_dict()["answers"]
