"""Closing a wave: which half-finished surveys are kept, and the counts frozen per group.

At close, a survey left unfinished is kept when it is complete enough
(:func:`flows.surveys.session.is_complete_enough`); everyone else's participation is simply
forgotten. The counts frozen per group are what the wave's results rest on:

- **invited**: those invited when the wave started (stored then, so a later /forgetme of
  someone who answered cannot shrink the denominator), and never fewer than those who answered
  or blocked the bot;
- **blocked**: those who blocked the bot without answering (they could not answer, so they
  leave the response rate's denominator);
- **answered**: finished surveys and the half-finished ones kept now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from flows.roles import Role
from flows.surveys.items import Instrument
from flows.surveys.records import Participation, Wave
from flows.surveys.session import SurveySession


class RoleCounts(NamedTuple):
    """What one group's results in a closed wave rest on."""

    invited: int
    blocked: int
    answered: int


@dataclass(frozen=True, slots=True)
class SurveyKept:
    """A half-finished survey complete enough to count: store it like a finished one."""

    role: Role
    record: Mapping[str, str]
    open_texts: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ParticipantReleased:
    """The person's unfinished survey is over: forget their open texts, leave the text step."""

    person_id: int


@dataclass(frozen=True, slots=True)
class CountsFrozen:
    """Forget who took part and freeze the counts per group."""

    counts: Mapping[Role, RoleCounts]


Event = SurveyKept | ParticipantReleased | CountsFrozen


def close_wave(
    wave: Wave,
    instrument: Instrument,
    participants: Sequence[Participation],
    sessions: Mapping[int, SurveySession],
    answered: Mapping[Role, int],
) -> tuple[Wave, tuple[Event, ...]]:
    """The closed wave and what to write.

    ``sessions``: the restored session of each unfinished participant with a saved state, by
    person; ``answered``: the surveys already stored for the wave, per group.
    """
    events: list[Event] = []
    invited: dict[Role, int] = {}
    blocked: dict[Role, int] = {}
    kept: dict[Role, int] = {}
    for part in participants:
        invited[part.role] = invited.get(part.role, 0) + 1
        if part.finished:
            continue
        session = sessions.get(part.person_id) if part.state is not None else None
        if session is not None and session.complete_enough:
            events.append(SurveyKept(part.role, session.record(), session.open_texts()))
            kept[part.role] = kept.get(part.role, 0) + 1
        elif not part.active:
            blocked[part.role] = blocked.get(part.role, 0) + 1
        events.append(ParticipantReleased(part.person_id))
    counts: dict[Role, RoleCounts] = {}
    for role in (r for r in wave.roles if instrument.items_for(r)):
        done, gone = answered.get(role, 0) + kept.get(role, 0), blocked.get(role, 0)
        # The count stored at the start wins over the rows left (storage keeps the larger).
        counts[role] = RoleCounts(max(invited.get(role, 0), done + gone), gone, done)
    events.append(CountsFrozen(counts))
    return replace(wave, closed=True), tuple(events)
