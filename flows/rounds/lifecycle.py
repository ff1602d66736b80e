"""A round's phases and how it moves between them.

collecting → moderating (only with moderation on) → voting → closed. Facilitators advance it
(/next, /close) or a deadline does, each an :class:`Event` that :func:`advance` applies. Every
change is stored by the use case (``services.rounds``), so a restart resumes the phase the
round was in; what entering a phase causes is :mod:`flows.rounds.moves`.

Everything here is a pure function of the stored round, the event and ``now`` (passed in, never
read from a clock), so the same code serves the facilitator's command, the scheduler's tick
and a restart that finds deadlines passed while the bot was down. Who may send an event
("not a facilitator") is the edge's business, not this module's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.text import N_


class Phase(StrEnum):
    """Where a round is. Persisted: never rename a value."""

    COLLECTING = "collecting"
    MODERATING = "moderating"
    VOTING = "voting"
    CLOSED = "closed"


#: Phases in which a round is open (a dialogue has at most one round in one of these).
OPEN_PHASES: frozenset[Phase] = frozenset({Phase.COLLECTING, Phase.MODERATING, Phase.VOTING})


class Event(StrEnum):
    """What can move a round: a facilitator's /next or /close, or the phase's deadline."""

    NEXT = "next"
    CLOSE = "close"
    DEADLINE = "deadline"


class Refusal(StrEnum):
    """Why a change to a round was refused; :attr:`message` says it to the facilitator."""

    ALREADY_CLOSED = "already_closed"
    ROUND_OPEN = "round_open"
    NO_ROLES = "no_roles"
    NOT_DUE = "not_due"  # a deadline event before the deadline, or with no deadline set
    BAD_LIMIT = "bad_limit"
    BAD_DEADLINE = "bad_deadline"

    @property
    def message(self) -> str:
        """What the facilitator is told, as a message id the edge translates."""
        return REFUSAL_MESSAGES[self]


REFUSAL_MESSAGES: dict[Refusal, str] = {
    Refusal.ALREADY_CLOSED: N_("This round is already closed."),
    Refusal.ROUND_OPEN: N_("A round is already open in this dialogue."),
    Refusal.NO_ROLES: N_("Choose at least one group."),
    Refusal.NOT_DUE: N_("This phase has not reached its deadline yet."),
    Refusal.BAD_LIMIT: N_(
        "The statement limit this bot is set to (PALABRE_STATEMENT_LIMIT) cannot be used: "
        "ask its administrator."
    ),
    Refusal.BAD_DEADLINE: N_(
        "A deadline can only be set for collecting, moderation or voting, and must last some time."
    ),
}


DEFAULT_STATEMENT_LIMIT = 500
#: Bounds of a configurable statement limit: a statement is shown inside one Telegram message
#: (4,096 characters at most) together with its label and, possibly, a translation note.
MIN_STATEMENT_LIMIT = 1
MAX_STATEMENT_LIMIT = 3500


@dataclass(frozen=True)
class RoundSettings:
    """How a round runs, fixed when it opens."""

    roles: tuple[Role, ...] = STAKEHOLDER_ROLES
    moderation: bool = True
    statement_limit: int = DEFAULT_STATEMENT_LIMIT
    #: How long each phase may last before it ends by itself (absent: until a facilitator acts).
    deadlines: dict[Phase, timedelta] = field(default_factory=dict)

    def check(self) -> Refusal | None:
        """Why these settings cannot open a round, or None when they can."""
        if not self.roles or any(r not in STAKEHOLDER_ROLES for r in self.roles):
            return Refusal.NO_ROLES
        if not MIN_STATEMENT_LIMIT <= self.statement_limit <= MAX_STATEMENT_LIMIT:
            return Refusal.BAD_LIMIT
        if any(
            phase not in OPEN_PHASES or limit <= timedelta(0)
            for phase, limit in self.deadlines.items()
        ):
            return Refusal.BAD_DEADLINE
        return None


def next_phase(phase: Phase, moderation: bool) -> Phase | Refusal:
    """The phase after ``phase``; moderating is skipped when moderation is off."""
    match phase:
        case Phase.COLLECTING:
            return Phase.MODERATING if moderation else Phase.VOTING
        case Phase.MODERATING:
            return Phase.VOTING
        case Phase.VOTING:
            return Phase.CLOSED
        case Phase.CLOSED:
            return Refusal.ALREADY_CLOSED


def close(phase: Phase) -> Phase | Refusal:
    """A facilitator may close a round in any open phase (results use the votes so far)."""
    return Refusal.ALREADY_CLOSED if phase is Phase.CLOSED else Phase.CLOSED


def deadline_for(phase: Phase, started_at: datetime, settings: RoundSettings) -> datetime | None:
    """When ``phase``, begun at ``started_at``, ends by itself; None: only a facilitator ends it."""
    limit = settings.deadlines.get(phase)
    return None if limit is None or phase is Phase.CLOSED else started_at + limit


def due(phase: Phase, started_at: datetime, settings: RoundSettings, now: datetime) -> bool:
    """Whether the phase's deadline has passed at ``now`` (reached exactly counts)."""
    deadline = deadline_for(phase, started_at, settings)
    return deadline is not None and now >= deadline


