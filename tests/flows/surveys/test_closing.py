"""Closing a wave: which half-finished surveys are kept, the counts frozen per group."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from flows.roles import Role
from flows.surveys.closing import (
    CountsFrozen,
    ParticipantReleased,
    RoleCounts,
    SurveyKept,
    close_wave,
)
from flows.surveys.instruments import default_instrument
from flows.surveys.records import Participation, Wave
from flows.surveys.session import SurveySession

OPENED = datetime(2026, 11, 2, 9, tzinfo=UTC)
ROLES = (Role.COMMUNITY, Role.POLICE, Role.OFFICIAL)
WAVE = Wave("w1", 1, None, OPENED, "jsd_trust_v1", ROLES, OPENED, OPENED)
INSTRUMENT = default_instrument()


def _answered(role: Role, questions: int) -> SurveySession:
    session = SurveySession.start(INSTRUMENT, role, "w1")
    for _ in range(questions):
        item = session.current_item
        assert item is not None
        session = session.answer(item.scale.choices[1].id).session
    return session


def _part(person: int, role: Role = Role.COMMUNITY, **changes: object) -> Participation:
    part = Participation("w1", person, role, None, False)
    return replace(part, **changes)  # type: ignore[arg-type]


def test_a_wave_nobody_answered_closes_with_its_invited_counts() -> None:
    parts = [_part(1), _part(2), _part(3, Role.POLICE)]
    closed, events = close_wave(WAVE, INSTRUMENT, parts, {}, {})
    assert closed == replace(WAVE, closed=True)
    assert events == (
        ParticipantReleased(1),
        ParticipantReleased(2),
        ParticipantReleased(3),
        CountsFrozen(
            {
                Role.COMMUNITY: RoleCounts(2, 0, 0),
                Role.POLICE: RoleCounts(1, 0, 0),
                Role.OFFICIAL: RoleCounts(0, 0, 0),
            }
        ),
    )


def test_complete_enough_surveys_are_kept_and_blocked_people_counted() -> None:
    most, little = _answered(Role.COMMUNITY, 5), _answered(Role.COMMUNITY, 1)
    assert most.complete_enough and not little.complete_enough
    parts = [
        _part(1, finished=True),
        _part(2, state=most.to_dict()),
        _part(3, state=little.to_dict()),
        _part(4, active=False),  # blocked the bot without answering
        _part(5, state=most.to_dict(), active=False),  # blocked, but answered enough first
    ]
    sessions = {2: most, 3: little, 5: most}
    _, events = close_wave(WAVE, INSTRUMENT, parts, sessions, {Role.COMMUNITY: 1})
    kept = [e for e in events if isinstance(e, SurveyKept)]
    assert kept == [SurveyKept(Role.COMMUNITY, most.record(), {})] * 2
    released = [e.person_id for e in events if isinstance(e, ParticipantReleased)]
    assert released == [2, 3, 4, 5]  # those finished left nothing to forget
    (frozen,) = [e for e in events if isinstance(e, CountsFrozen)]
    assert frozen.counts[Role.COMMUNITY] == RoleCounts(invited=5, blocked=1, answered=3)


def test_a_session_without_a_saved_state_is_not_kept() -> None:
    most = _answered(Role.COMMUNITY, 5)
    _, events = close_wave(WAVE, INSTRUMENT, [_part(1)], {1: most}, {})
    assert not any(isinstance(e, SurveyKept) for e in events)


def test_invited_is_never_fewer_than_those_who_answered() -> None:
    # Someone who answered then deleted their profile (/forgetme) has no participation row.
    _, events = close_wave(WAVE, INSTRUMENT, [_part(1)], {}, {Role.COMMUNITY: 3})
    frozen = events[-1]
    assert isinstance(frozen, CountsFrozen)
    assert frozen.counts[Role.COMMUNITY] == RoleCounts(3, 0, 3)


def test_only_the_groups_the_instrument_asks_are_counted() -> None:
    community_only = replace(WAVE, roles=(Role.COMMUNITY,))
    _, events = close_wave(community_only, INSTRUMENT, [_part(1)], {}, {})
    assert events[-1] == CountsFrozen({Role.COMMUNITY: RoleCounts(1, 0, 0)})
