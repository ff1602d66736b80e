"""The areas a dialogue offers in /grievance, and its own category list if it has one."""

from __future__ import annotations

import aiosqlite

from flows.grievances.records import Area
from storage.sql import fetch_all, fetch_one, fetch_value


class GrievanceAreaRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def of_dialogue(self, dialogue_id: int, *, retired: bool = False) -> list[Area]:
        """The dialogue's areas in the facilitator's order (retired ones too when asked)."""
        sql = "SELECT id, name, retired FROM grievance_areas WHERE dialogue_id = ?"
        if not retired:
            sql += " AND retired = 0"
        rows = await fetch_all(self._conn, sql + " ORDER BY position", (dialogue_id,))
        return [Area(r["id"], r["name"], bool(r["retired"])) for r in rows]

    async def add(self, dialogue_id: int, names: list[str]) -> list[Area]:
        """Add areas (a retired one of the same name comes back); returns those added."""
        existing = await self.of_dialogue(dialogue_id, retired=True)
        by_name = {a.name.casefold(): a for a in existing}
        last = await fetch_value(
            self._conn,
            "SELECT COALESCE(MAX(position), 0) FROM grievance_areas WHERE dialogue_id = ?",
            (dialogue_id,),
        )
        position = int(last)
        added: list[Area] = []
        for name in names:
            known = by_name.get(name.casefold())
            if known is not None and not known.retired:
                continue
            position += 1
            if known is not None:
                await self._conn.execute(
                    "UPDATE grievance_areas SET retired = 0, position = ?"
                    " WHERE dialogue_id = ? AND id = ?",
                    (position, dialogue_id, known.id),
                )
                added.append(Area(known.id, known.name))
                continue
            area = Area(f"a{position}", name)
            await self._conn.execute(
                "INSERT INTO grievance_areas (dialogue_id, id, name, position) VALUES (?, ?, ?, ?)",
                (dialogue_id, area.id, area.name, position),
            )
            added.append(area)
        return added

    async def retire(self, dialogue_id: int, area_id: str) -> bool:
        cur = await self._conn.execute(
            "UPDATE grievance_areas SET retired = 1 WHERE dialogue_id = ? AND id = ?"
            " AND retired = 0",
            (dialogue_id, area_id),
        )
        return cur.rowcount == 1

    async def categories(self, dialogue_id: int) -> str | None:
        """The dialogue's own category definition (TOML), or None for the shipped defaults."""
        row = await fetch_one(
            self._conn,
            "SELECT definition FROM grievance_categories WHERE dialogue_id = ?",
            (dialogue_id,),
        )
        return str(row["definition"]) if row else None

    async def set_categories(self, dialogue_id: int, definition: str | None) -> None:
        if definition is None:
            await self._conn.execute(
                "DELETE FROM grievance_categories WHERE dialogue_id = ?", (dialogue_id,)
            )
            return
        await self._conn.execute(
            "INSERT INTO grievance_categories (dialogue_id, definition) VALUES (?, ?)"
            " ON CONFLICT (dialogue_id) DO UPDATE SET definition = excluded.definition",
            (dialogue_id, definition),
        )
