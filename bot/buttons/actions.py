"""Buttons of action items: a new item's owner and due date, a facilitator's status answer.

Wire formats as before (``act:o:<role>``, ``act:d:<days>``, ``act:s:<item>:<status>``), so
buttons already in people's chats keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.buttons.base import Button
from flows.roles import Role
from flows.rounds.actions import ActionStatus


@dataclass(frozen=True)
class ActionOwnerChosen(Button):
    """/action, after the text: which group owns the item."""

    prefix = "act:o"
    owner: Role


@dataclass(frozen=True)
class ActionDueChosen(Button):
    """/action, last step: due in this many days; pressing it adds the item."""

    prefix = "act:d"
    days: int


@dataclass(frozen=True)
class ActionStatusAnswered(Button):
    """A facilitator's answer to "This action item is due: how is it going?"."""

    prefix = "act:s"
    action_id: str
    status: ActionStatus
