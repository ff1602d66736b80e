"""One aiosqlite connection, its pragmas, and units of work.

A single connection does all the writing. aiosqlite runs it on one thread, but every task that
shares it also shares its transaction, so an ``asyncio.Lock`` wraps each unit of work
(``BEGIN IMMEDIATE … COMMIT``): JobQueue jobs run beside handlers and must not mix their
writes. ``synchronous=FULL`` because what the bot acknowledged must survive a power loss, not
only a killed process.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.migrations import apply_migrations, latest_version
from storage.repositories import Transaction

BUSY_TIMEOUT_MS = 5000


class SchemaTooNew(RuntimeError):
    """The database was written by a newer Palabre than this one."""


class Database:
    """The application's database: open once at start-up, close at shutdown."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self, *, migrate: bool = True) -> int:
        """Connect, set the pragmas and (by default) migrate forward. Returns the schema version."""
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row  # repositories read columns by name
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=FULL")
            await conn.execute("PRAGMA foreign_keys=ON")
            # Deleted rows (author links, finished steps) are overwritten, not left on free pages.
            await conn.execute("PRAGMA secure_delete=ON")
            # A log reset by a checkpoint is cut back to nothing, so that older commits do not
            # linger in it beyond the newer ones (see ``forget_history``).
            await conn.execute("PRAGMA journal_size_limit=0")
            await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            version = await self._version(conn)
            if version > latest_version():
                raise SchemaTooNew(
                    f"database schema version {version} is newer than this Palabre "
                    f"({latest_version()})"
                )
            if migrate:
                version = await apply_migrations(conn)
        except BaseException:
            await conn.close()
            raise
        self._conn = conn
        return version

    async def close(self) -> None:
        if self._conn is not None:
            if self.path != ":memory:":
                await self.forget_history()
            conn, self._conn = self._conn, None
            await conn.close()

    async def __aenter__(self) -> Database:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("the database is not open")
        return self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """A unit of work: everything inside commits together or not at all."""
        conn = self.connection
        async with self._lock:
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(conn)
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Transaction]:
        """Reads only: no transaction, so no write lock and nothing to sync.

        Consistent across statements because this process is the only writer and every write
        happens under the same lock; other processes (``palabre backup``) only read.
        """
        async with self._lock:
            yield Transaction(self.connection)

    async def forget_history(self) -> bool:
        """Copy every commit of the write-ahead log into the database and empty the log, so that
        no older version of a row (an author link, a finished step) can be rebuilt from it.
        False when a reader in another process (a backup) kept the log from being emptied; the
        next call tries again."""
        async with self._lock:
            async with self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cur:
                row = await cur.fetchone()
        return row is not None and row[0] == 0

    async def schema_version(self) -> int:
        return await self._version(self.connection)

    @staticmethod
    async def _version(conn: aiosqlite.Connection) -> int:
        async with conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0
