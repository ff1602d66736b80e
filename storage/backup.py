"""A consistent copy of a live database, with SQLite's online backup API."""

from __future__ import annotations

import os
from pathlib import Path

import aiosqlite


async def backup(source: str | Path, target: str | Path) -> Path:
    """Copy ``source`` to ``target`` while the bot may be writing; atomic at the target.

    The copy is written beside the target and renamed into place, so an interrupted backup
    never leaves a half-written file under the final name.
    """
    source, target = Path(source), Path(target)
    if not source.exists():
        raise FileNotFoundError(f"no database at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    async with aiosqlite.connect(f"file:{source}?mode=ro", uri=True) as src:
        async with aiosqlite.connect(partial) as dst:
            await src.backup(dst)
            # A backup is a single file: no WAL beside it.
            await dst.execute("PRAGMA journal_mode=DELETE")
    os.replace(partial, target)
    return target
