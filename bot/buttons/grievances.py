"""Buttons of anonymous grievances: the /grievance intake and its receipt (``gv``), the
facilitators' desk (``gd``) and their places (``ar``).

The wire format is the one these buttons had before they were typed, so that buttons already in
people's chats keep working. Every id in them is only looked up, never trusted: the intake
checks a choice against what it offered, the desk a key against the caller's dialogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.buttons.base import Button
from flows.grievances.intake_events import Step
from flows.grievances.receipts import GrievanceStatus

# The intake -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeChoice(Button):
    """An answer to one of the intake's questions: the step it answers and the choice id."""

    prefix = "gv:c"
    step: Step
    choice: str


@dataclass(frozen=True)
class IntakeEdit(Button):
    """From the review: change one answer."""

    prefix = "gv:ed"
    step: Step


@dataclass(frozen=True)
class IntakeConfirm(Button):
    """From the review: "Send it", naming the review it confirms (a random token held with the
    intake in memory). A "Send it" under any other review, or one sent before this field
    existed (``gv:ok`` alone), no longer decodes or no longer matches: it is refused."""

    prefix = "gv:ok"
    review: str


@dataclass(frozen=True)
class IntakeCancel(Button):
    prefix = "gv:x"


@dataclass(frozen=True)
class ReceiptNoted(Button):
    """Under the receipt: "I have noted the code — delete this message". It carries no
    grievance key and no code, nothing that links: it acts only on the message it is on."""

    prefix = "gv:rcpt"


# The facilitators' desk -----------------------------------------------------------------------


@dataclass(frozen=True)
class DeskPage(Button):
    """Show the grievance at ``index`` (newest day first)."""

    prefix = "gd:pg"
    index: int


@dataclass(frozen=True)
class DeskStatus(Button):
    prefix = "gd:st"
    key: str
    status: GrievanceStatus


@dataclass(frozen=True)
class DeskAgenda(Button):
    """Put the grievance on the agenda (``on``) or take it off."""

    prefix = "gd:ag"
    key: str
    on: bool


@dataclass(frozen=True)
class DeskReply(Button):
    """Write the grievance's public reply (the next message)."""

    prefix = "gd:rp"
    key: str


# Places ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreasAdd(Button):
    """Add places (the next message names them)."""

    prefix = "ar:add"


@dataclass(frozen=True)
class AreaRemove(Button):
    prefix = "ar:rm"
    area_id: str
