"""Early-warning alerts raised, so each fires at most once per category, area and day."""

from __future__ import annotations

from datetime import date

import aiosqlite

from flows.grievances.early_warning import AlertReason, RaisedAlert, reasons_from
from storage.sql import fetch_all


class GrievanceAlertRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def raised_on(self, dialogue_id: int, day: date) -> set[tuple[str, str]]:
        rows = await fetch_all(
            self._conn,
            "SELECT category, area FROM grievance_alerts WHERE dialogue_id = ? AND day = ?",
            (dialogue_id, day.isoformat()),
        )
        return {(r["category"], r["area"]) for r in rows}

    async def record(
        self,
        dialogue_id: int,
        day: date,
        category: str,
        area: str,
        reasons: frozenset[AlertReason],
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
            "SELECT category, area, MAX(seen) AS seen FROM grievance_alerts WHERE dialogue_id = ?"
            " GROUP BY category, area",
            (dialogue_id,),
        )
        return {(r["category"], r["area"]): r["seen"] for r in rows}

    async def since(self, dialogue_id: int, start: date) -> list[RaisedAlert]:
        """Alerts raised from ``start`` on, newest first."""
        rows = await fetch_all(
            self._conn,
            "SELECT day, category, area, reasons FROM grievance_alerts"
            " WHERE dialogue_id = ? AND day >= ? ORDER BY day DESC, category, area",
            (dialogue_id, start.isoformat()),
        )
        return [
            RaisedAlert(
                date.fromisoformat(r["day"]),
                r["category"],
                r["area"],
                reasons_from(r["reasons"].split(",")),
            )
            for r in rows
        ]
