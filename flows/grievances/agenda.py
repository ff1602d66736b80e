"""What facilitators may do with a filed grievance, and who may read the agenda.

A filed grievance changes in three ways, all by a facilitator: its status (received, action
taken, closed), whether it is on the dialogue's agenda, and its public reply. The agenda is what
police and official participants may read; a confidential category (gender-based violence, say)
never goes there, whatever a button claims, and stays with the facilitators even if it were
found on the agenda. "To be discussed at the dialogue" is the status the agenda gives: it comes
and goes with the agenda, never on its own.

``decide(grievance, action, catalogue)`` gives the changed grievance and the events to store,
or why nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from flows.grievances.categories import Catalogue
from flows.grievances.receipts import GrievanceStatus
from flows.grievances.records import Grievance, clean_reply
from flows.roles import Role


class DeskRefusal(StrEnum):
    """Why a facilitator's action changed nothing."""

    UNKNOWN = "unknown"  # no grievance of this dialogue has that key: forged or stale
    ONLY_BY_AGENDA = "only_by_agenda"  # "to be discussed" is set by the agenda button
    CONFIDENTIAL = "confidential"  # this category never goes to police or officials
    BAD_REPLY = "bad_reply"  # a reply is 1 to MAX_REPLY characters


# Inputs ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChangeStatus:
    status: GrievanceStatus


@dataclass(frozen=True, slots=True)
class SetAgenda:
    on: bool


@dataclass(frozen=True, slots=True)
class WriteReply:
    text: str


DeskAction = ChangeStatus | SetAgenda | WriteReply


# Events ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusSet:
    key: str
    status: GrievanceStatus


@dataclass(frozen=True, slots=True)
class AgendaSet:
    key: str
    on: bool
    status: GrievanceStatus


@dataclass(frozen=True, slots=True)
class ReplySet:
    key: str
    reply: str


DeskEvent = StatusSet | AgendaSet | ReplySet
Decided = tuple[Grievance, tuple[DeskEvent, ...]]


def decide(grievance: Grievance, action: DeskAction, catalogue: Catalogue) -> Decided | DeskRefusal:
    """Apply one facilitator's action to ``grievance`` (of the dialogue with ``catalogue``)."""
    key = grievance.key
    if isinstance(action, ChangeStatus):
        if action.status is GrievanceStatus.ON_AGENDA:
            return DeskRefusal.ONLY_BY_AGENDA  # the agenda button knows confidential categories
        return replace(grievance, status=action.status), (StatusSet(key, action.status),)
    if isinstance(action, SetAgenda):
        if action.on and grievance.category in catalogue.confidential_ids:
            return DeskRefusal.CONFIDENTIAL
        status = grievance.status
        if action.on and status is GrievanceStatus.RECEIVED:
            status = GrievanceStatus.ON_AGENDA
        if not action.on and status is GrievanceStatus.ON_AGENDA:
            status = GrievanceStatus.RECEIVED
        changed = replace(grievance, on_agenda=action.on, status=status)
        return changed, (AgendaSet(key, action.on, status),)
    if isinstance(action, WriteReply):
        reply = clean_reply(action.text)
        if reply is None:
            return DeskRefusal.BAD_REPLY
        return replace(grievance, reply=reply), (ReplySet(key, reply),)
    raise TypeError(f"not a desk action: {action!r}")


def hidden_from(role: Role | None, catalogue: Catalogue, *, staff: bool = False) -> frozenset[str]:
    """The categories of ``catalogue`` a reader of the agenda must not see.

    Facilitators of the dialogue and program staff read all of it; everyone else, police and
    officials first of all, never reads a confidential category.
    """
    if staff or role is Role.FACILITATOR:
        return frozenset()
    return catalogue.confidential_ids
