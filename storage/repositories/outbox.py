"""The outbox: messages decided in a transaction, sent after it commits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.sql import fetch_all, fetch_one
from storage.timestamps import to_text

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class OutboxItem:
    id: int
    person_id: int
    telegram_id: int
    language: str | None
    active: bool
    kind: str
    payload: dict[str, Any]


class OutboxRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def enqueue(
        self,
        person_id: int,
        kind: str,
        dedupe: str,
        now: datetime,
        payload: dict[str, Any] | None = None,
    ) -> bool:
        """Queue a message once per ``dedupe`` key; False when it was already queued."""
        cur = await self._conn.execute(
            "INSERT INTO outbox (person_id, kind, payload, dedupe, not_before)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING",
            (person_id, kind, json.dumps(payload or {}), dedupe, to_text(now)),
        )
        return cur.rowcount == 1

    async def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        rows = await fetch_all(
            self._conn,
            "SELECT o.id, o.person_id, p.telegram_id, p.language, p.active, o.kind, o.payload"
            " FROM outbox o JOIN people p ON p.id = o.person_id"
            " WHERE o.sent_at IS NULL AND o.not_before <= ? AND o.attempts < ?"
            " ORDER BY o.id LIMIT ?",
            (to_text(now), MAX_ATTEMPTS, limit),
        )
        return [
            OutboxItem(r[0], r[1], r[2], r[3], bool(r[4]), r[5], json.loads(r[6])) for r in rows
        ]

    async def mark_sent(self, item_id: int, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE outbox SET sent_at = ? WHERE id = ?", (to_text(now), item_id)
        )

    async def release(self, item_id: int) -> None:
        """Undo a claim after a failed send, counting the attempt."""
        await self._conn.execute(
            "UPDATE outbox SET sent_at = NULL, attempts = attempts + 1 WHERE id = ?", (item_id,)
        )

    async def pending(self) -> int:
        return (
            await fetch_one(
                self._conn,
                "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts < ?",
                (MAX_ATTEMPTS,),
            )
        )[0]
