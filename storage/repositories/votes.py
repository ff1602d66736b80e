"""Votes (keyed, anonymous), voting progress, and tallies aggregated in SQL."""

from __future__ import annotations

import aiosqlite

from flows.roles import Role
from flows.rounds.results import Tally
from flows.rounds.voting import Vote
from storage.sql import fetch_all, fetch_one


class VoteRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def put(self, key: str, statement_id: str, role: Role, vote: Vote) -> None:
        """Record a vote, or change it: one row per voter and statement, never two, always under
        the voter's role now."""
        await self._conn.execute(
            "INSERT INTO votes (key, statement_id, voter_role, vote) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET vote = excluded.vote,"
            " voter_role = excluded.voter_role",
            (key, statement_id, role.value, vote.value),
        )

    async def exists(self, key: str) -> bool:
        return await fetch_one(self._conn, "SELECT 1 FROM votes WHERE key = ?", (key,)) is not None

    async def present(self, keys: list[str]) -> set[str]:
        """Which of ``keys`` have a vote (one query for a voter's whole deck)."""
        if not keys:
            return set()
        rows = await fetch_all(
            self._conn,
            f"SELECT key FROM votes WHERE key IN ({', '.join('?' * len(keys))})",
            keys,
        )
        return {row["key"] for row in rows}

    async def forget_unpublished(self, round_id: str) -> None:
        """Delete the votes on the round's statements that are not in its voting order."""
        await self._conn.execute(
            "DELETE FROM votes WHERE statement_id IN"
            " (SELECT id FROM statements WHERE round_id = ? AND position IS NULL)",
            (round_id,),
        )

    async def forget_round(self, round_id: str) -> None:
        """Delete every vote on the round's statements."""
        await self._conn.execute(
            "DELETE FROM votes WHERE statement_id IN"
            " (SELECT id FROM statements WHERE round_id = ?)",
            (round_id,),
        )

    async def progress(self, round_id: str, person_id: int) -> int:
        row = await fetch_one(
            self._conn,
            "SELECT next_position FROM voting_progress WHERE round_id = ? AND person_id = ?",
            (round_id, person_id),
        )
        return int(row["next_position"]) if row else 0

    async def set_progress(self, round_id: str, person_id: int, position: int) -> None:
        await self._conn.execute(
            "INSERT INTO voting_progress (round_id, person_id, next_position) VALUES (?, ?, ?)"
            " ON CONFLICT (round_id, person_id) DO UPDATE SET next_position ="
            " MAX(next_position, excluded.next_position)",
            (round_id, person_id, position),
        )

    async def forget_progress(self, round_id: str) -> None:
        await self._conn.execute("DELETE FROM voting_progress WHERE round_id = ?", (round_id,))

    async def tallies(self, round_id: str) -> dict[str, dict[Role, Tally]]:
        """Per statement in voting order and role: agrees, disagrees, passes (one SQL pass)."""
        rows = await fetch_all(
            self._conn,
            "SELECT s.id AS statement_id, v.voter_role AS role, SUM(v.vote = 'agree') AS agrees,"
            " SUM(v.vote = 'disagree') AS disagrees, SUM(v.vote = 'pass') AS passes"
            " FROM statements s LEFT JOIN votes v ON v.statement_id = s.id"
            " WHERE s.round_id = ? AND s.position IS NOT NULL"
            " GROUP BY s.id, v.voter_role ORDER BY s.position",
            (round_id,),
        )
        out: dict[str, dict[Role, Tally]] = {}
        for row in rows:
            cells = out.setdefault(row["statement_id"], {})
            if row["role"] is not None:
                cells[Role(row["role"])] = Tally(
                    row["agrees"] or 0, row["disagrees"] or 0, row["passes"] or 0
                )
        return out
