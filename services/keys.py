"""The secret that keys anonymous records, kept outside the database.

Votes are stored under HMAC(secret, voter, statement): one row per voter and statement, so a
second press changes the vote instead of adding one, yet whoever holds only the database (a
backup, a seized disk) cannot tell whose vote a row is. The secret lives in its own file,
created on first start with owner-only permissions, and is never backed up with the database.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

SECRET_BYTES = 32


def load_or_create(path: Path) -> bytes:
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = os.urandom(SECRET_BYTES)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as fh:
            fh.write(secret)
    if len(secret) < SECRET_BYTES:
        raise ValueError(f"the secret in {path} is too short")
    return secret


def keyed(secret: bytes, *parts: object) -> str:
    message = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
