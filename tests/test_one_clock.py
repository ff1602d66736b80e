"""One clock: outside ``services/runtime.py`` nothing in the bot, its use cases or its storage
reads the wall clock.

Everything that tells the time (deadlines, waves, schedules and their JobQueue alarms, daily
keys, receipts, digests' weeks and months, exports' dates) takes it from the clock the
application was built with, so that a test or the demo that injects its own clock is obeyed
everywhere. ``time.monotonic`` (durations, pacing) is not a date and stays allowed.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "services", "storage")
THE_CLOCK = ROOT / "services" / "runtime.py"
WALL_CLOCK = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}


def _wall_clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and (owner.id, node.func.attr) in WALL_CLOCK:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_only_the_runtime_reads_the_wall_clock() -> None:
    offenders = [
        where
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != THE_CLOCK
        for where in _wall_clock_reads(path)
    ]
    assert offenders == []


def test_the_check_sees_a_wall_clock_read() -> None:
    assert _wall_clock_reads(THE_CLOCK), "services/runtime.py should hold the one utc_now()"


def test_sql_never_asks_sqlite_for_the_time() -> None:
    """SQLite's own 'now' follows the machine, not the injected clock."""
    sources = [*(ROOT / "storage").rglob("*.sql"), *(ROOT / "storage").rglob("*.py")]
    for path in sources:
        text = path.read_text(encoding="utf-8").lower()
        for word in ("'now'", "current_timestamp", "current_date", "current_time"):
            assert word not in text, f"{path.relative_to(ROOT)} uses {word}"
