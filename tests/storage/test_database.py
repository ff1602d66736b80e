import asyncio
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from flows.notices import (
    ActionCheck,
    ActionDone,
    GrievanceAlert,
    RoundPrompt,
    SurveyInvitation,
    SurveyReminder,
    VotingOpen,
)
from storage import Database, SchemaTooNew
from storage.backup import backup
from storage.migrations import apply_migrations, latest_version, migrations

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


async def test_pragmas(db: Database) -> None:
    conn = db.connection
    for pragma, expected in [
        ("journal_mode", "wal"),
        ("foreign_keys", 1),
        ("synchronous", 2),
        ("busy_timeout", 5000),
    ]:
        async with conn.execute(f"PRAGMA {pragma}") as cur:
            assert (await cur.fetchone())[0] == expected, pragma


async def test_migrations_run_from_empty_and_record_the_version(db: Database) -> None:
    assert await db.schema_version() == latest_version() >= 1
    async with db.connection.execute("SELECT name FROM sqlite_master WHERE type='table'") as cur:
        tables = {row[0] for row in await cur.fetchall()}
    assert {"dialogues", "people", "memberships", "invites", "conversations"} <= tables


async def test_migrations_are_numbered_without_gaps() -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, len(versions) + 1))


async def test_an_older_database_migrates_forward_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    import aiosqlite

    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await apply_migrations(conn, target=1) == 1
        await conn.execute(
            "INSERT INTO dialogues (name, timezone, created_at) VALUES ('Old', 'UTC', ?)",
            (NOW.isoformat(),),
        )
    db = Database(path)
    assert await db.open() == latest_version()
    async with db.transaction() as tx:
        assert [d.name for d in await tx.dialogues.all()] == ["Old"]
    await db.close()


async def test_outbox_rows_written_before_typed_notices_are_read_as_notices(
    tmp_path: Path,
) -> None:
    """Migration 5 renames the fields of what was queued before it: nothing queued is lost."""
    import aiosqlite

    path = tmp_path / "queued.db"
    old = [
        ("round_prompt", '{"round": "r1"}', "prompt:r1:1"),
        ("vote_next", '{"round": "r1"}', "vote:r1:1:0"),
        ("action_check", '{"action": "a1"}', "check:a1:1:2026-11-20"),
        ("action_done", '{"action": "a1"}', "done:a1:1"),
        ("survey_invite", '{"wave": "w1"}', "wave:w1:1"),
        ("survey_reminder", '{"wave": "w1", "number": 1}', "remind:w1:1:1"),
        (
            "grievance_alert",
            '{"dialogue": 12, "category": "corruption", "area": "a3", "reasons": ["surge"],'
            ' "count": null}',
            "alert:12:2026-11-19:corruption:a3:1",
        ),
    ]
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await apply_migrations(conn, target=4) == 4
        await conn.execute(
            "INSERT INTO people (id, telegram_id, language, created_on) VALUES (1, 77, 'fr', ?)",
            (NOW.date().isoformat(),),
        )
        for kind, payload, dedupe in old:
            await conn.execute(
                "INSERT INTO outbox (person_id, kind, payload, dedupe, not_before)"
                " VALUES (1, ?, ?, ?, ?)",
                (kind, payload, dedupe, NOW.isoformat()),
            )
    db = Database(path)
    await db.open()
    async with db.read() as tx:
        due = await tx.outbox.due(NOW, 50)
    await db.close()
    assert [item.notice for item in due] == [
        RoundPrompt(1, "r1"),
        VotingOpen(1, "r1"),
        ActionCheck(1, "a1", date(2026, 11, 20)),
        ActionDone(1, "a1"),
        SurveyInvitation(1, "w1"),
        SurveyReminder(1, "w1", 1),
        GrievanceAlert(1, 12, date(2026, 11, 19), "corruption", "a3", ("surge",), None),
    ]
    assert [item.notice.dedupe for item in due] == [dedupe for _, _, dedupe in old]


async def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    with pytest.raises(SchemaTooNew):
        await Database(path).open()


async def test_a_failed_unit_of_work_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await tx.dialogues.create("Half", "UTC", NOW)
            raise RuntimeError("crash before commit")
    async with db.transaction() as tx:
        assert await tx.dialogues.all() == []


async def test_concurrent_units_of_work_do_not_mix(db: Database) -> None:
    async def failing() -> None:
        async with db.transaction() as tx:
            await tx.dialogues.create("Doomed", "UTC", NOW)
            await asyncio.sleep(0.01)
            raise RuntimeError

    async def succeeding() -> None:
        async with db.transaction() as tx:
            await tx.dialogues.create("Kept", "UTC", NOW)

    results = await asyncio.gather(failing(), succeeding(), return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    async with db.transaction() as tx:
        assert [d.name for d in await tx.dialogues.all()] == ["Kept"]


async def test_backup_of_a_live_database(db: Database, tmp_path: Path) -> None:
    async with db.transaction() as tx:
        await tx.dialogues.create("Live", "UTC", NOW)
    # The writer keeps its connection open while the copy is taken.
    out = await backup(db.path, tmp_path / "copies" / "backup.db")
    assert out.exists() and not (tmp_path / "copies" / "backup.db.partial").exists()
    with sqlite3.connect(out) as copy:
        assert copy.execute("SELECT name FROM dialogues").fetchall() == [("Live",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA user_version").fetchone() == (latest_version(),)


async def test_backup_of_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        await backup(tmp_path / "nope.db", tmp_path / "out.db")


async def test_statements_lose_their_not_null_role_and_keep_their_votes_and_authors(
    tmp_path: Path,
) -> None:
    """Migration 8 rebuilds the statements table: with foreign keys on, every statement, author
    link and vote is still there afterwards (dropping the table cascades nothing)."""
    import aiosqlite

    path = tmp_path / "statements.db"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await conn.execute("PRAGMA foreign_keys=ON")
        assert await apply_migrations(conn, target=7) == 7
        await conn.executescript(
            "INSERT INTO dialogues (id, name, timezone, created_at)"
            f" VALUES (1, 'Old', 'UTC', '{NOW.isoformat()}');"
            "INSERT INTO people (id, telegram_id, language, created_on)"
            " VALUES (1, 77, 'fr', '2026-11-21');"
            "INSERT INTO rounds (id, dialogue_id, roles, moderation, statement_limit, phase,"
            f" phase_started_at, opened_on) VALUES ('r1', 1, 'community', 1, 500, 'collecting',"
            f" '{NOW.isoformat()}', '2026-11-21');"
            "INSERT INTO statements (id, round_id, author_role, language, text, status, position)"
            " VALUES ('s1', 'r1', 'police', 'fr', 'Texte', 'approved', 0);"
            "INSERT INTO statement_authors (statement_id, person_id) VALUES ('s1', 1);"
            "INSERT INTO votes (key, statement_id, voter_role, vote)"
            " VALUES ('k1', 's1', 'community', 'agree');"
        )
    db = Database(path)
    assert await db.open() == latest_version()
    async with db.transaction() as tx:
        statement = await tx.statements.get("s1")
        assert statement is not None and statement.author_role is not None
        assert statement.language_named
        assert await tx.statements.author_of("s1") == 1
        assert await tx.votes.exists("k1")
        await tx.conn.execute("UPDATE statements SET author_role = NULL WHERE id = 's1'")
        hidden = await tx.statements.get("s1")
        assert hidden is not None and hidden.author_role is None
    await db.close()
