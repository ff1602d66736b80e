"""Reads for exports: a dialogue's rounds, grievances and action items, from a day on.

Read only. Grievances come with their anonymous fields only (never the receipt HMAC), ordered
by day, subject and place, then by their random key, so the order follows no arrival.
"""

from __future__ import annotations

from datetime import date

import aiosqlite

from flows.grievances.records import Grievance
from flows.rounds.actions import ActionItem
from flows.rounds.lifecycle import Round
from storage.repositories.actions import _action
from storage.repositories.grievances import _COLUMNS, _grievance
from storage.repositories.rounds import _round
from storage.sql import fetch_all

# The columns the repositories' own row readers expect, then the days they leave out (the readers
# take the whole row: they read their own columns and ignore the rest).
_ROUND_DAYS = (
    "SELECT id, dialogue_id, phase, phase_started_at, roles, moderation, statement_limit,"
    " deadlines, template_id, custom_prompt, opened_on, closed_on FROM rounds"
)
_ACTION_DAY = (
    "SELECT id, dialogue_id, text, owner_role, due_on, status, checked_on, created_on"
    " FROM action_items"
)


def _since(since: date | None) -> str:
    return since.isoformat() if since else ""


class ExportRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def rounds(
        self, dialogue_id: int, since: date | None = None
    ) -> list[tuple[Round, date, date | None]]:
        """(round, opened on, closed on) of rounds opened from ``since`` on, oldest first."""
        rows = await fetch_all(
            self._conn,
            f"{_ROUND_DAYS} WHERE dialogue_id = ? AND opened_on >= ?"
            " ORDER BY opened_on, phase_started_at, id",
            (dialogue_id, _since(since)),
        )
        return [
            (
                _round(row),
                date.fromisoformat(row["opened_on"]),
                date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
            )
            for row in rows
        ]

    async def grievances(self, dialogue_id: int, since: date | None = None) -> list[Grievance]:
        rows = await fetch_all(
            self._conn,
            f"SELECT {_COLUMNS} FROM grievances WHERE dialogue_id = ? AND filed_on >= ?"
            " ORDER BY filed_on, category, area, key",
            (dialogue_id, _since(since)),
        )
        return [_grievance(r) for r in rows]

    async def actions(
        self, dialogue_id: int, since: date | None = None
    ) -> list[tuple[ActionItem, date]]:
        """(item, the day it was added) of items added from ``since`` on."""
        rows = await fetch_all(
            self._conn,
            f"{_ACTION_DAY} WHERE dialogue_id = ? AND created_on >= ?"
            " ORDER BY created_on, due_on, id",
            (dialogue_id, _since(since)),
        )
        return [(_action(r), date.fromisoformat(r["created_on"])) for r in rows]
