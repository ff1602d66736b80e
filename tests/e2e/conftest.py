"""The real PTB application, in-process, against the Bot API sandbox over loopback HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.app import build_application, running, runtime_of
from bot.config import Settings
from bot.runtime import Runtime
from sandbox import BotApiSandbox, VirtualParticipant

TOKEN = "123456:TEST-token-for-palabre-e2e"
BOT = "palabre_test_bot"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass
class World:
    sandbox: BotApiSandbox
    app: Application
    runtime: Runtime
    staff: VirtualParticipant
    clock: Clock
    db_path: Path


@pytest.fixture
async def sandbox():
    async with BotApiSandbox(token=TOKEN, bot_username=BOT, bot_name="Palabre") as sb:
        yield sb


@pytest.fixture
async def world(sandbox: BotApiSandbox, tmp_path: Path):
    staff = sandbox.participant("Grace", language_code="en")
    clock = Clock()
    db_path = tmp_path / "palabre.db"
    settings = Settings(
        token=TOKEN,
        api_root=sandbox.api_root,
        db_path=db_path,
        admins=frozenset({staff.user_id}),
        timezone="Africa/Niamey",
    )
    app = build_application(settings, clock=clock)
    async with running(app):
        yield World(sandbox, app, runtime_of(app), staff, clock, db_path)
