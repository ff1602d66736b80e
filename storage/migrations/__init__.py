"""Versioned schema migrations: numbered SQL files, tracked by ``PRAGMA user_version``.

``NNNN_name.sql`` files apply in order, each in its own transaction together with the version
bump, so a crash mid-migration leaves the previous version intact. An older database migrates
forward on start; ``palabre migrate`` does it explicitly.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import aiosqlite

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@cache
def migrations() -> tuple[tuple[int, str, str], ...]:
    """(version, file name, SQL) for every shipped migration, in order."""
    found = []
    for entry in resources.files(__package__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration numbers must run 1..n without gaps, got {versions}")
    return tuple(found)


def latest_version() -> int:
    return len(migrations())


async def apply_migrations(conn: aiosqlite.Connection, target: int | None = None) -> int:
    """Apply every migration above the database's version (up to ``target``); return the version."""
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    current = int(row[0]) if row else 0
    goal = latest_version() if target is None else target
    for version, _name, sql in migrations():
        if current < version <= goal:
            # With isolation_level=None, executescript does not commit on its own, so the
            # script carries its own transaction and the version bump lives inside it.
            try:
                await conn.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                )
            except BaseException:
                if conn.in_transaction:
                    await conn.execute("ROLLBACK")
                raise
            current = version
    return current
