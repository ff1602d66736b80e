"""Use cases run without Telegram: a real database on a temporary file, and a runtime whose
clock stands still until a test moves it and whose randomness is seeded."""

from __future__ import annotations

import itertools
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.notices import Notice
from flows.roles import Role
from services.runtime import Runtime
from services.settings import Settings
from storage import Database

_TELEGRAM_IDS = itertools.count(1000)
#: A Monday.
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    moment: datetime = START

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass
class Place:
    """A dialogue with its members by group."""

    dialogue_id: int
    members: dict[Role, list[int]] = field(default_factory=dict)

    def __getitem__(self, role: Role) -> list[int]:
        return self.members[role]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "palabre.db")
    await database.open()
    yield database
    await database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def rt(db: Database, clock: Clock, tmp_path: Path) -> Runtime:
    seeded = random.Random(7)
    return Runtime(
        settings=Settings(db_path=tmp_path / "palabre.db", min_group_size=3),
        db=db,
        clock=clock,
        random_bytes=seeded.randbytes,
    )


async def add_dialogue(rt: Runtime, name: str = "Maradi", **groups: int) -> Place:
    """A dialogue with ``community=3, police=2``… members."""
    now = rt.now()
    async with rt.db.transaction() as tx:
        dialogue = await tx.dialogues.create(name, "UTC", now)
        place = Place(dialogue.id)
        for role_name, count in groups.items():
            role = Role(role_name)
            place.members[role] = []
            for _ in range(count):
                person = await tx.people.create(next(_TELEGRAM_IDS), "en", now)
                await tx.people.add_membership(person.id, dialogue.id, role, now)
                place.members[role].append(person.id)
    return place


async def queued(rt: Runtime, until: datetime | None = None) -> list[Notice]:
    """The notices waiting in the outbox (due by ``until``: by default, any time)."""
    moment = until or rt.now() + timedelta(days=365)
    async with rt.db.read() as tx:
        return [item.notice for item in await tx.outbox.due(moment, 10_000)]
