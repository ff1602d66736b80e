"""Dialogues: created by program staff, one per site."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from flows.dialogues import Dialogue
from storage.sql import fetch_all, fetch_one
from storage.timestamps import from_text, to_text


def _dialogue(row: aiosqlite.Row) -> Dialogue:
    return Dialogue(
        id=row["id"],
        name=row["name"],
        timezone=row["timezone"],
        created_at=from_text(row["created_at"]),
    )


class DialogueRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def create(self, name: str, timezone: str, now: datetime) -> Dialogue:
        cur = await self._conn.execute(
            "INSERT INTO dialogues (name, timezone, created_at) VALUES (?, ?, ?)",
            (name, timezone, to_text(now)),
        )
        return Dialogue(id=int(cur.lastrowid or 0), name=name, timezone=timezone, created_at=now)

    async def get(self, dialogue_id: int) -> Dialogue | None:
        row = await fetch_one(
            self._conn,
            "SELECT id, name, timezone, created_at FROM dialogues WHERE id = ?",
            (dialogue_id,),
        )
        return _dialogue(row) if row else None

    async def all(self) -> list[Dialogue]:
        return [
            _dialogue(row)
            for row in await fetch_all(
                self._conn, "SELECT id, name, timezone, created_at FROM dialogues ORDER BY id"
            )
        ]
