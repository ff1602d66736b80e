"""Action items: what the groups commit to after a round, who owns it, when it is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from flows.roles import Role
from flows.text import N_

MAX_ACTION_TEXT = 300
DUE_CHOICES_DAYS: tuple[int, ...] = (7, 14, 30, 90)


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


STATUS_LABELS = {
    ActionStatus.OPEN: N_("open"),
    ActionStatus.IN_PROGRESS: N_("in progress"),
    ActionStatus.DONE: N_("done"),
    ActionStatus.DROPPED: N_("dropped"),
}


@dataclass(frozen=True)
class ActionItem:
    id: str
    dialogue_id: int
    text: str
    owner: Role
    due_on: date
    status: ActionStatus = ActionStatus.OPEN
    checked_on: date | None = None  # last day the facilitators were asked for a status

    def overdue(self, today: date) -> bool:
        return self.due_on < today and self.status in {ActionStatus.OPEN, ActionStatus.IN_PROGRESS}

    def needs_status_check(self, today: date) -> bool:
        """Due (or overdue), still open, and not already asked about today."""
        return (
            self.due_on <= today
            and self.status in {ActionStatus.OPEN, ActionStatus.IN_PROGRESS}
            and self.checked_on != today
        )


def clean_action_text(text: str) -> str | None:
    cleaned = " ".join(text.split())
    return cleaned if 0 < len(cleaned) <= MAX_ACTION_TEXT else None


def due_date(today: date, days: int) -> date | None:
    return today + timedelta(days=days) if days in DUE_CHOICES_DAYS else None


def for_display(items: list[ActionItem], today: date) -> list[ActionItem]:
    """Overdue first, then open by due date, then finished ones."""

    def key(item: ActionItem) -> tuple[int, date]:
        finished = item.status in {ActionStatus.DONE, ActionStatus.DROPPED}
        return (0 if item.overdue(today) else 2 if finished else 1, item.due_on)

    return sorted(items, key=key)
