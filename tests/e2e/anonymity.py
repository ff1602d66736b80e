"""The unlinkability check shared by the end-to-end tests that leave anonymous records."""

from __future__ import annotations

import re
import sqlite3

LINKING = re.compile(r"person|telegram|user|chat|message|update|username|phone", re.I)
FINE_TIME = re.compile(r"_at$|time|timestamp", re.I)


def check_anonymous(conn: sqlite3.Connection, table: str, known_ids: set[str]) -> list[tuple]:
    """``table`` holds no link to a person, no fine time, and random keys; returns its rows."""
    person_ids = {str(r[0]) for r in conn.execute("SELECT id FROM people")}
    sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)
    ).fetchone()[0]
    assert "WITHOUT ROWID" in sql.upper(), table
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    assert not [c for c in columns if LINKING.search(c)], (table, columns)
    assert not [c for c in columns if FINE_TIME.search(c)], (table, columns)
    targets = {row[2] for row in conn.execute(f"PRAGMA foreign_key_list({table})")}
    assert "people" not in targets, table
    rows = conn.execute(f"SELECT * FROM {table}").fetchall()
    assert rows, f"{table} is empty: nothing ran"
    values = {str(v) for row in rows for v in row}
    assert not values & known_ids, f"{table} holds a Telegram id"
    # Random keys: not the small integers a counter or a person id would give.
    keys = [str(row[0]) for row in rows]
    assert all(len(k) >= 12 and not k.isdigit() for k in keys), (table, keys)
    assert not set(keys) & person_ids
    return rows
