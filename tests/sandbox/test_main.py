"""``python -m sandbox`` runs the sandbox standalone and prints its API root first."""

from __future__ import annotations

import asyncio
import sys

import httpx


async def test_the_standalone_sandbox_prints_its_root_and_answers() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox",
        "--port",
        "0",
        "--token",
        "123:ABC",
        "--username",
        "palabre_bot",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        root = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()
        assert root.startswith("http://127.0.0.1:")
        async with httpx.AsyncClient() as client:
            me = (await client.post(f"{root}/bot123:ABC/getMe")).json()
        assert me["ok"] and me["result"]["username"] == "palabre_bot"
    finally:
        process.terminate()
        await process.wait()
