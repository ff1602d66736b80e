"""flows/ must stay pure: no Telegram, no SQL, no clock, no network."""

import ast
from pathlib import Path

import flows

FORBIDDEN_MODULES = {
    "telegram",
    "aiosqlite",
    "sqlite3",
    "aiohttp",
    "httpx",
    "bot",
    "storage",
    "socket",
    "asyncio",
    "apscheduler",
    "random",
    "secrets",
}
FORBIDDEN_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("date", "today"),
    ("time", "time"),
    ("os", "urandom"),
}


def _sources() -> list[Path]:
    return sorted(Path(flows.__file__).parent.rglob("*.py"))


def test_flows_imports_nothing_impure() -> None:
    offenders = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES
            ]
    assert offenders == []


def test_flows_never_reads_the_clock() -> None:
    offenders = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Name) and (owner.id, node.func.attr) in FORBIDDEN_CALLS:
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_the_boundary_test_sees_the_package() -> None:
    assert any(p.name == "invites.py" for p in _sources())
