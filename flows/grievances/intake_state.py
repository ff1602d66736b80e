"""What the /grievance intake remembers between messages, and how the edge persists it.

The state records the choice ids offered when the intake started, so that a restart validates
answers against the same lists (the edge re-checks the draft against the dialogue's current
lists when storing it). :meth:`IntakeState.to_dict` leaves the description out by default: the
edge persists the state in a row keyed by the person, and the description is the one thing that
must never sit next to their identity. After a restart at the review the person is simply asked
to type it again. Restored data is validated like any other input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flows.grievances.categories import Catalogue
from flows.grievances.intake_events import ANSWER_STEPS, FINISHED, GrievanceDraft, Step

STATE_VERSION = 1
DEFAULT_MAX_LENGTH = 1000
#: Telegram text messages hold at most 4096 characters.
MAX_MAX_LENGTH = 4000
UNSPECIFIED_AREA = "unspecified"


@dataclass(frozen=True, slots=True)
class IntakeConfig:
    """The choice ids offered to this person, snapshotted when the intake starts."""

    categories: tuple[str, ...]
    areas: tuple[str, ...]
    when: tuple[str, ...]
    unspecified_area: str | None = UNSPECIFIED_AREA
    max_length: int = DEFAULT_MAX_LENGTH

    def __post_init__(self) -> None:
        for name in ("categories", "areas", "when"):
            ids = getattr(self, name)
            if not all(isinstance(i, str) and i and ":" not in i for i in ids):
                raise ValueError(f"{name}: ids must be non-empty strings without ':'")
            if len(set(ids)) != len(ids):
                raise ValueError(f"{name}: duplicate ids")
        if not self.categories or not self.when:
            raise ValueError("an intake needs categories and when-choices")
        if self.unspecified_area is None and not self.areas:
            raise ValueError("an intake needs areas or the unspecified-area choice")
        if self.unspecified_area in self.areas:
            raise ValueError(f"an area may not use the reserved id {self.unspecified_area!r}")
        if not 1 <= self.max_length <= MAX_MAX_LENGTH:
            raise ValueError(f"max_length must be between 1 and {MAX_MAX_LENGTH}")

    @property
    def area_choices(self) -> tuple[str, ...]:
        extra = (self.unspecified_area,) if self.unspecified_area is not None else ()
        return self.areas + extra

    def choices(self, step: Step) -> tuple[str, ...]:
        if step is Step.CATEGORY:
            return self.categories
        if step is Step.AREA:
            return self.area_choices
        if step is Step.WHEN:
            return self.when
        return ()


def config_for(
    catalogue: Catalogue,
    areas: tuple[str, ...],
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    offer_unspecified_area: bool = True,
) -> IntakeConfig:
    """The intake configuration for a dialogue with ``catalogue`` and the facilitator's areas."""
    unspecified = catalogue.unspecified_area.id if offer_unspecified_area else None
    return IntakeConfig(
        catalogue.category_ids, tuple(areas), catalogue.when_ids, unspecified, max_length
    )


@dataclass(frozen=True, slots=True)
class IntakeState:
    step: Step
    config: IntakeConfig
    category: str | None = None
    area: str | None = None
    when: str | None = None
    description: str | None = None

    @property
    def finished(self) -> bool:
        return self.step in FINISHED

    def draft(self) -> GrievanceDraft | None:
        """The answers so far as a draft, or None while any is missing."""
        c, a, w, d = self.category, self.area, self.when, self.description
        if c is None or a is None or w is None or d is None:
            return None
        return GrievanceDraft(c, a, w, d)

    def editable(self) -> tuple[Step, ...]:
        """The answers the person may change from the review (no area step without areas)."""
        return tuple(s for s in ANSWER_STEPS if s is not Step.AREA or self.config.areas)

    def to_dict(self, *, keep_description: bool = False) -> dict[str, Any]:
        """JSON-ready form. Without ``keep_description`` the text is left out (see module doc)."""
        step = self.step
        if not keep_description and step is Step.REVIEW:
            step = Step.DESCRIPTION
        data: dict[str, Any] = {
            "v": STATE_VERSION,
            "step": step.value,
            "config": {
                "categories": list(self.config.categories),
                "areas": list(self.config.areas),
                "when": list(self.config.when),
                "unspecified_area": self.config.unspecified_area,
                "max_length": self.config.max_length,
            },
            "category": self.category,
            "area": self.area,
            "when": self.when,
        }
        if keep_description and self.description is not None:
            data["description"] = self.description
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IntakeState:
        """Rebuild a state persisted with :meth:`to_dict`; ValueError if it is not one."""
        if not isinstance(data, dict) or data.get("v") != STATE_VERSION:
            raise ValueError("not an intake state of a known version")
        try:
            raw = data["config"]
            config = IntakeConfig(
                tuple(raw["categories"]),
                tuple(raw["areas"]),
                tuple(raw["when"]),
                raw["unspecified_area"],
                int(raw["max_length"]),
            )
            state = cls(
                Step(data["step"]),
                config,
                data.get("category"),
                data.get("area"),
                data.get("when"),
                data.get("description"),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed intake state: {exc}") from None
        for step, answer in ((Step.CATEGORY, state.category), (Step.AREA, state.area)):
            if answer is not None and answer not in config.choices(step):
                raise ValueError(f"{step.value}: {answer!r} was not offered")
        if state.when is not None and state.when not in config.when:
            raise ValueError(f"when: {state.when!r} was not offered")
        if state.description is not None and _too_long_or_empty(state.description, config):
            raise ValueError("description: empty or over the limit")
        if state.step is Step.REVIEW and state.draft() is None:
            raise ValueError("review without every answer")
        return state


def _too_long_or_empty(description: object, config: IntakeConfig) -> bool:
    return (
        not isinstance(description, str)
        or not description.strip()
        or len(description) > config.max_length
    )
