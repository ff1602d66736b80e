"""`palabre export`: the figures of one dialogue or all of them, as XLSX or a zip of CSV files.

The file is written beside OUT and renamed into place, so a failed export never leaves half a
file under OUT's name. A progress bar goes to stderr when it is a terminal.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.export_files import WRITERS
from bot.runtime import utc_now
from flows.exports.formats import ExportFormat
from services.exports import UnknownDialogue, collect
from storage import Database, SchemaTooNew
from storage.migrations import latest_version

FORMATS = {".xlsx": ExportFormat.XLSX, ".zip": ExportFormat.CSV}
BAR = 30


def _fail(message: str) -> int:
    print(f"palabre: error: {message}", file=sys.stderr)
    return 2


class ProgressBar:
    """``[#######-------]  7/12  rounds: Maradi Nord`` on one line, redrawn in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.width = 0

    def __call__(self, done: int, total: int, what: str) -> None:
        filled = BAR * done // total if total else BAR
        line = f"[{'#' * filled}{'-' * (BAR - filled)}] {done:>{len(str(total))}}/{total}  "
        line = (line + what)[:100]
        self.stream.write("\r" + line.ljust(self.width))
        self.width = len(line)
        self.stream.flush()

    def end(self) -> None:
        if self.width:
            self.stream.write("\n")
            self.stream.flush()


async def run_export(
    settings: Settings, db_path: Path, out: Path, dialogue: int | None, since: str | None
) -> int:
    chosen = FORMATS.get(out.suffix.lower())
    if chosen is None:
        return _fail(f"{out}: the file name must end in .xlsx or .zip")
    try:
        since_day = date.fromisoformat(since) if since is not None else None
    except ValueError:
        return _fail(f"--since {since}: not a day written YYYY-MM-DD")
    if not db_path.is_file():
        return _fail(f"{db_path}: no such database")
    if not out.parent.is_dir():
        return _fail(f"{out.parent}: no such folder")
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    db = Database(db_path)
    try:
        version = await db.open(migrate=False)
        if version < latest_version():
            return _fail(f"{db_path}: schema version {version}; run 'palabre migrate' first")
        today = utc_now().astimezone(settings.zone).date()
        book = await collect(
            db, settings, None if dialogue is None else [dialogue], since_day, bar, today=today
        )
    except (UnknownDialogue, SchemaTooNew) as exc:
        return _fail(str(exc))
    except sqlite3.DatabaseError as exc:
        return _fail(f"{db_path}: {exc}")
    finally:
        await db.close()
        if bar is not None:
            bar.end()
    partial = out.with_name(f".{out.name}.partial")
    try:
        WRITERS[chosen](book, partial)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return _fail(f"{out}: {exc.strerror or exc}")
    rows = sum(len(s.rows) for s in book.sheets[1:])
    print(f"export written to {out} ({rows} rows)")
    return 0
