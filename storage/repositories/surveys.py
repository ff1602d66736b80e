"""Survey schedules, waves, who takes part in an open wave, and anonymous responses."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import aiosqlite

from flows.roles import Role
from flows.surveys.records import Participation, Schedule, Wave, parse_roles, roles_text
from storage.sql import fetch_all, fetch_one
from storage.timestamps import from_text, to_text

_SCHEDULE = "SELECT id, dialogue_id, spec, roles, instrument, last_fired FROM survey_schedules"
_WAVE = (
    "SELECT id, dialogue_id, schedule_id, due_at, instrument, roles, opened_at, closes_at,"
    " reminders_sent, closed FROM survey_waves"
)


def _schedule(r: aiosqlite.Row) -> Schedule:
    return Schedule(
        r["id"],
        r["dialogue_id"],
        r["spec"],
        parse_roles(r["roles"]),
        r["instrument"],
        from_text(r["last_fired"]),
    )


def _wave(r: aiosqlite.Row) -> Wave:
    return Wave(
        r["id"],
        r["dialogue_id"],
        r["schedule_id"],
        from_text(r["due_at"]),
        r["instrument"],
        parse_roles(r["roles"]),
        from_text(r["opened_at"]),
        from_text(r["closes_at"]),
        r["reminders_sent"],
        bool(r["closed"]),
    )


def _state(text: str | None) -> dict[str, Any] | None:
    state = json.loads(text) if text else None
    return state if isinstance(state, dict) else None


class ScheduleRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(self, schedule: Schedule, now: datetime) -> None:
        await self._conn.execute(
            "INSERT INTO survey_schedules (id, dialogue_id, spec, roles, instrument, last_fired,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                schedule.id,
                schedule.dialogue_id,
                schedule.spec,
                roles_text(schedule.roles),
                schedule.instrument,
                to_text(schedule.last_fired),
                to_text(now),
            ),
        )

    async def all(self) -> list[Schedule]:
        return [_schedule(r) for r in await fetch_all(self._conn, f"{_SCHEDULE} ORDER BY id")]

    async def of_dialogue(self, dialogue_id: int) -> list[Schedule]:
        rows = await fetch_all(
            self._conn, f"{_SCHEDULE} WHERE dialogue_id = ? ORDER BY created_at", (dialogue_id,)
        )
        return [_schedule(r) for r in rows]

    async def get(self, schedule_id: str) -> Schedule | None:
        row = await fetch_one(self._conn, f"{_SCHEDULE} WHERE id = ?", (schedule_id,))
        return _schedule(row) if row else None

    async def fired(self, schedule_id: str, due_at: datetime) -> None:
        await self._conn.execute(
            "UPDATE survey_schedules SET last_fired = ? WHERE id = ?",
            (to_text(due_at), schedule_id),
        )

    async def delete(self, schedule_id: str) -> bool:
        cur = await self._conn.execute("DELETE FROM survey_schedules WHERE id = ?", (schedule_id,))
        return bool(cur.rowcount == 1)


class WaveRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(self, wave: Wave) -> bool:
        """Store a new wave; False when its schedule's due time already has one."""
        cur = await self._conn.execute(
            "INSERT INTO survey_waves (id, dialogue_id, schedule_id, due_at, instrument, roles,"
            " opened_at, closes_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (schedule_id, due_at) DO NOTHING",
            (
                wave.id,
                wave.dialogue_id,
                wave.schedule_id,
                to_text(wave.due_at),
                wave.instrument,
                roles_text(wave.roles),
                to_text(wave.opened_at),
                to_text(wave.closes_at),
            ),
        )
        return bool(cur.rowcount == 1)

    async def get(self, wave_id: str) -> Wave | None:
        row = await fetch_one(self._conn, f"{_WAVE} WHERE id = ?", (wave_id,))
        return _wave(row) if row else None

    async def open_waves(self) -> list[Wave]:
        return [_wave(r) for r in await fetch_all(self._conn, f"{_WAVE} WHERE closed = 0")]

    async def of_dialogue(self, dialogue_id: int) -> list[Wave]:
        """The dialogue's waves, oldest first."""
        rows = await fetch_all(
            self._conn, f"{_WAVE} WHERE dialogue_id = ? ORDER BY opened_at, id", (dialogue_id,)
        )
        return [_wave(r) for r in rows]

    async def reminded(self, wave_id: str, sent: int) -> None:
        await self._conn.execute(
            "UPDATE survey_waves SET reminders_sent = ? WHERE id = ?", (sent, wave_id)
        )

    async def invited(self, wave_id: str, counts: dict[Role, int]) -> None:
        """How many were invited per role, when the wave starts (a later /forgetme of someone
        who answered must not shrink the denominator)."""
        for role, invited in counts.items():
            await self._conn.execute(
                "INSERT INTO survey_wave_counts (wave_id, role, invited, blocked, answered)"
                " VALUES (?, ?, ?, 0, 0)",
                (wave_id, role.value, invited),
            )

    async def close(self, wave_id: str, counts: dict[Role, tuple[int, int, int]]) -> None:
        """Mark closed and freeze (invited, blocked, answered) per role."""
        await self._conn.execute("UPDATE survey_waves SET closed = 1 WHERE id = ?", (wave_id,))
        for role, (invited, blocked, answered) in counts.items():
            await self._conn.execute(
                "INSERT INTO survey_wave_counts (wave_id, role, invited, blocked, answered)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (wave_id, role) DO UPDATE SET"
                " invited = MAX(invited, excluded.invited), blocked = excluded.blocked,"
                " answered = excluded.answered",
                (wave_id, role.value, invited, blocked, answered),
            )

    async def counts(self, wave_id: str) -> dict[Role, tuple[int, int, int]]:
        rows = await fetch_all(
            self._conn,
            "SELECT role, invited, blocked, answered FROM survey_wave_counts WHERE wave_id = ?",
            (wave_id,),
        )
        return {Role(r["role"]): (r["invited"], r["blocked"], r["answered"]) for r in rows}


class ParticipationRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def invite(self, wave_id: str, person_id: int, role: Role) -> None:
        await self._conn.execute(
            "INSERT INTO survey_participation (wave_id, person_id, role) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (wave_id, person_id, role.value),
        )

    async def get(self, wave_id: str, person_id: int) -> Participation | None:
        row = await fetch_one(
            self._conn,
            "SELECT role, state, finished FROM survey_participation"
            " WHERE wave_id = ? AND person_id = ?",
            (wave_id, person_id),
        )
        if row is None:
            return None
        return Participation(
            wave_id, person_id, Role(row["role"]), _state(row["state"]), bool(row["finished"])
        )

    async def save(self, wave_id: str, person_id: int, state: dict[str, Any]) -> None:
        await self._conn.execute(
            "UPDATE survey_participation SET state = ? WHERE wave_id = ? AND person_id = ?",
            (json.dumps(state), wave_id, person_id),
        )

    async def finish(self, wave_id: str, person_id: int) -> None:
        await self._conn.execute(
            "UPDATE survey_participation SET state = NULL, finished = 1"
            " WHERE wave_id = ? AND person_id = ?",
            (wave_id, person_id),
        )

    async def of_wave(self, wave_id: str) -> list[Participation]:
        rows = await fetch_all(
            self._conn,
            "SELECT s.person_id, s.role, s.state, s.finished, p.active"
            " FROM survey_participation s JOIN people p ON p.id = s.person_id"
            " WHERE s.wave_id = ? ORDER BY s.person_id",
            (wave_id,),
        )
        return [
            Participation(
                wave_id,
                r["person_id"],
                Role(r["role"]),
                _state(r["state"]),
                bool(r["finished"]),
                bool(r["active"]),
            )
            for r in rows
        ]

    async def progress(self, wave_id: str) -> dict[Role, tuple[int, int]]:
        """Per role: (invited, finished) so far."""
        rows = await fetch_all(
            self._conn,
            "SELECT role, COUNT(*) AS invited, SUM(finished) AS finished"
            " FROM survey_participation WHERE wave_id = ? GROUP BY role",
            (wave_id,),
        )
        return {Role(r["role"]): (r["invited"], r["finished"] or 0) for r in rows}

    async def forget_wave(self, wave_id: str) -> None:
        await self._conn.execute("DELETE FROM survey_participation WHERE wave_id = ?", (wave_id,))


class ResponseRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add(
        self, key: str, wave_id: str, role: Role, day: date, answers: dict[str, str]
    ) -> None:
        await self._conn.execute(
            "INSERT INTO survey_responses (key, wave_id, role, answered_on, answers)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, wave_id, role.value, day.isoformat(), json.dumps(answers, sort_keys=True)),
        )

    async def add_open_answer(
        self, key: str, wave_id: str, role: Role, item: str, text: str
    ) -> None:
        await self._conn.execute(
            "INSERT INTO survey_open_answers (key, wave_id, role, item, text)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, wave_id, role.value, item, text),
        )

    async def of_wave(self, wave_id: str) -> dict[Role, list[dict[str, str]]]:
        rows = await fetch_all(
            self._conn,
            "SELECT role, answers FROM survey_responses WHERE wave_id = ? ORDER BY key",
            (wave_id,),
        )
        found: dict[Role, list[dict[str, str]]] = {}
        for r in rows:
            found.setdefault(Role(r["role"]), []).append(json.loads(r["answers"]))
        return found

    async def count(self, wave_id: str) -> dict[Role, int]:
        rows = await fetch_all(
            self._conn,
            "SELECT role, COUNT(*) AS answered FROM survey_responses WHERE wave_id = ?"
            " GROUP BY role",
            (wave_id,),
        )
        return {Role(r["role"]): r["answered"] for r in rows}

    async def open_answers(self, wave_id: str) -> dict[Role, list[str]]:
        rows = await fetch_all(
            self._conn,
            "SELECT role, text FROM survey_open_answers WHERE wave_id = ? ORDER BY key",
            (wave_id,),
        )
        found: dict[Role, list[str]] = {}
        for r in rows:
            found.setdefault(Role(r["role"]), []).append(r["text"])
        return found
