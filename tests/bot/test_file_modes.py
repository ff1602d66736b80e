"""Files only the account that runs Palabre can read: every command runs with umask 077, and
the bot tightens what an older Palabre left looser."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.file_modes import tighten
from services.settings import Settings


@pytest.fixture
def umask() -> Iterator[None]:
    """Give the test process its umask back (the command sets 077 for the whole process)."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_and_its_directory_are_the_owners_alone(tmp_path: Path, umask: None) -> None:
    source = tmp_path / "palabre.db"
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE t (x)")
    out = tmp_path / "backups" / "monday.db"
    assert main(["backup", str(out), "--db", str(source)]) == 0
    assert _mode(out) == 0o600
    assert _mode(out.parent) == 0o700


def test_the_bot_tightens_older_files_and_destroys_the_old_day_key(tmp_path: Path) -> None:
    settings = Settings(db_path=tmp_path / "palabre.db")
    names = ("palabre.db", "palabre.db-wal", "palabre.db-shm", "palabre.db.key")
    for name in names:
        (tmp_path / name).write_bytes(b"x")
        os.chmod(tmp_path / name, 0o644)
    keys = settings.key_path
    keys.mkdir(mode=0o755)
    (keys / "round-ab.key").write_bytes(b"k" * 32)
    os.chmod(keys / "round-ab.key", 0o644)
    daily = tmp_path / "palabre.db.key.daily"
    daily.write_text("2026-11-30 " + "ab" * 32)
    tighten(settings)
    assert {name: _mode(tmp_path / name) for name in names} == dict.fromkeys(names, 0o600)
    assert _mode(keys) == 0o700 and _mode(keys / "round-ab.key") == 0o600
    assert not daily.exists()
