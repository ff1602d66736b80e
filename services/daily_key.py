"""The day's secret for grievance-limit pseudonyms: one per day, kept outside the database.

The file holds the day and its secret; when the day changes the file is replaced by a new
secret, so yesterday's pseudonyms can no longer be recomputed by anyone, including Palabre.
Kept on disk (not only in memory) so that a restart during the day keeps counting.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

SECRET_BYTES = 32


def daily_secret(path: Path, day: date, random_bytes: Callable[[int], bytes]) -> bytes:
    """The secret for ``day``, replacing an older day's secret on disk."""
    try:
        stored_day, _, hex_secret = path.read_text(encoding="ascii").strip().partition(" ")
        if stored_day == day.isoformat() and len(hex_secret) == 2 * SECRET_BYTES:
            return bytes.fromhex(hex_secret)
    except (FileNotFoundError, ValueError):
        pass
    secret = random_bytes(SECRET_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as fh:
        fh.write(f"{day.isoformat()} {secret.hex()}\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, path)
    return secret
