"""The ``palabre`` command: run the bot, back up and migrate the database, export the figures.

The demo has its own command, ``palabre-demo`` (``demo/__main__.py``): the bot does not know it.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.file_modes import owner_only, tighten

DESCRIPTION = """\
Palabre: a Telegram bot for community Justice and Security Dialogues.

Settings come from PALABRE_* environment variables, or from a TOML file given with --config
(environment variables win). See the README for every setting."""


CREATE_HELP = "start a new, empty database if there is none at the path"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="palabre",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", metavar="FILE", help="read settings from this TOML file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    run = sub.add_parser(
        "run",
        help="run the bot (long polling); needs PALABRE_BOT_TOKEN",
        description="Run the bot with long polling until interrupted. Needs PALABRE_BOT_TOKEN; "
        "talks to PALABRE_API_ROOT (default https://api.telegram.org) and keeps its data in "
        "PALABRE_DB (default ./palabre.db), migrating it forward first. A database that does "
        "not exist yet is made only with --create.",
    )
    run.add_argument("--create", action="store_true", help=CREATE_HELP)
    backup = sub.add_parser(
        "backup",
        help="write a consistent copy of the (possibly live) database",
        description="Copy PALABRE_DB (or --db) to OUT with SQLite's online backup, safe while "
        "the bot runs.",
    )
    backup.add_argument("out", metavar="OUT", help="file to write the copy to")
    backup.add_argument("--db", metavar="PATH", help="database to copy (default: PALABRE_DB)")
    migrate = sub.add_parser(
        "migrate",
        help="bring the database schema up to date",
        description="Apply every pending schema migration to PALABRE_DB (or --db) and print "
        "the schema version. 'palabre run' does this on start too.",
    )
    migrate.add_argument("--db", metavar="PATH", help="database to migrate (default: PALABRE_DB)")
    migrate.add_argument("--create", action="store_true", help=CREATE_HELP)
    export = sub.add_parser(
        "export",
        help="write the figures to an XLSX workbook or a zip of CSV files",
        description="Export trust trends, perception gaps, grievances (anonymous fields only), "
        "rounds with votes by role, and action items, with cells below k marked suppressed. "
        "The format follows OUT's extension: .xlsx or .zip (one CSV per sheet).",
    )
    export.add_argument("--db", metavar="PATH", help="database (default: PALABRE_DB)")
    export.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx or FILE.zip")
    export.add_argument("--dialogue", type=int, metavar="ID", help="only this dialogue")
    export.add_argument("--since", metavar="DATE", help="only from this day on (YYYY-MM-DD)")
    categories = sub.add_parser(
        "categories",
        help="show or set a dialogue's grievance categories",
        description="Without FILE, print the dialogue's grievance categories. With FILE (TOML "
        "in the format of flows/definitions/grievances/categories.toml: spec_version and "
        "[[categories]] with id, label.en/fr/ar, optional urgent and confidential), check it "
        "and make it the dialogue's list. --default goes back to the shipped list. Ids of "
        "categories already used must be kept, or older grievances show their bare id.",
    )
    categories.add_argument("dialogue", type=int, metavar="DIALOGUE_ID")
    categories.add_argument("file", nargs="?", metavar="FILE", help="TOML file to use")
    categories.add_argument("--default", action="store_true", help="use the shipped list")
    categories.add_argument("--db", metavar="PATH", help="database (default: PALABRE_DB)")
    return parser


def _fail(message: str) -> int:
    print(f"palabre: error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    owner_only()  # the database, its log, keys, backups and exports: 0600
    try:
        settings = load_settings(config_file=args.config)
        if args.command == "run":
            return _run(settings, args.create)
        if args.command == "backup":
            return asyncio.run(
                _backup(Path(args.db) if args.db else settings.db_path, Path(args.out))
            )
        if args.command == "migrate":
            return asyncio.run(
                _migrate(Path(args.db) if args.db else settings.db_path, args.create)
            )
        if args.command == "export":
            from bot.export_cli import run_export

            db_path = Path(args.db) if args.db else settings.db_path
            return asyncio.run(
                run_export(settings, db_path, Path(args.out), args.dialogue, args.since)
            )
        if args.command == "categories":
            db_path = Path(args.db) if args.db else settings.db_path
            return asyncio.run(_categories(db_path, args.dialogue, args.file, args.default))
    except ConfigError as exc:
        return _fail(str(exc))
    except sqlite3.DatabaseError as exc:
        return _fail(f"not a Palabre database ({exc})")
    except KeyboardInterrupt:
        return 130
    return 2


def _run(settings: Settings, create: bool) -> int:
    settings.require_token()
    from bot.app import build_application, run
    from bot.logs import configure_logging
    from bot.startup import StartRefused, hold_the_database, prepare

    configure_logging(settings.log_level)
    tighten(settings)
    try:
        held = hold_the_database(settings.db_path, create=create)  # noqa: F841 - kept to the end
        asyncio.run(prepare(settings, create=create))
    except StartRefused as exc:
        return _fail(str(exc))
    run(build_application(settings))
    return 0


async def _backup(source: Path, target: Path) -> int:
    from storage.backup import backup

    try:
        await backup(source, target)
    except FileNotFoundError as exc:
        return _fail(str(exc))
    print(f"backup written to {target}")
    return 0


async def _migrate(path: Path, create: bool) -> int:
    from bot.startup import StartRefused, open_database

    try:
        version = await open_database(path, create=create)
    except StartRefused as exc:
        return _fail(str(exc))
    print(f"{path}: schema version {version}")
    return 0


async def _categories(path: Path, dialogue_id: int, file: str | None, default: bool) -> int:
    from flows.grievances.categories import DefinitionError
    from services import grievances
    from storage import Database

    if not path.exists():
        return _fail(f"{path}: no such database")
    db = Database(path)
    await db.open()
    try:
        if file is not None or default:
            text = None if default else Path(file).read_text(encoding="utf-8")  # type: ignore[arg-type]
            catalogue = await grievances.set_categories(db, dialogue_id, text)
        else:
            async with db.read() as tx:
                if await tx.dialogues.get(dialogue_id) is None:
                    return _fail(f"there is no dialogue {dialogue_id}")
                catalogue = await grievances.catalogue_of(tx, dialogue_id)
    except (DefinitionError, OSError) as exc:
        return _fail(str(exc))
    finally:
        await db.close()
    for category in catalogue.categories:
        flags = [f for f in ("urgent", "confidential") if getattr(category, f)]
        suffix = f"  ({', '.join(flags)})" if flags else ""
        print(f"{category.id}: {category.label('en')}{suffix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
