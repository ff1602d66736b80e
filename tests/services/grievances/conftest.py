"""Grievance use cases without Telegram: a real database on a tmp file and a Runtime with a
clock that moves only when a test moves it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.dialogues import Person
from flows.roles import Role
from services.runtime import Runtime
from services.settings import Settings
from storage import Database

START = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # a Saturday, 10:00 in Niamey


class Clock:
    def __init__(self) -> None:
        self.moment = START

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kw: float) -> None:
        self.moment += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def db(tmp_path: Path):
    database = Database(tmp_path / "palabre.db")
    await database.open()
    yield database
    await database.close()


def runtime(tmp_path: Path, db: Database, clock: Clock, **settings) -> Runtime:
    seeded = random.Random(7)
    return Runtime(
        settings=Settings(db_path=tmp_path / "palabre.db", timezone="Africa/Niamey", **settings),
        db=db,
        clock=clock,
        random_bytes=seeded.randbytes,
        secret=b"k" * 32,
    )


@pytest.fixture
def rt(tmp_path: Path, db: Database, clock: Clock) -> Runtime:
    return runtime(tmp_path, db, clock)


@dataclass(frozen=True)
class Site:
    """A dialogue with a facilitator, two community members and a police officer."""

    dialogue_id: int
    facilitator: Person
    member: Person
    other: Person
    officer: Person


async def person(rt: Runtime, telegram_id: int, dialogue_id: int | None, role: Role) -> Person:
    async with rt.db.transaction() as tx:
        found = await tx.people.create(telegram_id, "en", rt.now())
        if dialogue_id is not None:
            await tx.people.add_membership(found.id, dialogue_id, role, rt.now())
    return found


@pytest.fixture
async def site(rt: Runtime) -> Site:
    async with rt.db.transaction() as tx:
        dialogue = await tx.dialogues.create("Maradi", "Africa/Niamey", rt.now())
    return Site(
        dialogue.id,
        await person(rt, 1001, dialogue.id, Role.FACILITATOR),
        await person(rt, 1002, dialogue.id, Role.COMMUNITY),
        await person(rt, 1003, dialogue.id, Role.COMMUNITY),
        await person(rt, 1004, dialogue.id, Role.POLICE),
    )


def database_bytes(path: Path) -> bytes:
    """The database file and its journal, as anyone holding a copy would read them."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
