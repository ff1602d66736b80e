"""Grievances: stored with a random key and the day only, read back by receipt or by dialogue.

Every count the facilitators see is aggregated here, in SQL; disclosure control is the domain's.
"""

from __future__ import annotations

from datetime import date

import aiosqlite

from flows.grievances.receipts import GrievanceStatus
from flows.grievances.records import Grievance
from storage.sql import fetch_all, fetch_one, fetch_value

_COLUMNS = (
    "key, dialogue_id, filed_on, category, area, happened, description, status, on_agenda, reply"
)
Key = tuple[str, str]  # (category, area)


def _grievance(row: aiosqlite.Row) -> Grievance:
    return Grievance(
        row["key"],
        row["dialogue_id"],
        date.fromisoformat(row["filed_on"]),
        row["category"],
        row["area"],
        row["happened"],
        row["description"],
        GrievanceStatus(row["status"]),
        bool(row["on_agenda"]),
        row["reply"],
    )


def _excluding(categories: frozenset[str]) -> tuple[str, list[str]]:
    if not categories:
        return "", []
    return f" AND category NOT IN ({', '.join('?' * len(categories))})", sorted(categories)


class GrievanceRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(self, grievance: Grievance, receipt_key: str) -> None:
        await self._conn.execute(
            f"INSERT INTO grievances ({_COLUMNS}, receipt_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                grievance.key,
                grievance.dialogue_id,
                grievance.filed_on.isoformat(),
                grievance.category,
                grievance.area,
                grievance.happened,
                grievance.description,
                grievance.status.value,
                int(grievance.on_agenda),
                grievance.reply,
                receipt_key,
            ),
        )

    async def get(self, key: str) -> Grievance | None:
        row = await fetch_one(
            self._conn, f"SELECT {_COLUMNS} FROM grievances WHERE key = ?", (key,)
        )
        return _grievance(row) if row else None

    async def by_receipt(self, receipt_key: str) -> Grievance | None:
        row = await fetch_one(
            self._conn, f"SELECT {_COLUMNS} FROM grievances WHERE receipt_key = ?", (receipt_key,)
        )
        return _grievance(row) if row else None

    async def page(self, dialogue_id: int, index: int) -> tuple[Grievance | None, int]:
        """The ``index``-th grievance of a dialogue, newest day first, and how many there are."""
        rows = await fetch_all(
            self._conn,
            f"SELECT {_COLUMNS}, COUNT(*) OVER () AS total FROM grievances WHERE dialogue_id = ?"
            " ORDER BY filed_on DESC, key LIMIT 1 OFFSET ?",
            (dialogue_id, max(index, 0)),
        )
        if rows:
            return _grievance(rows[0]), int(rows[0]["total"])
        return None, await self.count(dialogue_id)

    async def position(self, grievance: Grievance) -> int:
        """Where ``grievance`` sits in :meth:`page`'s order."""
        count = await fetch_value(
            self._conn,
            "SELECT COUNT(*) FROM grievances WHERE dialogue_id = ?"
            " AND (filed_on > ? OR (filed_on = ? AND key < ?))",
            (
                grievance.dialogue_id,
                grievance.filed_on.isoformat(),
                grievance.filed_on.isoformat(),
                grievance.key,
            ),
        )
        return int(count)

    async def count(self, dialogue_id: int) -> int:
        count = await fetch_value(
            self._conn, "SELECT COUNT(*) FROM grievances WHERE dialogue_id = ?", (dialogue_id,)
        )
        return int(count)

    async def on_agenda(
        self, dialogue_id: int, hidden_categories: frozenset[str] = frozenset()
    ) -> list[Grievance]:
        """Grievances facilitators put on the agenda, except those in ``hidden_categories``."""
        extra, params = _excluding(hidden_categories)
        rows = await fetch_all(
            self._conn,
            f"SELECT {_COLUMNS} FROM grievances WHERE dialogue_id = ? AND on_agenda = 1{extra}"
            " ORDER BY filed_on DESC, key",
            (dialogue_id, *params),
        )
        return [_grievance(r) for r in rows]

    async def counts(self, dialogue_id: int, start: date, end: date) -> dict[Key, int]:
        """Grievances per (category, area) filed from ``start`` included to ``end`` excluded."""
        rows = await fetch_all(
            self._conn,
            "SELECT category, area, COUNT(*) AS n FROM grievances"
            " WHERE dialogue_id = ? AND filed_on >= ? AND filed_on < ? GROUP BY category, area",
            (dialogue_id, start.isoformat(), end.isoformat()),
        )
        return {(r["category"], r["area"]): r["n"] for r in rows}

    async def totals(self, dialogue_id: int, categories: frozenset[str]) -> dict[Key, int]:
        """All-time counts per (category, area) for some categories."""
        if not categories:
            return {}
        rows = await fetch_all(
            self._conn,
            "SELECT category, area, COUNT(*) AS n FROM grievances WHERE dialogue_id = ?"
            f" AND category IN ({', '.join('?' * len(categories))}) GROUP BY category, area",
            (dialogue_id, *sorted(categories)),
        )
        return {(r["category"], r["area"]): r["n"] for r in rows}

    async def weekly_counts(
        self, dialogue_id: int, today: date, weeks: int
    ) -> dict[Key, list[int]]:
        """Per (category, area): counts of the last 7 days, then of each of ``weeks`` 7-day
        periods before, most recent first."""
        rows = await fetch_all(
            self._conn,
            "SELECT category, area, CAST(julianday(?) - julianday(filed_on) AS INTEGER) / 7 AS w,"
            " COUNT(*) AS n FROM grievances WHERE dialogue_id = ? AND filed_on > date(?, ?)"
            " AND filed_on <= ? GROUP BY category, area, w",
            (
                today.isoformat(),
                dialogue_id,
                today.isoformat(),
                f"-{7 * (weeks + 1)} days",
                today.isoformat(),
            ),
        )
        found: dict[Key, list[int]] = {}
        for r in rows:
            found.setdefault((r["category"], r["area"]), [0] * (weeks + 1))[r["w"]] = r["n"]
        return found

    async def set_status(self, key: str, status: GrievanceStatus) -> None:
        await self._conn.execute(
            "UPDATE grievances SET status = ? WHERE key = ?", (status.value, key)
        )

    async def set_agenda(self, key: str, on_agenda: bool, status: GrievanceStatus) -> None:
        await self._conn.execute(
            "UPDATE grievances SET on_agenda = ?, status = ? WHERE key = ?",
            (int(on_agenda), status.value, key),
        )

    async def set_reply(self, key: str, reply: str | None) -> None:
        await self._conn.execute("UPDATE grievances SET reply = ? WHERE key = ?", (reply, key))
