"""A dialogue on a real database, for the round and action item use cases without Telegram:
a ``services.runtime.Runtime`` with a clock the test moves, seeded randomness and a fixed key."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flows.dialogues import Person
from flows.notices import Notice
from flows.roles import Role
from services.runtime import Runtime
from services.settings import Settings
from storage import Database

START = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    moment: datetime = START

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass
class Place:
    rt: Runtime
    clock: Clock
    dialogue_id: int
    people: dict[Role, list[Person]] = field(default_factory=dict)

    @property
    def facilitator(self) -> Person:
        return self.people[Role.FACILITATOR][0]

    def everyone(self) -> list[Person]:
        return [p for group in self.people.values() for p in group]

    async def notices(self) -> list[Notice]:
        """Everything queued in the outbox so far, oldest first."""
        async with self.rt.db.read() as tx:
            items = await tx.outbox.due(self.clock() + timedelta(days=3650), 10_000)
        return [item.notice for item in items]


COUNTS = {Role.COMMUNITY: 3, Role.POLICE: 2, Role.OFFICIAL: 1, Role.FACILITATOR: 2}


@asynccontextmanager
async def place(tmp_path: Path, counts: dict[Role, int] | None = None) -> AsyncIterator[Place]:
    clock = Clock()
    settings = Settings(db_path=tmp_path / "palabre.db", timezone="Africa/Niamey")
    db = Database(settings.db_path)
    await db.open()
    seeded = random.Random(7)
    rt = Runtime(
        settings=settings, db=db, clock=clock, random_bytes=seeded.randbytes, secret=b"k" * 32
    )
    try:
        async with db.transaction() as tx:
            dialogue = await tx.dialogues.create("Maradi Nord", "Africa/Niamey", clock())
            people: dict[Role, list[Person]] = {}
            telegram_id = 1000
            for role, n in (counts or COUNTS).items():
                for _ in range(n):
                    telegram_id += 1
                    person = await tx.people.create(telegram_id, "en", clock())
                    await tx.people.add_membership(person.id, dialogue.id, role, clock())
                    people.setdefault(role, []).append(person)
        yield Place(rt, clock, dialogue.id, people)
    finally:
        await db.close()
