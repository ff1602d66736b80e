"""`palabre run` refuses to start, or waits, with one clear line: a token Telegram rejects, a
database path that does not exist, an API that cannot be reached; and says what it started as."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

from sandbox import BotApiSandbox
from tests.e2e.conftest import BOT, TOKEN
from tests.e2e.deployment import deployed

WRONG_TOKEN = "654321:a-well-formed-token-Telegram-does-not-know"


def _env(tmp_path: Path, api_root: str, token: str = TOKEN) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALABRE_")}
    env.update(
        PALABRE_BOT_TOKEN=token,
        PALABRE_API_ROOT=api_root,
        PALABRE_DB=str(tmp_path / "palabre.db"),
    )
    return env


async def _palabre(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_a_token_telegram_refuses_ends_the_start_with_one_line(tmp_path: Path) -> None:
    async with BotApiSandbox(token=TOKEN, bot_username=BOT) as sb:
        process = await _palabre(_env(tmp_path, sb.api_root, WRONG_TOKEN), "--create")
        out, err = await process.communicate()
    assert process.returncode == 2
    lines = err.decode().strip().splitlines()
    assert (
        lines[-1] == "palabre: error: Telegram refused PALABRE_BOT_TOKEN (check it with @BotFather)"
    )
    assert "Traceback" not in err.decode() and WRONG_TOKEN.split(":")[1] not in err.decode()
    assert len([line for line in lines if "error" in line.lower()]) == 1


async def test_a_database_path_that_does_not_exist_is_not_a_new_dialogue(tmp_path: Path) -> None:
    async with BotApiSandbox(token=TOKEN, bot_username=BOT) as sb:
        process = await _palabre(_env(tmp_path, sb.api_root))
        _, err = await process.communicate()
        assert sb.stats.requests.get("getUpdates", 0) == 0
    assert process.returncode == 2
    assert err.decode().count("\n") == 1 and "no such database" in err.decode()
    assert not (tmp_path / "palabre.db").exists()


async def test_an_unreachable_api_is_tried_again_with_one_line_each_time(tmp_path: Path) -> None:
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    process = await _palabre(_env(tmp_path, f"http://127.0.0.1:{port}"), "--create")
    assert process.stderr is not None
    seen: list[str] = []
    try:
        while len([s for s in seen if "cannot be reached" in s]) < 3:
            line = (await asyncio.wait_for(process.stderr.readline(), 120)).decode()
            assert line, f"palabre run stopped: {seen}"
            seen.append(line)
    finally:
        process.kill()
        await process.wait()
    retries = [s for s in seen if "cannot be reached" in s]
    assert [r.split("trying again in ")[1].strip() for r in retries] == ["1 s", "2 s", "4 s"]
    assert not any("Traceback" in s for s in seen)


async def test_the_start_is_logged_with_the_bot_database_and_schema(tmp_path: Path) -> None:
    async with deployed(tmp_path) as deployment:
        log = deployment.bot.log_path.read_text()
    assert f"Palabre starts as @{BOT}, database {tmp_path / 'palabre.db'} (schema version" in log


async def test_a_second_palabre_run_on_the_same_database_is_refused(tmp_path: Path) -> None:
    """Two bots polling one token would take each other's updates: the second one stops with
    one line, and the first goes on."""
    async with deployed(tmp_path) as deployment:
        second = await _palabre(deployment.bot.env)
        try:  # a second bot that started would poll until stopped: that is the failure
            _, err = await asyncio.wait_for(second.communicate(), 120)
        except TimeoutError:
            second.kill()
            await second.wait()
            raise AssertionError("the second palabre run started") from None
        assert second.returncode == 2
        line = err.decode().strip().splitlines()[-1]
        assert "is in use by another palabre run" in line
        assert str(deployment.bot.process.pid) in line  # type: ignore[union-attr]
        assert deployment.bot.process.returncode is None  # type: ignore[union-attr]
        await deployment.handled()  # the first still answers
    # After a kill -9 the system drops the lock: the next start goes ahead.
    async with deployed(tmp_path) as again:
        await again.bot.kill()
        await again.bot.start()
        await again.handled()
