"""Survey schedules and waves as storage and the edge pass them around."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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


def roles_text(roles: tuple[Role, ...]) -> str:
    return ",".join(r.value for r in roles)


def parse_roles(text: str) -> tuple[Role, ...]:
    found = [parse_role(part) for part in text.split(",") if part]
    return tuple(r for r in found if r is not None)
