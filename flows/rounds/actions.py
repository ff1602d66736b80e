"""Action items: what the groups commit to after a round, who owns it, when it is due.

A JSD is judged by what happens between meetings. An action item names one owning group (not a
person: a role, so commitments survive staff rotation and nobody is exposed by name), a due
date, and a status the facilitators update when the bot asks them on and after the due day.
``today`` is always passed in (the edge knows the deployment's time zone); nothing here reads a
clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from flows.notices import ActionCheck, ActionDone
from flows.roles import Role
from flows.text import N_

MAX_ACTION_TEXT = 300
DUE_CHOICES_DAYS: tuple[int, ...] = (7, 14, 30, 90)


class ActionStatus(StrEnum):
    """Persisted: never rename a value."""

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

#: Statuses still being worked on: they can be overdue and are asked about.
ACTIVE: frozenset[ActionStatus] = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})

#: Allowed status changes. Work moves forward or is finished; a finished item may only be
#: reopened (a "done" pressed by mistake, a dropped commitment taken up again), never moved
#: straight from done to dropped or back to in progress, so its history stays readable.
TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.OPEN: frozenset(
        {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED}
    ),
    ActionStatus.IN_PROGRESS: frozenset(
        {ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED}
    ),
    ActionStatus.DONE: frozenset({ActionStatus.OPEN}),
    ActionStatus.DROPPED: frozenset({ActionStatus.OPEN}),
}


#: The answers a facilitator is offered when asked how a due item is going.
STATUS_ANSWERS: tuple[ActionStatus, ...] = (
    ActionStatus.DONE,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DROPPED,
)


class ActionProblem(StrEnum):
    """Why an action item or a change to one is refused."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    DUE_IN_PAST = "due_in_past"
    UNCHANGED = "unchanged"  # already in that status (a second press)
    NOT_ALLOWED = "not_allowed"  # not a move TRANSITIONS allows
    NOT_OFFERED = "not_offered"  # a due date or an answer no button offers (forged, outdated)


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
        return self.due_on < today and self.status in ACTIVE

    def needs_status_check(self, today: date) -> bool:
        """Due (or overdue), still open, and not already asked about today."""
        return self.due_on <= today and self.status in ACTIVE and self.checked_on != today


@dataclass(frozen=True)
class ActionDraft:
    """A checked text and due date, ready to become an ActionItem with an id."""

    text: str
    due_on: date


def action_text(text: str, limit: int = MAX_ACTION_TEXT) -> str | ActionProblem:
    """The text as stored (white space collapsed to single spaces), or why it is refused."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return ActionProblem.EMPTY
    if len(cleaned) > limit:
        return ActionProblem.TOO_LONG
    return cleaned


def validate_action(
    text: str, due_on: date, today: date, limit: int = MAX_ACTION_TEXT
) -> ActionDraft | ActionProblem:
    """A new item's text and due date, or the first thing wrong with them.

    Due today is allowed (a commitment for the day of the meeting); due before today is not.
    """
    cleaned = action_text(text, limit)
    if isinstance(cleaned, ActionProblem):
        return cleaned
    if due_on < today:
        return ActionProblem.DUE_IN_PAST
    return ActionDraft(cleaned, due_on)


def due_date(today: date, days: int) -> date | None:
    """The due date for one of the offered choices (a week, two, a month, a quarter)."""
    return today + timedelta(days=days) if days in DUE_CHOICES_DAYS else None


def draft(text: str, days: int, today: date) -> ActionDraft | ActionProblem:
    """A new item from the facilitator's text and their choice of due date (in ``days``)."""
    due_on = due_date(today, days)
    if due_on is None:
        return ActionProblem.NOT_OFFERED
    return validate_action(text, due_on, today)


def change_status(item: ActionItem, status: ActionStatus) -> ActionItem | ActionProblem:
    """The item in its new status, or why the change is refused."""
    if status is item.status:
        return ActionProblem.UNCHANGED
    if status not in TRANSITIONS[item.status]:
        return ActionProblem.NOT_ALLOWED
    return replace(item, status=status)


def answer(item: ActionItem, status: ActionStatus) -> ActionItem | ActionProblem:
    """A facilitator's answer about ``item`` (one of STATUS_ANSWERS), or why it is refused."""
    if status not in STATUS_ANSWERS:
        return ActionProblem.NOT_OFFERED
    return change_status(item, status)


def announced(before: ActionItem, after: ActionItem, everyone: Iterable[int]) -> list[ActionDone]:
    """Everyone in the dialogue hears when an action is done (not again if it already was)."""
    if after.status is not ActionStatus.DONE or before.status is ActionStatus.DONE:
        return []
    return [ActionDone(person_id, after.id) for person_id in everyone]


def _display_key(item: ActionItem, today: date) -> tuple[int, date]:
    finished = item.status not in ACTIVE
    return (0 if item.overdue(today) else 2 if finished else 1, item.due_on)


def for_display(items: list[ActionItem], today: date) -> list[ActionItem]:
    """Overdue first (oldest first), then active ones by due date, then finished ones."""
    return sorted(items, key=lambda item: _display_key(item, today))


def due_for_check(items: Iterable[ActionItem], today: date) -> list[ActionItem]:
    """Items to ask the facilitators about today, in display order (overdue first)."""
    return for_display([i for i in items if i.needs_status_check(today)], today)


def mark_checked(item: ActionItem, today: date) -> ActionItem:
    """The item after the facilitators were asked about it on ``today`` (asked once a day)."""
    return replace(item, checked_on=today)


def ask_for_status(
    due: Iterable[ActionItem], facilitators: Mapping[int, Sequence[int]], today: date
) -> tuple[list[ActionItem], list[ActionCheck]]:
    """Ask each due item's facilitators (by dialogue) how it is going: the items as asked
    about today, and the questions."""
    asked = [mark_checked(item, today) for item in due]
    questions = [
        ActionCheck(person_id, item.id, today)
        for item in asked
        for person_id in facilitators.get(item.dialogue_id, ())
    ]
    return asked, questions
