"""A stored grievance and a dialogue's areas, as the use cases and storage pass them around.

A :class:`Grievance` has no field that could point at the person who filed it: a random key,
the dialogue, the day, the answers, and what facilitators did with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flows.grievances.receipts import GrievanceStatus

MAX_REPLY = 1000
KEY_HEX = 32  # 128 random bits
_KEY = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True, slots=True)
class Grievance:
    key: str
    dialogue_id: int
    filed_on: date
    category: str
    area: str
    happened: str
    description: str
    status: GrievanceStatus = GrievanceStatus.RECEIVED
    on_agenda: bool = False
    reply: str | None = None


@dataclass(frozen=True, slots=True)
class Area:
    """A place grievances can be filed under. ``id`` is stable; the name is the facilitator's."""

    id: str
    name: str
    retired: bool = False


def is_key(text: str) -> bool:
    """Whether ``text`` could be a grievance key (buttons carry keys; they can be forged)."""
    return bool(_KEY.match(text))


def clean_reply(text: str) -> str | None:
    """A facilitator's public reply as stored, or None when empty or too long."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > MAX_REPLY:
        return None
    return cleaned
