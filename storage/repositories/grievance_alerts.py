"""Early-warning alerts raised, so each fires at most once per category, area and day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import aiosqlite

from storage.sql import fetch_all


@dataclass(frozen=True, slots=True)
class RaisedAlert:
    day: date
    category: str
    area: str
    reasons: frozenset[str]


class GrievanceAlertRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def raised_on(self, dialogue_id: int, day: date) -> set[tuple[str, str]]:
        rows = await fetch_all(
            self._conn,
            "SELECT category, area FROM grievance_alerts WHERE dialogue_id = ? AND day = ?",
            (dialogue_id, day.isoformat()),
        )
        return {(r[0], r[1]) for r in rows}

    async def record(
        self,
        dialogue_id: int,
        day: date,
        category: str,
        area: str,
        reasons: frozenset[str],
        seen: int = 0,
    ) -> bool:
        """Record an alert; ``seen`` is how many reports of the pair it covers (all time)."""
        cur = await self._conn.execute(
            "INSERT INTO grievance_alerts (dialogue_id, day, category, area, reasons, seen)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (dialogue_id, day.isoformat(), category, area, ",".join(sorted(reasons)), seen),
        )
        return cur.rowcount == 1

    async def seen(self, dialogue_id: int) -> dict[tuple[str, str], int]:
        """Per (category, area): how many reports the latest alert covered."""
        rows = await fetch_all(
            self._conn,
            "SELECT category, area, MAX(seen) FROM grievance_alerts WHERE dialogue_id = ?"
            " GROUP BY category, area",
            (dialogue_id,),
        )
        return {(r[0], r[1]): r[2] for r in rows}

    async def since(self, dialogue_id: int, start: date) -> list[RaisedAlert]:
        """Alerts raised from ``start`` on, newest first."""
        rows = await fetch_all(
            self._conn,
            "SELECT day, category, area, reasons FROM grievance_alerts"
            " WHERE dialogue_id = ? AND day >= ? ORDER BY day DESC, category, area",
            (dialogue_id, start.isoformat()),
        )
        return [
            RaisedAlert(date.fromisoformat(r[0]), r[1], r[2], frozenset(r[3].split(",")))
            for r in rows
        ]
