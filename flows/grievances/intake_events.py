"""The words of the /grievance intake: its steps, what the person sends, what the bot does.

Plain data shared by the state machine (:mod:`flows.grievances.intake`) and the edge. Inputs
are what arrives from Telegram, already decoded (a button press names its step and choice id);
effects are what the edge must do, with ids it translates for the reader. Keeping them as data
lets the whole intake be tested as transcripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flows.grievances.identifying import IdentifyingKind


class Step(StrEnum):
    """Where the person is in the intake. Persisted: never rename a value."""

    CATEGORY = "category"
    AREA = "area"
    WHEN = "when"
    DESCRIPTION = "description"
    REVIEW = "review"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


ANSWER_STEPS: tuple[Step, ...] = (Step.CATEGORY, Step.AREA, Step.WHEN, Step.DESCRIPTION)
CHOICE_STEPS: tuple[Step, ...] = (Step.CATEGORY, Step.AREA, Step.WHEN)
FINISHED: frozenset[Step] = frozenset({Step.CONFIRMED, Step.CANCELLED})


class Refusal(StrEnum):
    """Why an input was refused; the edge words each one for the reader."""

    STALE_BUTTON = "stale_button"  # a button for another step, e.g. from an older message
    UNKNOWN_CHOICE = "unknown_choice"  # an id that was never offered: forged or outdated
    USE_BUTTONS = "use_buttons"  # typed text where a button is expected
    MEDIA = "media_can_identify"  # photos, voices, files and places can identify the sender
    EMPTY = "empty"
    TOO_LONG = "too_long"  # with the limit and the length
    NOT_NOW = "not_now"  # confirm or edit outside the review
    FINISHED = "finished"  # the intake is over; start a new one


class MediaKind(StrEnum):
    PHOTO = "photo"
    VOICE = "voice"
    AUDIO = "audio"
    VIDEO = "video"
    VIDEO_NOTE = "video_note"
    DOCUMENT = "document"
    STICKER = "sticker"
    ANIMATION = "animation"
    LOCATION = "location"
    VENUE = "venue"
    CONTACT = "contact"
    OTHER = "other"


# Inputs ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choose:
    """A button press: the step the button belongs to and the choice id it carries."""

    step: Step
    choice: str


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Media:
    kind: MediaKind = MediaKind.OTHER


@dataclass(frozen=True, slots=True)
class Cancel:
    pass


@dataclass(frozen=True, slots=True)
class Confirm:
    pass


@dataclass(frozen=True, slots=True)
class Edit:
    """From the review: change one answer (one of :data:`ANSWER_STEPS`)."""

    step: Step


Input = Choose | Text | Media | Cancel | Confirm | Edit


# Effects --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GrievanceDraft:
    """A confirmed grievance, before storage gives it a random key, the day and a receipt."""

    category: str
    area: str
    when: str
    description: str


@dataclass(frozen=True, slots=True)
class Ask:
    """Ask ``step``'s question: with buttons for ``choices``, or for text up to ``max_length``."""

    step: Step
    choices: tuple[str, ...] = ()
    max_length: int | None = None


@dataclass(frozen=True, slots=True)
class Refuse:
    reason: Refusal
    max_length: int | None = None
    length: int | None = None


@dataclass(frozen=True, slots=True)
class Warn:
    """The description seems to hold identifying details: say so before confirmation."""

    kinds: frozenset[IdentifyingKind]


@dataclass(frozen=True, slots=True)
class Review:
    """Show the draft with buttons to confirm, cancel or edit one of ``editable``."""

    draft: GrievanceDraft
    editable: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Done:
    draft: GrievanceDraft


@dataclass(frozen=True, slots=True)
class Cancelled:
    pass


Effect = Ask | Refuse | Warn | Review | Done | Cancelled
