"""The records of trust surveys: schedules, waves, and who takes part in an open wave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flows.roles import Role, parse_role


@dataclass(frozen=True, slots=True)
class Schedule:
    id: str
    dialogue_id: int
    spec: str  # canonical text of a ScheduleSpec
    roles: tuple[Role, ...]
    instrument: str
    last_fired: datetime


@dataclass(frozen=True, slots=True)
class Wave:
    id: str
    dialogue_id: int
    schedule_id: str | None
    due_at: datetime
    instrument: str
    roles: tuple[Role, ...]
    opened_at: datetime
    closes_at: datetime
    reminders_sent: int = 0
    closed: bool = False


@dataclass(frozen=True, slots=True)
class Participation:
    """Someone invited to an open wave: their group, their survey so far (the session's state,
    without open texts; None before the first answer), whether they finished, and whether the
    bot can still write to them. Kept only until the wave closes."""

    wave_id: str
    person_id: int
    role: Role
    state: dict[str, Any] | None
    finished: bool
    active: bool = True


def roles_text(roles: tuple[Role, ...]) -> str:
    return ",".join(r.value for r in roles)


def parse_roles(text: str) -> tuple[Role, ...]:
    found = [parse_role(part) for part in text.split(",") if part]
    return tuple(r for r in found if r is not None)
