"""A round's phases and how it moves between them.

collecting → moderating (only with moderation on) → voting → closed. Facilitators advance it
(/next, /close) or a deadline does. Every change is stored by the edge, so a restart resumes
the phase the round was in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from flows.roles import STAKEHOLDER_ROLES, Role


class Phase(StrEnum):
    COLLECTING = "collecting"
    MODERATING = "moderating"
    VOTING = "voting"
    CLOSED = "closed"


class Refusal(StrEnum):
    ALREADY_CLOSED = "already_closed"
    ROUND_OPEN = "round_open"
    NO_ROLES = "no_roles"


DEFAULT_STATEMENT_LIMIT = 500


@dataclass(frozen=True)
class RoundSettings:
    roles: tuple[Role, ...] = STAKEHOLDER_ROLES
    moderation: bool = True
    statement_limit: int = DEFAULT_STATEMENT_LIMIT
    #: How long each phase may last before it ends by itself (None: until a facilitator acts).
    deadlines: dict[Phase, timedelta] = field(default_factory=dict)

    def check(self) -> Refusal | None:
        if not self.roles or any(r not in STAKEHOLDER_ROLES for r in self.roles):
            return Refusal.NO_ROLES
        return None


def next_phase(phase: Phase, moderation: bool) -> Phase | Refusal:
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
    return Refusal.ALREADY_CLOSED if phase is Phase.CLOSED else Phase.CLOSED


def deadline_for(phase: Phase, started_at: datetime, settings: RoundSettings) -> datetime | None:
    limit = settings.deadlines.get(phase)
    return None if limit is None or phase is Phase.CLOSED else started_at + limit


def due(phase: Phase, started_at: datetime, settings: RoundSettings, now: datetime) -> bool:
    """Whether the phase's deadline has passed at ``now``."""
    deadline = deadline_for(phase, started_at, settings)
    return deadline is not None and now >= deadline


def may_open(open_phases: list[Phase]) -> Refusal | None:
    """One open round per dialogue at a time."""
    return Refusal.ROUND_OPEN if any(p is not Phase.CLOSED for p in open_phases) else None
