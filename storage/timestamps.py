"""How times are stored: ISO 8601 text in UTC, so they sort and compare as strings."""

from __future__ import annotations

from datetime import UTC, date, datetime


def to_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored: pass an aware time")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def maybe_to_text(moment: datetime | None) -> str | None:
    return None if moment is None else to_text(moment)


def maybe_from_text(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def day_text(day: date) -> str:
    """A day, for records that must not carry the time of day."""
    return day.isoformat()
