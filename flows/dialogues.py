"""Dialogues, the people in them and their memberships.

A person is known to Palabre by their Telegram user id only while they have a profile; the
profile and every membership go when they ask to be forgotten. Anonymous records (grievances,
survey answers, statements and votes) never point back here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flows.roles import Role

MAX_DIALOGUE_NAME = 80


@dataclass(frozen=True, slots=True)
class Dialogue:
    id: int
    name: str
    created_at: datetime
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who talks to the bot. ``language`` is None until they have chosen one."""

    id: int
    telegram_id: int
    language: str | None
    active: bool = True
    active_dialogue_id: int | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    person_id: int
    dialogue_id: int
    role: Role
    joined_on: date  # the day only
    dialogue_name: str = ""


def clean_dialogue_name(raw: str) -> str | None:
    """A dialogue name as stored: one line, trimmed, 1..80 characters; None when unusable."""
    name = " ".join(raw.split())
    if not name or len(name) > MAX_DIALOGUE_NAME:
        return None
    return name


def current_membership(
    memberships: list[Membership], active_dialogue_id: int | None
) -> Membership | None:
    """The membership a person's commands act on: their chosen one, else their only one.

    With several dialogues and no valid choice there is no current one: the person is asked to
    pick with /dialogue rather than acting on a guess.
    """
    for m in memberships:
        if m.dialogue_id == active_dialogue_id:
            return m
    if len(memberships) == 1:
        return memberships[0]
    return None
