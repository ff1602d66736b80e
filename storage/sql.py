"""Reading with one hop to aiosqlite's thread per query.

``async with conn.execute(...) as cur: await cur.fetchone()`` costs three hops (execute, fetch,
close), each a queue round trip through the worker thread. ``execute_fetchall`` costs one, and
this runs on every update, so every read goes through these two helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import aiosqlite


async def fetch_all(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()
) -> list[aiosqlite.Row]:
    """Every row, each read by column name (``row["id"]``)."""
    return list(await conn.execute_fetchall(sql, tuple(params)))


async def fetch_value(conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()) -> Any:
    """The first column of the one row a query always gives (a COUNT, a MAX...)."""
    row = await fetch_one(conn, sql, params)
    if row is None:
        raise LookupError("the query gave no row")
    return row[0]


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()
) -> aiosqlite.Row | None:
    rows = list(await conn.execute_fetchall(sql, tuple(params)))
    return rows[0] if rows else None
