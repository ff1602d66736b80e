"""Answering a survey: whether a person may answer a wave now, and what one answer does.

The use case loads the wave and the person's participation, asks :func:`availability` whether
there is anything to answer, restores the session with :func:`resume`, and hands the answer to
:func:`respond`, which says what to write: the new state, the finished survey, or the refusal.

A press names the question's position (buttons in old messages stay in people's chats), so an
answer meant for another question is refused as stale, never recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from flows.surveys.items import Instrument
from flows.surveys.records import Participation, Wave
from flows.surveys.session import Outcome, Refusal, SurveySession
from flows.surveys.waves import WaveSettings


class Unavailability(StrEnum):
    """Why there is no question to ask."""

    CLOSED = "closed"  # the wave is over
    DONE = "done"  # already answered
    ABSENT = "absent"  # not invited, or no such wave


def availability(
    wave: Wave | None, part: Participation | None, settings: WaveSettings, now: datetime
) -> Unavailability | None:
    """None when the person has a question to answer in ``wave`` now."""
    if wave is None:
        return Unavailability.ABSENT
    if wave.closed or not settings.is_open(wave.opened_at, now):
        return Unavailability.CLOSED
    if part is None:
        return Unavailability.ABSENT
    if part.finished:
        return Unavailability.DONE
    return None


def resume(
    instrument: Instrument, wave_id: str, part: Participation, texts: Mapping[str, str]
) -> SurveySession:
    """The person's session from its stored state and the open answers typed meanwhile
    (``texts``, held in memory only); a fresh one when there is none or it is unusable."""
    if part.state is not None:
        state = dict(part.state)
        state["answers"] = {**state.get("answers", {}), **texts}
        try:
            return SurveySession.from_dict(state, {instrument.id: instrument})
        except ValueError:
            pass
    return SurveySession.start(instrument, part.role, wave_id)


@dataclass(frozen=True, slots=True)
class Choice:
    """A button with a choice id."""

    choice_id: str


@dataclass(frozen=True, slots=True)
class Skip:
    """The "skip this question" button."""


@dataclass(frozen=True, slots=True)
class Typed:
    """A typed answer to an open question."""

    text: str


Answer = Choice | Skip | Typed


# What an answer causes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Refused:
    """Nothing is written; the question is shown again with the reason."""

    refusal: Refusal


@dataclass(frozen=True, slots=True)
class Completed:
    """The last answer: store the anonymous record (and the open texts apart from it), mark the
    participation finished, forget the texts held in memory and leave the text step."""

    record: Mapping[str, str]
    open_texts: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Saved:
    """Store the state (without open texts) and keep the open texts typed so far in memory."""

    state: Mapping[str, Any]
    open_texts: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class AwaitText:
    """The next question wants a typed answer: typed text now goes to this survey."""


@dataclass(frozen=True, slots=True)
class TextAnswered:
    """The open question was just answered: typed text no longer goes to this survey."""


Event = Refused | Completed | Saved | AwaitText | TextAnswered


def respond(
    session: SurveySession, position: int, answer: Answer
) -> tuple[SurveySession, tuple[Event, ...]]:
    """``answer`` given to the question at ``position``: the new session and what to write."""
    if position != session.position or session.current_item is None:
        return session, (Refused(Refusal.STALE),)
    before = session.current_item
    item_id = session.item_ids[position]
    outcome: Outcome
    if isinstance(answer, Skip):
        outcome = session.skip(item_id=item_id)
    elif isinstance(answer, Typed):
        outcome = session.answer_text(answer.text, item_id=item_id)
    else:
        outcome = session.answer(answer.choice_id, item_id=item_id)
    moved = outcome.session
    if outcome.refusal is not None:
        return moved, (Refused(outcome.refusal),)
    if moved.is_complete:
        return moved, (Completed(moved.record(), moved.open_texts()),)
    events: list[Event] = [Saved(moved.to_dict(), moved.open_texts())]
    nxt = moved.current_item
    if nxt is not None and nxt.is_text:
        events.append(AwaitText())
    elif before.is_text:
        events.append(TextAnswered())
    return moved, tuple(events)
