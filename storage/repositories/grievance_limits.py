"""The daily grievance limit: counts per daily pseudonym, apart from grievances."""

from __future__ import annotations

from datetime import date

import aiosqlite

from storage.sql import fetch_one


class GrievanceLimitRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def filed(self, day: date, pseudonym: str) -> int:
        row = await fetch_one(
            self._conn,
            "SELECT filed FROM grievance_limits WHERE day = ? AND pseudonym = ?",
            (day.isoformat(), pseudonym),
        )
        return int(row["filed"]) if row else 0

    async def count_one(self, day: date, pseudonym: str) -> None:
        await self._conn.execute(
            "INSERT INTO grievance_limits (day, pseudonym, filed) VALUES (?, ?, 1)"
            " ON CONFLICT (day, pseudonym) DO UPDATE SET filed = filed + 1",
            (day.isoformat(), pseudonym),
        )

    async def prune(self, today: date) -> int:
        """Forget every earlier day's counts."""
        cur = await self._conn.execute(
            "DELETE FROM grievance_limits WHERE day < ?", (today.isoformat(),)
        )
        return cur.rowcount
