"""People who talk to the bot and their memberships in dialogues."""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite

from flows.dialogues import Membership, Person
from flows.roles import Role
from storage.sql import fetch_all, fetch_one
from storage.timestamps import day_text

_PERSON = "SELECT id, telegram_id, language, active, active_dialogue_id FROM people"


_MEMBERSHIP = (
    "SELECT m.person_id, m.dialogue_id, m.role, m.joined_on, d.name AS dialogue_name"
    " FROM memberships m JOIN dialogues d ON d.id = m.dialogue_id"
)


def _person(row: aiosqlite.Row) -> Person:
    return Person(
        id=row["id"],
        telegram_id=row["telegram_id"],
        language=row["language"],
        active=bool(row["active"]),
        active_dialogue_id=row["active_dialogue_id"],
    )


def _membership(row: aiosqlite.Row) -> Membership:
    return Membership(
        person_id=row["person_id"],
        dialogue_id=row["dialogue_id"],
        role=Role(row["role"]),
        joined_on=date.fromisoformat(row["joined_on"]),
        dialogue_name=row["dialogue_name"],
    )


class PeopleRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def by_telegram_id(self, telegram_id: int) -> Person | None:
        row = await fetch_one(self._conn, f"{_PERSON} WHERE telegram_id = ?", (telegram_id,))
        return _person(row) if row else None

    async def with_memberships(self, telegram_id: int) -> tuple[Person | None, list[Membership]]:
        """A person and their memberships in one query: this runs for every update."""
        rows = await fetch_all(
            self._conn,
            "SELECT p.id, p.telegram_id, p.language, p.active, p.active_dialogue_id,"
            " m.person_id, m.dialogue_id, m.role, m.joined_on, d.name AS dialogue_name"
            " FROM people p LEFT JOIN memberships m ON m.person_id = p.id"
            " LEFT JOIN dialogues d ON d.id = m.dialogue_id"
            " WHERE p.telegram_id = ? ORDER BY d.name, d.id",
            (telegram_id,),
        )
        if not rows:
            return None, []
        person = _person(rows[0])
        memberships = [_membership(r) for r in rows if r["dialogue_id"] is not None]
        return person, memberships

    async def get(self, person_id: int) -> Person | None:
        row = await fetch_one(self._conn, f"{_PERSON} WHERE id = ?", (person_id,))
        return _person(row) if row else None

    async def create(self, telegram_id: int, language: str | None, now: datetime) -> Person:
        # A new id, never one given before (see migration 0007); and only the day the profile
        # was made: nothing finer is needed, so nothing finer is kept.
        row = await fetch_one(
            self._conn,
            "UPDATE id_counters SET last = last + 1 WHERE name = 'people' RETURNING last",
        )
        assert row is not None, "the people id counter is missing"
        person_id = int(row["last"])
        await self._conn.execute(
            "INSERT INTO people (id, telegram_id, language, created_on) VALUES (?, ?, ?, ?)",
            (person_id, telegram_id, language, day_text(now.date())),
        )
        return Person(id=person_id, telegram_id=telegram_id, language=language)

    async def set_language(self, person_id: int, language: str) -> None:
        await self._conn.execute(
            "UPDATE people SET language = ? WHERE id = ?", (language, person_id)
        )

    async def set_active(self, person_id: int, active: bool) -> None:
        await self._conn.execute(
            "UPDATE people SET active = ? WHERE id = ?", (int(active), person_id)
        )

    async def set_active_by_telegram_id(self, telegram_id: int, active: bool) -> bool:
        cur = await self._conn.execute(
            "UPDATE people SET active = ? WHERE telegram_id = ?", (int(active), telegram_id)
        )
        return cur.rowcount > 0

    async def set_active_dialogue(self, person_id: int, dialogue_id: int | None) -> None:
        await self._conn.execute(
            "UPDATE people SET active_dialogue_id = ? WHERE id = ?", (dialogue_id, person_id)
        )

    async def delete(self, person_id: int) -> None:
        """Forget a person: memberships and open steps go with them (ON DELETE CASCADE)."""
        await self._conn.execute("DELETE FROM people WHERE id = ?", (person_id,))

    async def add_membership(
        self, person_id: int, dialogue_id: int, role: Role, now: datetime
    ) -> None:
        await self._conn.execute(
            "INSERT INTO memberships (person_id, dialogue_id, role, joined_on) VALUES (?, ?, ?, ?)",
            (person_id, dialogue_id, role.value, now.date().isoformat()),  # the day only
        )

    async def memberships(self, person_id: int) -> list[Membership]:
        rows = await fetch_all(
            self._conn, f"{_MEMBERSHIP} WHERE m.person_id = ? ORDER BY d.name, d.id", (person_id,)
        )
        return [_membership(r) for r in rows]

    async def membership(self, person_id: int, dialogue_id: int) -> Membership | None:
        """One membership, by key: this runs for every vote."""
        row = await fetch_one(
            self._conn,
            f"{_MEMBERSHIP} WHERE m.person_id = ? AND m.dialogue_id = ?",
            (person_id, dialogue_id),
        )
        return _membership(row) if row is not None else None

    async def members(
        self, dialogue_id: int, roles: tuple[Role, ...] | None = None, *, active_only: bool = True
    ) -> list[Person]:
        """People in a dialogue (optionally of some roles), ordered by profile id."""
        sql = (
            "SELECT p.id, p.telegram_id, p.language, p.active, p.active_dialogue_id"
            " FROM people p JOIN memberships m ON m.person_id = p.id WHERE m.dialogue_id = ?"
        )
        params: list[object] = [dialogue_id]
        if roles:
            sql += f" AND m.role IN ({', '.join('?' * len(roles))})"
            params.extend(r.value for r in roles)
        if active_only:
            sql += " AND p.active = 1"
        return [_person(row) for row in await fetch_all(self._conn, sql + " ORDER BY p.id", params)]

    async def count_by_role(self, dialogue_id: int) -> dict[Role, int]:
        rows = await fetch_all(
            self._conn,
            "SELECT m.role, COUNT(*) AS n FROM memberships m JOIN people p ON p.id = m.person_id"
            " WHERE m.dialogue_id = ? AND p.active = 1 GROUP BY m.role",
            (dialogue_id,),
        )
        return {Role(r["role"]): r["n"] for r in rows}
