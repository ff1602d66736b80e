"""Callback data: short, versionless ids that buttons carry, never display text.

``kind:part:part`` with each part free of ``:``; at most 64 UTF-8 bytes, as Telegram requires.
Anything can arrive here (a modified client forges data), so decoding never trusts: handlers
re-check every id against the database and the caller's role.
"""

from __future__ import annotations

MAX_BYTES = 64


def encode(kind: str, *parts: object) -> str:
    fields = [kind, *(str(p) for p in parts)]
    if any(":" in f or not f for f in fields):
        raise ValueError(f"callback fields must be non-empty and free of ':': {fields}")
    data = ":".join(fields)
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None, kind: str, arity: int) -> list[str] | None:
    """The parts of ``data`` when it is ``kind`` with exactly ``arity`` parts, else None."""
    if not data:
        return None
    fields = data.split(":")
    if fields[0] != kind or len(fields) != arity + 1 or not all(fields[1:]):
        return None
    return fields[1:]


def pattern(kind: str) -> str:
    """The CallbackQueryHandler pattern for one kind."""
    return rf"^{kind}(:|$)"


def as_int(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 19 else None


def optional_int(text: str) -> int | None | bool:
    """``-`` means none; a number means that number; anything else is False (forged)."""
    if text == "-":
        return None
    value = as_int(text)
    return False if value is None else value
