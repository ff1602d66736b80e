"""The step each person is in, so that a restart resumes it and /cancel can leave it."""

from __future__ import annotations

import json
from datetime import datetime

import aiosqlite

from flows.conversations import Conversation
from storage.sql import fetch_one


class ConversationRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def get(self, person_id: int) -> Conversation | None:
        row = await fetch_one(
            self._conn,
            "SELECT flow, step, payload FROM conversations WHERE person_id = ?",
            (person_id,),
        )
        if row is None:
            return None
        return Conversation(row["flow"], row["step"], json.loads(row["payload"]))

    async def put(self, person_id: int, conversation: Conversation, now: datetime) -> None:
        await self._conn.execute(
            "INSERT INTO conversations (person_id, flow, step, payload, updated_on)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET"
            " flow = excluded.flow, step = excluded.step, payload = excluded.payload,"
            " updated_on = excluded.updated_on",
            (
                person_id,
                conversation.flow,
                conversation.step,
                json.dumps(conversation.payload, ensure_ascii=False),
                now.date().isoformat(),  # the day only
            ),
        )

    async def clear(self, person_id: int) -> bool:
        cur = await self._conn.execute(
            "DELETE FROM conversations WHERE person_id = ?", (person_id,)
        )
        return cur.rowcount > 0

    async def clear_flow(self, person_id: int, flow: str) -> bool:
        """Leave ``flow`` if the person is in it (and leave any other step alone)."""
        cur = await self._conn.execute(
            "DELETE FROM conversations WHERE person_id = ? AND flow = ?", (person_id, flow)
        )
        return cur.rowcount > 0
