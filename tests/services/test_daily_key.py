"""The day's secret for grievance-limit pseudonyms."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

from services.daily_key import SECRET_BYTES, daily_secret

DAY = date(2026, 11, 21)


def _random(seed: int):
    return lambda n: bytes([seed]) * n


def test_the_same_day_keeps_its_secret_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "palabre.db.key.daily"
    first = daily_secret(path, DAY, _random(1))
    assert len(first) == SECRET_BYTES
    assert daily_secret(path, DAY, _random(2)) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_new_day_replaces_the_secret_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "palabre.db.key.daily"
    old = daily_secret(path, DAY, _random(1))
    new = daily_secret(path, DAY + timedelta(days=1), _random(2))
    assert new != old
    assert old.hex() not in path.read_text()
    assert not path.with_name(path.name + ".tmp").exists()


def test_a_damaged_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "palabre.db.key.daily"
    path.write_text("garbage")
    assert daily_secret(path, DAY, _random(3)) == bytes([3]) * SECRET_BYTES
