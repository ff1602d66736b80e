"""Notices: the messages a decision causes for one person, sent after the decision commits.

A use case writes each notice to the outbox in the same transaction as the state it follows
from; the Telegram edge renders it for its recipient, in their language, when it is sent. A
notice is a frozen dataclass per kind. Its ``dedupe`` key makes a second write of the same
notice a no-op (a tick run twice, a restart halfway through), and it carries only ids: what
it shows is read when it is sent, so a person who left, a round that moved on or a wave that
closed gets nothing stale.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

#: Every kind of notice, by the name the outbox stores.
KINDS: dict[str, type[Notice]] = {}


class IfUnsure(StrEnum):
    """What a send does when Telegram may or may not have delivered it (a timeout, a 5xx or a
    dropped connection after the request went out): each kind of notice decides."""

    #: Send it again: losing it costs the person more than seeing it twice.
    RESEND = "resend"
    #: Count it as delivered: the person gets it back with one command, or the next notice
    #: carries the same thing, and a second copy would be the greater nuisance.
    LEAVE = "leave"


@dataclass(frozen=True)
class Notice:
    person_id: int
    kind: ClassVar[str] = ""
    if_unsure: ClassVar[IfUnsure] = IfUnsure.LEAVE

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            if cls.kind in KINDS:
                raise TypeError(f"two notices of kind {cls.kind!r}")
            KINDS[cls.kind] = cls

    @property
    def dedupe(self) -> str:
        """What makes this notice the same as another (one per recipient and occasion)."""
        raise NotImplementedError

    def payload(self) -> dict[str, Any]:
        """The fields but the recipient, as stored with the notice."""
        return {
            f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "person_id"
        }


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


class UnknownNotice(ValueError):
    """The outbox holds a kind or fields this Palabre does not know (a newer one wrote it)."""


def notice_from(kind: str, person_id: int, payload: dict[str, Any]) -> Notice:
    """The notice of ``kind`` for ``person_id``, stored with ``payload``."""
    cls = KINDS.get(kind)
    if cls is None:
        raise UnknownNotice(f"unknown notice kind {kind!r}")
    values: dict[str, Any] = {"person_id": person_id}
    for f in fields(cls):
        if f.name == "person_id":
            continue
        if f.name not in payload:
            raise UnknownNotice(f"{kind}: {f.name} is missing")
        value = payload[f.name]
        if f.type in ("date", date) and isinstance(value, str):
            value = date.fromisoformat(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


@dataclass(frozen=True)
class OutboxItem:
    """A notice due for sending (``id`` in the outbox), with what delivery needs to know of its
    recipient: where to send it, in which language, and whether they can still be reached."""

    id: int
    notice: Notice
    telegram_id: int
    language: str | None
    active: bool
    #: Parts of a notice sent as several messages already claimed: sending resumes after them.
    parts_sent: int = 0

    @property
    def person_id(self) -> int:
        return self.notice.person_id


# Rounds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundPrompt(Notice):
    """A round opened: the question for the recipient's group. Resent when unsure: without it
    the group never hears the question; a second copy asks the same, its buttons still work."""

    round_id: str
    kind: ClassVar[str] = "round_prompt"
    if_unsure: ClassVar[IfUnsure] = IfUnsure.RESEND

    @property
    def dedupe(self) -> str:
        return f"prompt:{self.round_id}:{self.person_id}"


@dataclass(frozen=True)
class ModerationReady(Notice):
    """Collecting ended: statements wait for a facilitator's moderation (left when unsure:
    /moderate brings the first card)."""

    round_id: str
    kind: ClassVar[str] = "moderation_ready"

    @property
    def dedupe(self) -> str:
        return f"moderate:{self.round_id}:{self.person_id}"


@dataclass(frozen=True)
class VotingOpen(Notice):
    """Voting opened: the recipient's first statement to vote on (left when unsure: /vote
    brings the card they are at, and a second copy would offer one statement twice)."""

    round_id: str
    kind: ClassVar[str] = "vote_next"

    @property
    def dedupe(self) -> str:
        return f"vote:{self.round_id}:{self.person_id}:0"


@dataclass(frozen=True)
class RoundResults(Notice):
    """The round closed: its results, full for facilitators, short for everyone else. Resent
    when unsure, from the part that failed (it may come in several messages): participants
    have no command to ask for them."""

    round_id: str
    kind: ClassVar[str] = "round_results"
    if_unsure: ClassVar[IfUnsure] = IfUnsure.RESEND

    @property
    def dedupe(self) -> str:
        return f"results:{self.round_id}:{self.person_id}"


@dataclass(frozen=True)
class ActionCheck(Notice):
    """An action item is due: a facilitator is asked how it is going (once a day; left when
    unsure: tomorrow's asks again, and /actions lists it)."""

    action_id: str
    day: date
    kind: ClassVar[str] = "action_check"

    @property
    def dedupe(self) -> str:
        return f"check:{self.action_id}:{self.person_id}:{self.day.isoformat()}"


@dataclass(frozen=True)
class ActionDone(Notice):
    """An action item agreed in the dialogue is done (left when unsure: /actions shows it)."""

    action_id: str
    kind: ClassVar[str] = "action_done"

    @property
    def dedupe(self) -> str:
        return f"done:{self.action_id}:{self.person_id}"


# Surveys ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyInvitation(Notice):
    """A wave opened: the invitation, with the first question. Resent when unsure: a second
    copy's buttons answer the same wave and question, once."""

    wave_id: str
    kind: ClassVar[str] = "survey_invite"
    if_unsure: ClassVar[IfUnsure] = IfUnsure.RESEND

    @property
    def dedupe(self) -> str:
        return f"wave:{self.wave_id}:{self.person_id}"


@dataclass(frozen=True)
class SurveyReminder(Notice):
    """The wave is still open and the recipient has not finished: the question they are at
    (left when unsure: a nudge, and the invitation or the next reminder asks the same)."""

    wave_id: str
    number: int
    kind: ClassVar[str] = "survey_reminder"

    @property
    def dedupe(self) -> str:
        return f"remind:{self.wave_id}:{self.number}:{self.person_id}"


# Grievances ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrievanceAlert(Notice):
    """An early warning for a subject and place: a surge, or a report in an urgent category.

    ``count`` is this week's count, None when it is below k (shown as "<k"). Resent when
    unsure: a warning must not be lost; /grievances shows the digest too."""

    if_unsure: ClassVar[IfUnsure] = IfUnsure.RESEND
    dialogue_id: int
    day: date
    category: str
    area: str
    reasons: tuple[str, ...]
    count: int | None
    kind: ClassVar[str] = "grievance_alert"

    @property
    def dedupe(self) -> str:
        """Once per subject, place, day and facilitator, whatever the count says."""
        where = f"{self.dialogue_id}:{self.day.isoformat()}:{self.category}:{self.area}"
        return f"alert:{where}:{self.person_id}"