def transition(
    phase: Phase,
    event: Event,
    settings: RoundSettings,
    phase_started_at: datetime,
    now: datetime,
) -> Phase | Refusal:
    """The phase ``event`` moves the round to, or why it does not move.

    A deadline moves the round one phase only, even if later deadlines have also passed (the
    bot was down): the new phase starts at ``now``, so participants always get its full time.
    """
    if phase is Phase.CLOSED:
        return Refusal.ALREADY_CLOSED
    match event:
        case Event.CLOSE:
            return close(phase)
        case Event.NEXT:
            return next_phase(phase, settings.moderation)
        case Event.DEADLINE:
            if not due(phase, phase_started_at, settings, now):
                return Refusal.NOT_DUE
            return next_phase(phase, settings.moderation)


@dataclass(frozen=True)
class Round:
    """A round as stored: what it asks, how it runs, where it is."""

    id: str
    dialogue_id: int
    phase: Phase
    phase_started_at: datetime
    settings: RoundSettings
    template_id: str | None = None
    custom_prompt: tuple[tuple[str, str], ...] = ()

    @property
    def is_open(self) -> bool:
        return self.phase is not Phase.CLOSED

    def asks(self, role: Role) -> bool:
        """Whether the round puts its question (and its statements, to vote on) to ``role``."""
        return role in self.settings.roles

    def collects_from(self, role: Role) -> bool:
        """Whether ``role`` may write statements now: the round collects and asks them."""
        return self.phase is Phase.COLLECTING and self.asks(role)

    @property
    def deadline(self) -> datetime | None:
        """When the current phase ends by itself, if it does."""
        return deadline_for(self.phase, self.phase_started_at, self.settings)


def advance(r: Round, event: Event, now: datetime) -> Round | Refusal:
    """The round after ``event`` at ``now`` (its new phase starting then), or a refusal."""
    target = transition(r.phase, event, r.settings, r.phase_started_at, now)
    if isinstance(target, Refusal):
        return target
    return replace(r, phase=target, phase_started_at=now)


def open_round_of(rounds: Iterable[Round], dialogue_id: int) -> Round | None:
    """The dialogue's open round among ``rounds`` (any dialogue's), if it has one."""
    return next((r for r in rounds if r.dialogue_id == dialogue_id and r.is_open), None)


def may_open_round(rounds: Iterable[Round], dialogue_id: int) -> Refusal | None:
    """The one-open-round rule over existing rounds: refused while the dialogue has one open."""
    return None if open_round_of(rounds, dialogue_id) is None else Refusal.ROUND_OPEN
