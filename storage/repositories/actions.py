"""Action items of a dialogue."""

from __future__ import annotations

from datetime import date

import aiosqlite

from flows.roles import Role
from flows.rounds.actions import ACTIVE, ActionItem, ActionStatus
from storage.sql import fetch_all, fetch_one

_ACTION = "SELECT id, dialogue_id, text, owner_role, due_on, status, checked_on FROM action_items"


def _action(row: aiosqlite.Row) -> ActionItem:
    return ActionItem(
        id=row["id"],
        dialogue_id=row["dialogue_id"],
        text=row["text"],
        owner=Role(row["owner_role"]),
        due_on=date.fromisoformat(row["due_on"]),
        status=ActionStatus(row["status"]),
        checked_on=date.fromisoformat(row["checked_on"]) if row["checked_on"] else None,
    )


class ActionRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(self, item: ActionItem, today: date) -> None:
        await self._conn.execute(
            "INSERT INTO action_items (id, dialogue_id, text, owner_role, due_on, status,"
            " created_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                item.id,
                item.dialogue_id,
                item.text,
                item.owner.value,
                item.due_on.isoformat(),
                item.status.value,
                today.isoformat(),
            ),
        )

    async def get(self, item_id: str) -> ActionItem | None:
        row = await fetch_one(self._conn, f"{_ACTION} WHERE id = ?", (item_id,))
        return _action(row) if row else None

    async def for_dialogue(self, dialogue_id: int) -> list[ActionItem]:
        return [
            _action(row)
            for row in await fetch_all(
                self._conn, f"{_ACTION} WHERE dialogue_id = ? ORDER BY due_on, id", (dialogue_id,)
            )
        ]

    async def active_due_by(self, today: date) -> list[ActionItem]:
        """Items still worked on that are due on or before ``today``: those the facilitators
        may have to be asked about (``flows.rounds.actions.due_for_check`` decides)."""
        statuses = sorted(s.value for s in ACTIVE)
        return [
            _action(row)
            for row in await fetch_all(
                self._conn,
                f"{_ACTION} WHERE due_on <= ? AND status IN ({', '.join('?' * len(statuses))})"
                " ORDER BY due_on, id",
                (today.isoformat(), *statuses),
            )
        ]

    async def set_status(self, item_id: str, status: ActionStatus) -> None:
        await self._conn.execute(
            "UPDATE action_items SET status = ? WHERE id = ?", (status.value, item_id)
        )

    async def mark_checked(self, item_id: str, today: date) -> None:
        await self._conn.execute(
            "UPDATE action_items SET checked_on = ? WHERE id = ?", (today.isoformat(), item_id)
        )
