"""`palabre run` as deployed, a child process over loopback HTTP against the sandbox, for the
end-to-end tests of the main paths, crashes included."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path

from sandbox import BotApiSandbox, VirtualParticipant
from tests.e2e.conftest import BOT, TOKEN


class BotProcess:
    """`palabre run` as a child process, started, killed and restarted by the test."""

    def __init__(self, sandbox: BotApiSandbox, env: dict[str, str], log_path: Path) -> None:
        self.sandbox, self.env, self.log_path = sandbox, env, log_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        polls = self.sandbox.stats.requests.get("getUpdates", 0)
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "run",
                "--create",
                env=self.env,
                stdout=log,
                stderr=log,
            )
        for _ in range(300):
            if self.sandbox.stats.requests.get("getUpdates", 0) > polls:
                return
            if self.process.returncode is not None:
                raise AssertionError(f"palabre run exited: {self.log_path.read_text()[-2000:]}")
            await asyncio.sleep(0.05)
        raise AssertionError("palabre run never started polling")

    async def kill(self) -> None:
        """kill -9: no shutdown, no final acknowledgement of updates."""
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        process = self.process
        process.send_signal(signal.SIGTERM)
        exited = asyncio.create_task(process.wait())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        # End its long poll (again, should it poll once more before it reads the signal).
        while not exited.done() and loop.time() < deadline:
            await self.sandbox.release_pollers()
            await asyncio.wait({exited}, timeout=0.1)
        if not exited.done():
            process.kill()
        await exited


@dataclass
class Deployment:
    sandbox: BotApiSandbox
    staff: VirtualParticipant
    db_path: Path
    bot: BotProcess

    async def handled(self) -> None:
        """The process has handled every update sent so far: it handles updates one at a
        time, in order, so once a bystander's /help is answered, everything before it was."""
        bystander = self.sandbox.participant("bystander")
        await bystander.send("/help")
        await bystander.expect(timeout=15)

    async def delivered(self) -> None:
        """Every update handled and every outbox row claimed with its sends answered: a
        message can only go out again from a row not yet claimed, and none is left."""
        await self.handled()

        def unclaimed() -> int:
            with closing(sqlite3.connect(self.db_path)) as conn:
                return conn.execute(
                    "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts < 5"
                ).fetchone()[0]

        await self.sandbox.until(
            lambda: unclaimed() == 0 and self.sandbox.calls_in_flight == 0,
            "the outbox being sent",
            timeout=20,
        )

    def one(self, sql: str, *params: object) -> tuple:
        with closing(sqlite3.connect(self.db_path)) as conn:
            return conn.execute(sql, params).fetchone()


@asynccontextmanager
async def deployed(tmp_path: Path) -> AsyncIterator[Deployment]:
    """A sandbox, a staff member, and `palabre run` started on a database in ``tmp_path``."""
    async with BotApiSandbox(token=TOKEN, bot_username=BOT, bot_name="Palabre") as sb:
        staff = sb.participant("Grace", language_code="en")
        db_path, log_path = tmp_path / "palabre.db", tmp_path / "palabre.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PALABRE_")}
        env.update(
            PALABRE_BOT_TOKEN=TOKEN,
            PALABRE_API_ROOT=sb.api_root,
            PALABRE_DB=str(db_path),
            PALABRE_ADMINS=str(staff.user_id),
            PALABRE_LOG_LEVEL="DEBUG",
        )
        bot = BotProcess(sb, env, log_path)
        await bot.start()
        try:
            yield Deployment(sb, staff, db_path, bot)
        finally:
            await bot.stop()
        log_text = log_path.read_text(errors="replace")
        assert TOKEN not in log_text, "the token reached the log"
        assert TOKEN.split(":")[1] not in log_text
