"""Palabre's storage: aiosqlite, versioned migrations, one small repository per aggregate.

The only package that holds SQL. It imports ``flows`` for the domain types it persists and
nothing from ``bot``. Anonymity is a property of the schema here: tables that hold what
people said or answered carry no person column, no time finer than a day and random keys in
``WITHOUT ROWID`` tables.
"""

from storage.database import Database, SchemaTooNew, Transaction

__all__ = ["Database", "SchemaTooNew", "Transaction"]
