"""Role invites: codes that let a person join one dialogue in one role."""

from __future__ import annotations

import aiosqlite

from flows.invites import Invite
from flows.roles import Role
from storage.sql import fetch_all, fetch_one
from storage.timestamps import from_text, maybe_from_text, maybe_to_text, to_text

_COLUMNS = "id, code, dialogue_id, role, created_at, max_uses, uses, expires_at, revoked"


def _invite(row: aiosqlite.Row) -> Invite:
    return Invite(
        id=row["id"],
        code=row["code"],
        dialogue_id=row["dialogue_id"],
        role=Role(row["role"]),
        created_at=from_text(row["created_at"]),
        max_uses=row["max_uses"],
        uses=row["uses"],
        expires_at=maybe_from_text(row["expires_at"]),
        revoked=bool(row["revoked"]),
    )


class InviteRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(self, invite: Invite) -> None:
        await self._conn.execute(
            f"INSERT INTO invites ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                invite.id,
                invite.code,
                invite.dialogue_id,
                invite.role.value,
                to_text(invite.created_at),
                invite.max_uses,
                invite.uses,
                maybe_to_text(invite.expires_at),
                int(invite.revoked),
            ),
        )

    async def by_code(self, code: str) -> Invite | None:
        row = await fetch_one(self._conn, f"SELECT {_COLUMNS} FROM invites WHERE code = ?", (code,))
        return _invite(row) if row else None

    async def get(self, invite_id: str) -> Invite | None:
        row = await fetch_one(
            self._conn, f"SELECT {_COLUMNS} FROM invites WHERE id = ?", (invite_id,)
        )
        return _invite(row) if row else None

    async def for_dialogue(self, dialogue_id: int) -> list[Invite]:
        return [
            _invite(row)
            for row in await fetch_all(
                self._conn,
                f"SELECT {_COLUMNS} FROM invites WHERE dialogue_id = ? ORDER BY created_at, id",
                (dialogue_id,),
            )
        ]

    async def count_use(self, invite_id: str) -> None:
        await self._conn.execute("UPDATE invites SET uses = uses + 1 WHERE id = ?", (invite_id,))

    async def revoke(self, invite_id: str) -> None:
        await self._conn.execute("UPDATE invites SET revoked = 1 WHERE id = ?", (invite_id,))
