"""The floors of the house, enforced: edge → services → domain, storage beside.

- ``services/`` (the use cases) imports no Telegram, no charts, no translations, no file
  formats: it is tested without a bot.
- ``bot/`` (the Telegram edge) never touches the database and never imports storage types:
  it decodes an update, calls a use case and renders the result. Only the composition root
  (building the application, the command line and its start-up checks) opens the database.
- ``bot/`` does not import the demo: the demo runs the bot, not the other way round.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPOSITION_ROOT = {"bot/app.py", "bot/cli.py", "bot/export_cli.py", "bot/startup.py"}
NOT_IN_SERVICES = {"telegram", "matplotlib", "babel", "openpyxl", "bot", "sandbox", "demo"}


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _touches_storage(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    why = [f"imports {m}" for m in _imports(tree) if m.split(".")[0] == "storage"]
    why += [
        f"line {node.lineno}: .db"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "db"
    ]
    return why


def test_services_import_nothing_of_the_edge() -> None:
    offenders = {
        f"{_name(path)}: {module}"
        for path in _sources("services")
        for module in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if module.split(".")[0] in NOT_IN_SERVICES
    }
    assert offenders == set()


def test_the_edge_never_touches_the_database() -> None:
    offenders = {
        _name(path): why
        for path in _sources("bot")
        if _name(path) not in COMPOSITION_ROOT and (why := _touches_storage(path))
    }
    assert offenders == {}


def test_the_edge_does_not_import_the_demo() -> None:
    offenders = {
        _name(path)
        for path in _sources("bot")
        if any(m.split(".")[0] == "demo" for m in _imports(ast.parse(path.read_text())))
    }
    assert offenders == set()


def test_heavy_modules_load_when_first_needed() -> None:
    """matplotlib (charts), numpy and openpyxl (exports) are not loaded by starting the bot:
    they cost start-up time and idle memory, and most of a bot's life draws no chart."""
    import subprocess
    import sys

    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, bot.app, bot.cli; "
            "print(sorted(m for m in ('matplotlib', 'numpy', 'openpyxl') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert loaded.stdout.strip() == "[]"
