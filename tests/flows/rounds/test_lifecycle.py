"""A round's phases: transitions, closing, deadlines, one open round, settings checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import (
    DEFAULT_STATEMENT_LIMIT,
    MAX_STATEMENT_LIMIT,
    OPEN_PHASES,
    Event,
    Phase,
    Refusal,
    Round,
    RoundSettings,
    advance,
    close,
    deadline_for,
    due,
    may_open_round,
    next_phase,
    open_round_of,
    transition,
)

START = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)

# -- transitions --------------------------------------------------------------------------------

WITH_MODERATION = {
    Phase.COLLECTING: Phase.MODERATING,
    Phase.MODERATING: Phase.VOTING,
    Phase.VOTING: Phase.CLOSED,
    Phase.CLOSED: Refusal.ALREADY_CLOSED,
}
WITHOUT_MODERATION = {**WITH_MODERATION, Phase.COLLECTING: Phase.VOTING}


@pytest.mark.parametrize("phase", list(Phase))
def test_transition_table_with_moderation(phase: Phase) -> None:
    assert next_phase(phase, moderation=True) == WITH_MODERATION[phase]


@pytest.mark.parametrize("phase", list(Phase))
def test_transition_table_without_moderation(phase: Phase) -> None:
    assert next_phase(phase, moderation=False) == WITHOUT_MODERATION[phase]


def _walk(moderation: bool) -> list[Phase]:
    path = [Phase.COLLECTING]
    while True:
        step = next_phase(path[-1], moderation)
        if isinstance(step, Refusal):
            assert step is Refusal.ALREADY_CLOSED
            return path
        path.append(step)
        assert len(path) <= len(Phase)


def test_full_walk_with_moderation() -> None:
    assert _walk(True) == [Phase.COLLECTING, Phase.MODERATING, Phase.VOTING, Phase.CLOSED]


def test_full_walk_without_moderation_skips_moderating() -> None:
    assert _walk(False) == [Phase.COLLECTING, Phase.VOTING, Phase.CLOSED]


@pytest.mark.parametrize("phase", [Phase.COLLECTING, Phase.MODERATING, Phase.VOTING])
def test_close_from_any_open_phase(phase: Phase) -> None:
    assert close(phase) is Phase.CLOSED


def test_close_refuses_a_closed_round() -> None:
    assert close(Phase.CLOSED) is Refusal.ALREADY_CLOSED


def test_phase_values_are_stable() -> None:
    # Persisted: renaming a value would strand stored rounds.
    assert [p.value for p in Phase] == ["collecting", "moderating", "voting", "closed"]


# -- deadlines ----------------------------------------------------------------------------------


def _settings(**deadlines: timedelta) -> RoundSettings:
    return RoundSettings(deadlines={Phase(name): limit for name, limit in deadlines.items()})


def test_deadline_is_start_plus_the_phase_limit() -> None:
    settings = _settings(collecting=timedelta(days=3), voting=timedelta(days=1))
    assert deadline_for(Phase.COLLECTING, START, settings) == START + timedelta(days=3)
    assert deadline_for(Phase.VOTING, START, settings) == START + timedelta(days=1)
    assert deadline_for(Phase.MODERATING, START, settings) is None


def test_closed_phase_has_no_deadline_even_if_configured() -> None:
    settings = _settings(closed=timedelta(days=1))
    assert deadline_for(Phase.CLOSED, START, settings) is None
    assert not due(Phase.CLOSED, START, settings, START + timedelta(days=365))


@pytest.mark.parametrize("phase", [Phase.COLLECTING, Phase.MODERATING, Phase.VOTING])
@pytest.mark.parametrize("limit", [timedelta(days=1), timedelta(days=3), timedelta(days=7)])
def test_due_exactly_at_the_deadline_not_before(phase: Phase, limit: timedelta) -> None:
    settings = RoundSettings(deadlines={phase: limit})
    deadline = START + limit
    assert not due(phase, START, settings, deadline - timedelta(seconds=1))
    assert not due(phase, START, settings, deadline - timedelta(microseconds=1))
    assert due(phase, START, settings, deadline)
    assert due(phase, START, settings, deadline + timedelta(microseconds=1))
    assert due(phase, START, settings, deadline + timedelta(days=30))


def test_not_due_at_the_start() -> None:
    settings = _settings(voting=timedelta(hours=1))
    assert not due(Phase.VOTING, START, settings, START)


def test_only_the_configured_phase_is_due() -> None:
    settings = _settings(moderating=timedelta(days=1))
    later = START + timedelta(days=2)
    assert due(Phase.MODERATING, START, settings, later)
    assert not due(Phase.COLLECTING, START, settings, later)
    assert not due(Phase.VOTING, START, settings, later)


@given(
    phase=st.sampled_from(list(Phase)),
    offset=st.timedeltas(min_value=timedelta(days=-3650), max_value=timedelta(days=3650)),
)
def test_no_deadline_is_never_due(phase: Phase, offset: timedelta) -> None:
    settings = RoundSettings()
    assert deadline_for(phase, START, settings) is None
    assert not due(phase, START, settings, START + offset)


@given(
    phase=st.sampled_from([Phase.COLLECTING, Phase.MODERATING, Phase.VOTING]),
    limit=st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=30)),
    offset=st.timedeltas(min_value=timedelta(days=-1), max_value=timedelta(days=60)),
)
def test_due_iff_now_reaches_the_deadline(
    phase: Phase, limit: timedelta, offset: timedelta
) -> None:
    settings = RoundSettings(deadlines={phase: limit})
    now = START + offset
    assert due(phase, START, settings, now) == (offset >= limit)


# -- settings and rounds ------------------------------------------------------------------------


def test_default_settings() -> None:
    settings = RoundSettings()
    assert settings.roles == STAKEHOLDER_ROLES
    assert settings.moderation is True
    assert settings.statement_limit == DEFAULT_STATEMENT_LIMIT == 500
    assert settings.deadlines == {}
    assert settings.check() is None


def test_default_deadlines_are_not_shared_between_settings() -> None:
    first, second = RoundSettings(), RoundSettings()
    first.deadlines[Phase.VOTING] = timedelta(days=1)
    assert second.deadlines == {}


@pytest.mark.parametrize(
    "roles",
    [roles for n in (1, 2, 3) for roles in combinations(STAKEHOLDER_ROLES, n)],
)
def test_check_accepts_any_non_empty_set_of_stakeholder_roles(roles: tuple[Role, ...]) -> None:
    assert RoundSettings(roles=roles).check() is None


def test_check_refuses_empty_roles() -> None:
    assert RoundSettings(roles=()).check() is Refusal.NO_ROLES


@pytest.mark.parametrize(
    "roles",
    [
        (Role.FACILITATOR,),
        (Role.COMMUNITY, Role.FACILITATOR),
        (*STAKEHOLDER_ROLES, Role.FACILITATOR),
        (Role.FACILITATOR, Role.POLICE),
    ],
)
def test_check_refuses_the_facilitator_role(roles: tuple[Role, ...]) -> None:
    assert RoundSettings(roles=roles).check() is Refusal.NO_ROLES


@pytest.mark.parametrize("phase", list(Phase))
def test_round_is_open_until_closed(phase: Phase) -> None:
    r = Round("r1", 7, phase, START, RoundSettings(), template_id="trust")
    assert r.is_open == (phase is not Phase.CLOSED)


# -- the transition function --------------------------------------------------------------------

HOUR = timedelta(hours=1)
EVERY_DEADLINE = {p: HOUR for p in OPEN_PHASES}
OPEN = [Phase.COLLECTING, Phase.MODERATING, Phase.VOTING]

# (phase, event, moderation, deadline passed) → result. Written out by hand, not derived.
TABLE: dict[tuple[Phase, Event, bool, bool], Phase | Refusal] = {}
for _passed in (False, True):
    for _moderation in (False, True):
        TABLE[(Phase.COLLECTING, Event.NEXT, _moderation, _passed)] = (
            Phase.MODERATING if _moderation else Phase.VOTING
        )
        TABLE[(Phase.MODERATING, Event.NEXT, _moderation, _passed)] = Phase.VOTING
        TABLE[(Phase.VOTING, Event.NEXT, _moderation, _passed)] = Phase.CLOSED
        for _phase in OPEN:
            TABLE[(_phase, Event.CLOSE, _moderation, _passed)] = Phase.CLOSED
        TABLE[(Phase.COLLECTING, Event.DEADLINE, _moderation, _passed)] = (
            (Phase.MODERATING if _moderation else Phase.VOTING) if _passed else Refusal.NOT_DUE
        )
        TABLE[(Phase.MODERATING, Event.DEADLINE, _moderation, _passed)] = (
            Phase.VOTING if _passed else Refusal.NOT_DUE
        )
        TABLE[(Phase.VOTING, Event.DEADLINE, _moderation, _passed)] = (
            Phase.CLOSED if _passed else Refusal.NOT_DUE
        )
        for _event in Event:
            TABLE[(Phase.CLOSED, _event, _moderation, _passed)] = Refusal.ALREADY_CLOSED


def test_transition_table_covers_every_case() -> None:
    assert len(TABLE) == len(Phase) * len(Event) * 2 * 2


@pytest.mark.parametrize(("phase", "event", "moderation", "passed"), list(TABLE))
def test_transition_table(phase: Phase, event: Event, moderation: bool, passed: bool) -> None:
    settings = RoundSettings(moderation=moderation, deadlines=dict(EVERY_DEADLINE))
    now = START + (HOUR if passed else HOUR - timedelta(seconds=1))
    assert (
        transition(phase, event, settings, START, now) == TABLE[(phase, event, moderation, passed)]
    )


@pytest.mark.parametrize("phase", OPEN)
def test_deadline_event_without_a_deadline_is_refused(phase: Phase) -> None:
    far = START + timedelta(days=3650)
    assert transition(phase, Event.DEADLINE, RoundSettings(), START, far) is Refusal.NOT_DUE


def test_event_values_are_stable() -> None:
    assert [e.value for e in Event] == ["next", "close", "deadline"]


def _round(phase: Phase = Phase.COLLECTING, **settings: object) -> Round:
    return Round("r1", 7, phase, START, RoundSettings(**settings), template_id="trust")  # type: ignore[arg-type]


def test_advance_starts_the_new_phase_now() -> None:
    r = _round(moderation=False)
    later = START + timedelta(hours=5)
    moved = advance(r, Event.NEXT, later)
    assert isinstance(moved, Round)
    assert (moved.phase, moved.phase_started_at) == (Phase.VOTING, later)
    assert (moved.id, moved.dialogue_id, moved.settings, moved.template_id) == (
        r.id,
        r.dialogue_id,
        r.settings,
        r.template_id,
    )
    assert r.phase is Phase.COLLECTING  # not mutated


def test_advance_passes_refusals_through() -> None:
    assert advance(_round(Phase.CLOSED), Event.CLOSE, START) is Refusal.ALREADY_CLOSED
    assert advance(_round(), Event.DEADLINE, START) is Refusal.NOT_DUE


def test_passed_deadlines_move_one_phase_at_a_time_each_with_its_full_time() -> None:
    # The bot was down for a week: every deadline has passed, yet voting must still get its day.
    day = timedelta(days=1)
    r = _round(deadlines={Phase.COLLECTING: day, Phase.MODERATING: day, Phase.VOTING: day})
    back = START + timedelta(days=7)
    moderating = advance(r, Event.DEADLINE, back)
    assert isinstance(moderating, Round) and moderating.phase is Phase.MODERATING
    assert moderating.deadline == back + day
    assert advance(moderating, Event.DEADLINE, back) is Refusal.NOT_DUE
    voting = advance(moderating, Event.DEADLINE, back + day)
    assert isinstance(voting, Round) and voting.phase is Phase.VOTING
    assert voting.deadline == back + 2 * day
    closed = advance(voting, Event.DEADLINE, back + 2 * day)
    assert isinstance(closed, Round) and closed.phase is Phase.CLOSED
    assert closed.deadline is None


def test_round_deadline_follows_its_phase() -> None:
    r = _round(Phase.VOTING, deadlines={Phase.VOTING: timedelta(days=2)})
    assert r.deadline == START + timedelta(days=2)
    assert _round(Phase.COLLECTING, deadlines={Phase.VOTING: timedelta(days=2)}).deadline is None


_ORDER = {Phase.COLLECTING: 0, Phase.MODERATING: 1, Phase.VOTING: 2, Phase.CLOSED: 3}


@given(
    moderation=st.booleans(),
    events=st.lists(st.sampled_from(list(Event)), max_size=12),
    gaps=st.lists(st.integers(min_value=0, max_value=7200), min_size=12, max_size=12),
)
def test_any_event_sequence_only_moves_forward_and_closed_is_final(
    moderation: bool, events: list[Event], gaps: list[int]
) -> None:
    r = _round(moderation=moderation, deadlines=dict(EVERY_DEADLINE))
    now = START
    for event, gap in zip(events, gaps, strict=False):
        now += timedelta(seconds=gap)
        moved = advance(r, event, now)
        if isinstance(moved, Refusal):
            assert moved is (Refusal.ALREADY_CLOSED if r.phase is Phase.CLOSED else Refusal.NOT_DUE)
            continue
        assert _ORDER[moved.phase] > _ORDER[r.phase]
        assert moved.phase is not Phase.MODERATING or moderation
        assert moved.phase_started_at == now
        r = moved


@given(moderation=st.booleans())
def test_next_reaches_closed_in_at_most_three_steps(moderation: bool) -> None:
    r: Round | Refusal = _round(moderation=moderation)
    steps = 0
    while isinstance(r, Round) and r.is_open:
        r = advance(r, Event.NEXT, START)
        steps += 1
    assert isinstance(r, Round) and r.phase is Phase.CLOSED
    assert steps == (3 if moderation else 2)


# -- settings checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "ok"), [(0, False), (1, True), (500, True), (3500, True), (3501, False), (-5, False)]
)
def test_statement_limit_bounds(limit: int, ok: bool) -> None:
    assert MAX_STATEMENT_LIMIT == 3500
    expected = None if ok else Refusal.BAD_LIMIT
    assert RoundSettings(statement_limit=limit).check() is expected


@pytest.mark.parametrize(
    "deadlines",
    [
        {Phase.VOTING: timedelta(0)},
        {Phase.COLLECTING: timedelta(seconds=-1)},
        {Phase.CLOSED: timedelta(days=1)},
        {Phase.COLLECTING: timedelta(days=1), Phase.VOTING: timedelta(0)},
    ],
)
def test_bad_deadlines_are_refused(deadlines: dict[Phase, timedelta]) -> None:
    assert RoundSettings(deadlines=deadlines).check() is Refusal.BAD_DEADLINE


def test_good_deadlines_are_accepted() -> None:
    settings = RoundSettings(deadlines={p: timedelta(seconds=1) for p in OPEN_PHASES})
    assert settings.check() is None


def test_roles_are_checked_before_the_rest() -> None:
    assert RoundSettings(roles=(), statement_limit=0).check() is Refusal.NO_ROLES


# -- one open round, over stored rounds ---------------------------------------------------------


def _stored(round_id: str, dialogue_id: int, phase: Phase) -> Round:
    return Round(round_id, dialogue_id, phase, START, RoundSettings())


def test_may_open_round_over_stored_rounds() -> None:
    rounds = [_stored("a", 1, Phase.CLOSED), _stored("b", 2, Phase.VOTING)]
    assert may_open_round([], 1) is None
    assert may_open_round(rounds, 1) is None  # dialogue 2's open round does not block 1
    assert may_open_round(rounds, 2) is Refusal.ROUND_OPEN
    assert open_round_of(rounds, 2) == rounds[1]
    assert open_round_of(rounds, 1) is None


@pytest.mark.parametrize("phase", [Phase.COLLECTING, Phase.MODERATING, Phase.VOTING])
def test_may_open_round_refuses_while_a_round_is_open(phase: Phase) -> None:
    rounds = [_stored("a", 1, Phase.CLOSED), _stored("b", 1, phase), _stored("c", 1, Phase.CLOSED)]
    assert may_open_round(rounds, 1) is Refusal.ROUND_OPEN
    assert may_open_round([_stored("d", 1, Phase.CLOSED)] * 5, 1) is None


@given(st.lists(st.tuples(st.integers(1, 3), st.sampled_from(list(Phase))), max_size=10))
def test_may_open_round_iff_every_round_of_the_dialogue_is_closed(
    specs: list[tuple[int, Phase]],
) -> None:
    rounds = [_stored(f"r{i}", d, p) for i, (d, p) in enumerate(specs)]
    for dialogue_id in (1, 2, 3):
        phases = [r.phase for r in rounds if r.dialogue_id == dialogue_id]
        expected = None if all(p is Phase.CLOSED for p in phases) else Refusal.ROUND_OPEN
        assert may_open_round(rounds, dialogue_id) == expected
        found = open_round_of(rounds, dialogue_id)
        assert (found is None) == all(p is Phase.CLOSED for p in phases)
        assert found is None or (found.dialogue_id == dialogue_id and found.is_open)
