"""The real PTB application, in-process, against the Bot API sandbox over loopback HTTP."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
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
    settings: Settings
    stack: AsyncExitStack

    async def restart(self) -> None:
        """Stop the bot and start a new one on the same database (as after a crash)."""
        await self.stack.aclose()
        self.stack = AsyncExitStack()
        self.app = build_application(self.settings, clock=self.clock)
        await self.stack.enter_async_context(running(self.app))
        self.runtime = runtime_of(self.app)

    async def drained(self) -> None:
        """Wait until the outbox is empty and the bot is quiet."""
        for _ in range(300):
            async with self.runtime.db.read() as tx:
                if await tx.outbox.pending() == 0:
                    break
            await asyncio.sleep(0.05)
        await self.sandbox.settle(idle=0.2, timeout=20)


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
    stack = AsyncExitStack()
    await stack.enter_async_context(running(app))
    world = World(sandbox, app, runtime_of(app), staff, clock, db_path, settings, stack)
    try:
        yield world
    finally:
        await world.stack.aclose()
