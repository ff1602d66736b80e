"""Rounds and their statements (anonymous), with the short-lived author links."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import aiosqlite

from flows.roles import Role
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.statements import Statement, StatementStatus
from storage.sql import fetch_all, fetch_one
from storage.timestamps import from_text, to_text

_ROUND = (
    "SELECT id, dialogue_id, phase, phase_started_at, roles, moderation, statement_limit,"
    " deadlines, template_id, custom_prompt FROM rounds"
)
_STATEMENT = (
    "SELECT id, round_id, text, author_role, language, language_named, status, translations"
    " FROM statements"
)


def _round(row: aiosqlite.Row) -> Round:
    deadlines = {Phase(k): timedelta(seconds=v) for k, v in json.loads(row["deadlines"]).items()}
    settings = RoundSettings(
        roles=tuple(Role(r) for r in row["roles"].split(",")),
        moderation=bool(row["moderation"]),
        statement_limit=row["statement_limit"],
        deadlines=deadlines,
    )
    custom = row["custom_prompt"]
    return Round(
        id=row["id"],
        dialogue_id=row["dialogue_id"],
        phase=Phase(row["phase"]),
        phase_started_at=from_text(row["phase_started_at"]),
        settings=settings,
        template_id=row["template_id"],
        custom_prompt=tuple((lang, text) for lang, text in json.loads(custom)) if custom else (),
    )


def _statement(row: aiosqlite.Row) -> Statement:
    return Statement(
        id=row["id"],
        round_id=row["round_id"],
        text=row["text"],
        author_role=Role(row["author_role"]) if row["author_role"] is not None else None,
        language=row["language"],
        status=StatementStatus(row["status"]),
        translations=json.loads(row["translations"]),
        language_named=bool(row["language_named"]),
    )


class RoundRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(self, r: Round) -> None:
        s = r.settings
        await self._conn.execute(
            "INSERT INTO rounds (id, dialogue_id, template_id, custom_prompt, roles, moderation,"
            " statement_limit, deadlines, phase, phase_started_at, opened_on)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r.id,
                r.dialogue_id,
                r.template_id,
                json.dumps(r.custom_prompt, ensure_ascii=False) if r.custom_prompt else None,
                ",".join(role.value for role in s.roles),
                int(s.moderation),
                s.statement_limit,
                json.dumps({p.value: d.total_seconds() for p, d in s.deadlines.items()}),
                r.phase.value,
                to_text(r.phase_started_at),
                r.phase_started_at.date().isoformat(),
            ),
        )

    async def get(self, round_id: str) -> Round | None:
        row = await fetch_one(self._conn, f"{_ROUND} WHERE id = ?", (round_id,))
        return _round(row) if row else None

    async def open_in(self, dialogue_id: int) -> Round | None:
        row = await fetch_one(
            self._conn, f"{_ROUND} WHERE dialogue_id = ? AND phase <> 'closed'", (dialogue_id,)
        )
        return _round(row) if row else None

    async def latest_closed(self, dialogue_id: int) -> Round | None:
        row = await fetch_one(
            self._conn,
            f"{_ROUND} WHERE dialogue_id = ? AND phase = 'closed' ORDER BY closed_on DESC,"
            " phase_started_at DESC LIMIT 1",
            (dialogue_id,),
        )
        return _round(row) if row else None

    async def all_open(self) -> list[Round]:
        return [
            _round(row) for row in await fetch_all(self._conn, f"{_ROUND} WHERE phase <> 'closed'")
        ]

    async def set_phase(self, round_id: str, phase: Phase, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE rounds SET phase = ?, phase_started_at = ?,"
            " closed_on = CASE WHEN ? = 'closed' THEN ? ELSE closed_on END WHERE id = ?",
            (phase.value, to_text(now), phase.value, now.date().isoformat(), round_id),
        )


class StatementRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(self, statement: Statement, author_person_id: int) -> None:
        await self._conn.execute(
            "INSERT INTO statements (id, round_id, author_role, language, language_named, text,"
            " status) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                statement.id,
                statement.round_id,
                statement.author_role.value if statement.author_role else None,
                statement.language,
                int(statement.language_named),
                statement.text,
                statement.status.value,
            ),
        )
        await self._conn.execute(
            "INSERT INTO statement_authors (statement_id, person_id) VALUES (?, ?)",
            (statement.id, author_person_id),
        )

    async def get(self, statement_id: str) -> Statement | None:
        row = await fetch_one(self._conn, f"{_STATEMENT} WHERE id = ?", (statement_id,))
        return _statement(row) if row else None

    async def save(self, statement: Statement) -> None:
        """Store a decision on the statement: its text, status, translations and attribution
        (what it may say about its author, which may only narrow)."""
        await self._conn.execute(
            "UPDATE statements SET text = ?, status = ?, translations = ?,"
            " author_role = CASE WHEN ? IS NULL THEN NULL ELSE author_role END,"
            " language_named = language_named AND ? WHERE id = ?",
            (
                statement.text,
                statement.status.value,
                json.dumps(statement.translations, ensure_ascii=False),
                statement.author_role.value if statement.author_role else None,
                int(statement.language_named),
                statement.id,
            ),
        )

    async def by_author(self, round_id: str, person_id: int) -> list[Statement]:
        return [
            _statement(row)
            for row in await fetch_all(
                self._conn,
                f"{_STATEMENT} WHERE round_id = ? AND status <> 'withdrawn' AND id IN"
                " (SELECT statement_id FROM statement_authors WHERE person_id = ?) ORDER BY text",
                (round_id, person_id),
            )
        ]

    async def author_of(self, statement_id: str) -> int | None:
        row = await fetch_one(
            self._conn,
            "SELECT person_id FROM statement_authors WHERE statement_id = ?",
            (statement_id,),
        )
        return row["person_id"] if row else None

    async def authors(self, round_id: str) -> dict[str, int]:
        """Statement id -> its author's Telegram id, while the round collects (the author link)."""
        rows = await fetch_all(
            self._conn,
            "SELECT a.statement_id, p.telegram_id FROM statement_authors a"
            " JOIN statements s ON s.id = a.statement_id JOIN people p ON p.id = a.person_id"
            " WHERE s.round_id = ?",
            (round_id,),
        )
        return {row["statement_id"]: int(row["telegram_id"]) for row in rows}

    async def forget_authors(self, round_id: str) -> None:
        """End the link between statements and their authors (collecting is over)."""
        await self._conn.execute(
            "DELETE FROM statement_authors WHERE statement_id IN"
            " (SELECT id FROM statements WHERE round_id = ?)",
            (round_id,),
        )

    async def with_status(self, round_id: str, status: StatementStatus) -> list[Statement]:
        return [
            _statement(row)
            for row in await fetch_all(
                self._conn,
                f"{_STATEMENT} WHERE round_id = ? AND status = ? ORDER BY id",
                (round_id, status.value),
            )
        ]

    async def of_round(self, round_id: str) -> list[Statement]:
        """Every statement of the round, whatever its status, by id."""
        return [
            _statement(row)
            for row in await fetch_all(
                self._conn, f"{_STATEMENT} WHERE round_id = ? ORDER BY id", (round_id,)
            )
        ]

    async def set_positions(self, ordered_ids: list[str]) -> None:
        await self._conn.executemany(
            "UPDATE statements SET position = ? WHERE id = ?",
            [(i, sid) for i, sid in enumerate(ordered_ids)],
        )

    async def at_position(self, round_id: str, position: int) -> Statement | None:
        row = await fetch_one(
            self._conn, f"{_STATEMENT} WHERE round_id = ? AND position = ?", (round_id, position)
        )
        return _statement(row) if row else None

    async def voting_order(self, round_id: str) -> list[str]:
        """The ids of the statements put to the vote, in voting order."""
        rows = await fetch_all(
            self._conn,
            "SELECT id FROM statements WHERE round_id = ? AND position IS NOT NULL"
            " ORDER BY position",
            (round_id,),
        )
        return [row["id"] for row in rows]

    async def in_voting_order(self, round_id: str) -> list[Statement]:
        return [
            _statement(row)
            for row in await fetch_all(
                self._conn,
                f"{_STATEMENT} WHERE round_id = ? AND position IS NOT NULL ORDER BY position",
                (round_id,),
            )
        ]
