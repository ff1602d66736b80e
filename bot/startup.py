"""Before `palabre run` polls: the database is the right one, and Telegram takes the token.

Each failure an operator can make gets one line, not a traceback:

- a database path that does not exist is refused unless ``--create`` says to start a new one
  (a typo in ``PALABRE_DB`` would otherwise start an empty dialogue beside the real one);
- a file that is not SQLite, or a schema newer than this Palabre, is named as such;
- a token Telegram refuses (well formed, but revoked or mistyped) ends the start with exit
  status 2;
- an API that cannot be reached is tried again with growing pauses (1 s, 2 s, 4 s … at most
  60 s), one log line each, until it answers or the operator stops it;
- a second `palabre run` on the same database is refused: the first holds a lock on
  ``PALABRE_DB.lock`` for as long as it lives (the system drops it when the process ends, even
  by kill -9), and two bots polling one token would take each other's updates.

The lines name the database path and the API root, never the token.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TimedOut

from bot.config import Settings

_log = logging.getLogger(__name__)
FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0


class StartRefused(Exception):
    """Why Palabre does not start, in one line for the operator."""


@dataclass(frozen=True)
class Ready:
    username: str
    schema_version: int


def _missing(path: Path) -> StartRefused:
    return StartRefused(
        f"{path}: no such database (check PALABRE_DB, or give --create to start a new one)"
    )


def hold_the_database(path: Path, *, create: bool) -> int:
    """Lock ``path``'s lock file for this process's life; returns the open descriptor (keep
    it). Refused when another process holds it (or when there is no database to hold and
    ``create`` is not given)."""
    if not path.exists() and not create:
        raise _missing(path)
    lock = path.with_name(path.name + ".lock")
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(descriptor, 32).decode(errors="replace").strip() or "another process"
        os.close(descriptor)
        raise StartRefused(
            f"{path} is in use by another palabre run (process {holder}); stop it first"
        ) from None
    os.ftruncate(descriptor, 0)
    os.write(descriptor, str(os.getpid()).encode())
    return descriptor


async def open_database(path: Path, *, create: bool) -> int:
    """Migrate the database at ``path`` forward and return its schema version."""
    from storage import Database, SchemaTooNew

    if not path.exists() and not create:
        raise _missing(path)
    db = Database(path)
    try:
        return await db.open()
    except SchemaTooNew as exc:
        raise StartRefused(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise StartRefused(f"{path}: not a Palabre database ({exc})") from None
    finally:
        await db.close()


async def bot_username(settings: Settings, pause: float = FIRST_PAUSE) -> str:
    """The bot's username once Telegram answers ``getMe``; refused when it rejects the token."""
    bot = Bot(
        settings.require_token(), base_url=settings.base_url, base_file_url=settings.base_file_url
    )
    while True:
        try:
            async with bot:
                return bot.username
        except InvalidToken:
            raise StartRefused(
                "Telegram refused PALABRE_BOT_TOKEN (check it with @BotFather)"
            ) from None
        except (NetworkError, TimedOut) as exc:
            _log.warning(
                "Telegram's API at %s cannot be reached (%s); trying again in %.0f s",
                settings.api_root,
                type(exc).__name__,
                pause,
            )
            await asyncio.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)


async def prepare(settings: Settings, *, create: bool) -> Ready:
    version = await open_database(settings.db_path, create=create)
    username = await bot_username(settings)
    _log.info(
        "Palabre starts as @%s, database %s (schema version %d)",
        username,
        settings.db_path,
        version,
    )
    return Ready(username, version)
