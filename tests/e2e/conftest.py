"""The real PTB application, in-process, against the Bot API sandbox over loopback HTTP."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot import outbox
from bot.app import build_application, running, runtime_of
from bot.config import Settings
from bot.runtime import Runtime
from sandbox import BotApiSandbox, VirtualParticipant

TOKEN = "123456:TEST-token-for-palabre-e2e"
BOT = "palabre_test_bot"


class Clock:
    """The bot's clock in a test: stopped at a moment the test sets and moves by hand, or
    running from a moment at the pace of real time (``run_from``), for what must happen by
    itself (a JobQueue alarm ringing at its due time)."""

    def __init__(self) -> None:
        self._moment = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
        self._running_since: float | None = None

    def __call__(self) -> datetime:
        if self._running_since is None:
            return self._moment
        return self._moment + timedelta(seconds=time.monotonic() - self._running_since)

    @property
    def moment(self) -> datetime:
        return self()

    @moment.setter
    def moment(self, value: datetime) -> None:
        """Stop the clock at ``value``."""
        self._moment, self._running_since = value, None

    def advance(self, **delta: float) -> None:
        self.moment = self() + timedelta(**delta)

    def run_from(self, moment: datetime) -> None:
        """Let the clock run, at the pace of real time, from ``moment``."""
        self._moment, self._running_since = moment, time.monotonic()


@dataclass
class World:
    sandbox: BotApiSandbox
    app: Application
    runtime: Runtime
    staff: VirtualParticipant
    clock: Clock
    db_path: Path
    settings: Settings
    stack: AsyncExitStack

    async def restart(self) -> None:
        """Stop the bot and start a new one on the same database (as after a crash)."""
        await self.stack.aclose()
        self.stack = AsyncExitStack()
        self.app = build_application(self.settings, clock=self.clock)
        self.sandbox.watch(self.app)
        await self.stack.enter_async_context(running(self.app))
        self.runtime = runtime_of(self.app)

    async def drained(self, timeout: float = 20.0) -> None:
        """Wait until the bot has handled every update and delivered everything it queued."""
        await delivered(self.sandbox, self.runtime, timeout)


async def delivered(sandbox: BotApiSandbox, rt: Runtime, timeout: float = 20.0) -> None:
    """The bot handled every update sent so far and its outbox has been sent out."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await sandbox.settle(timeout=max(0.1, deadline - loop.time()))
        if await outbox.delivered(rt):
            return
        if loop.time() >= deadline:
            raise AssertionError(f"the outbox was not delivered within {timeout}s")
        await asyncio.sleep(0.005)


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
    sandbox.watch(app)
    stack = AsyncExitStack()
    await stack.enter_async_context(running(app))
    world = World(sandbox, app, runtime_of(app), staff, clock, db_path, settings, stack)
    try:
        yield world
    finally:
        await world.stack.aclose()
