"""The outbox: messages decided in a transaction, sent after it commits."""

from __future__ import annotations

import json
from datetime import datetime

import aiosqlite

from flows.notices import Notice, OutboxItem, UnknownNotice, notice_from
from storage.sql import fetch_all, fetch_value
from storage.timestamps import to_text

MAX_ATTEMPTS = 5


class OutboxRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def enqueue(self, notice: Notice, not_before: datetime) -> bool:
        """Queue a notice once (per its dedupe key); False when it was already queued."""
        cur = await self._conn.execute(
            "INSERT INTO outbox (person_id, kind, payload, dedupe, not_before)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING",
            (
                notice.person_id,
                notice.kind,
                json.dumps(notice.payload(), ensure_ascii=False),
                notice.dedupe,
                to_text(not_before),
            ),
        )
        return cur.rowcount == 1

    async def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        rows = await fetch_all(
            self._conn,
            "SELECT o.id, o.person_id, o.kind, o.payload, o.parts_sent,"
            " p.telegram_id, p.language, p.active"
            " FROM outbox o JOIN people p ON p.id = o.person_id"
            " WHERE o.sent_at IS NULL AND o.not_before <= ? AND o.attempts < ?"
            " ORDER BY o.id LIMIT ?",
            (to_text(now), MAX_ATTEMPTS, limit),
        )
        items = []
        for r in rows:
            try:
                notice = notice_from(r["kind"], r["person_id"], json.loads(r["payload"]))
            except UnknownNotice:
                await self.give_up(r["id"])  # written by a newer Palabre: never sendable here
                continue
            items.append(
                OutboxItem(
                    r["id"],
                    notice,
                    r["telegram_id"],
                    r["language"],
                    bool(r["active"]),
                    r["parts_sent"],
                )
            )
        return items

    async def give_up(self, item_id: int) -> None:
        """Stop trying to send an item."""
        await self._conn.execute(
            "UPDATE outbox SET attempts = ? WHERE id = ?", (MAX_ATTEMPTS, item_id)
        )

    async def mark_sent(self, item_id: int, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE outbox SET sent_at = ? WHERE id = ?", (to_text(now), item_id)
        )

    async def claim_part(self, item_id: int, parts: int) -> None:
        """``parts`` parts of the item are claimed (sent, or going out now)."""
        await self._conn.execute("UPDATE outbox SET parts_sent = ? WHERE id = ?", (parts, item_id))

    async def release(self, item_id: int, parts_sent: int = 0) -> None:
        """Undo a claim after a failed send, counting the attempt: the next drain resumes
        after ``parts_sent`` parts."""
        await self._conn.execute(
            "UPDATE outbox SET sent_at = NULL, parts_sent = ?, attempts = attempts + 1"
            " WHERE id = ?",
            (parts_sent, item_id),
        )

    async def prune(self, sent_before: datetime) -> int:
        """Delete the records of messages sent (or given up) before ``sent_before``."""
        cur = await self._conn.execute(
            "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < ?)"
            " OR (attempts >= ? AND not_before < ?)",
            (to_text(sent_before), MAX_ATTEMPTS, to_text(sent_before)),
        )
        return cur.rowcount

    async def forget_wave(self, wave_id: str) -> int:
        """Delete every invitation and reminder of a wave, sent or not (who was reminded is who
        had not finished)."""
        cur = await self._conn.execute(
            "DELETE FROM outbox WHERE kind IN ('survey_invite', 'survey_reminder')"
            " AND json_extract(payload, '$.wave_id') = ?",
            (wave_id,),
        )
        return cur.rowcount

    async def pending(self) -> int:
        count = await fetch_value(
            self._conn,
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts < ?",
            (MAX_ATTEMPTS,),
        )
        return int(count)
