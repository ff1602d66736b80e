"""What a survey instrument is made of: scales, choices, items, instruments.

These are the definitions the TOML loader (:mod:`flows.surveys.instruments`) builds and
validates. They carry **stable ids** only and every text per language: buttons carry choice
ids, answers store choice ids, summaries group by id and the edge renders labels in the
reader's language. Renaming an id would orphan stored answers, so ids are persisted values.

A scale is defined once and shared by items. A *choice* scale lists its choices with a numeric
value each, except the choices that are *excluded* from scoring (don't know, refused, "I never
walk alone after dark"), and says which numeric end means the most trust, safety or agreement
(``high``): the SDG safety item is coded 1 = very safe … 4 = very unsafe, as victimisation
surveys code it, so its ``high`` is ``min``. A *text* scale is an open question with a maximum
length.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from flows.roles import Role

#: What a skipped item records in place of a choice id. Choice ids start with a letter, so a
#: forged choice can never be taken for a skip, nor a skip for a choice.
SKIPPED = "_skipped"


class Source(StrEnum):
    """Where an item's wording and scale come from. Persisted in exports: never rename."""

    AFROBAROMETER = "afrobarometer"
    SDG_16_1_4 = "sdg_16_1_4"
    ESS = "ess"
    PALABRE = "palabre"


class ScaleKind(StrEnum):
    CHOICE = "choice"
    TEXT = "text"


class HighEnd(StrEnum):
    """Which numeric end of a scale is the most trust, safety or agreement."""

    MAX = "max"
    MIN = "min"


class Excluded(StrEnum):
    """Why a choice is not scored. ``not_applicable`` is a real answer, not uncertainty."""

    DONT_KNOW = "dont_know"
    REFUSED = "refused"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a button offers: a numeric ``value``, or None when ``excluded``."""

    id: str
    value: float | None
    excluded: Excluded | None
    labels: Mapping[str, str]

    def label(self, language: str) -> str:
        return self.labels[language]


@dataclass(frozen=True, slots=True)
class Scale:
    """A shared answer format: choices in display order, or free text up to ``max_length``."""

    id: str
    kind: ScaleKind
    choices: tuple[Choice, ...] = ()
    high: HighEnd = HighEnd.MAX
    #: Choices counted as "trusting / feeling safe / agreeing" for headline proportions.
    favourable: frozenset[str] = frozenset()
    max_length: int | None = None

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    @property
    def scored(self) -> tuple[Choice, ...]:
        return tuple(c for c in self.choices if c.excluded is None)

    def choice(self, choice_id: str) -> Choice | None:
        """The choice with this id, or None (a forged or stale id)."""
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None


@dataclass(frozen=True, slots=True)
class Item:
    """One question: its scale, who is asked, and its wording per role and language.

    ``texts`` is the wording for every role asked; ``role_texts`` overrides it for a role where
    the wording differs. ``mirrors`` names the community item that this item asks police or
    officials to estimate ("how much do you think people here trust the police?"), so that the
    perception gap can be computed.
    """

    id: str
    scale: Scale
    source: Source
    roles: tuple[Role, ...]
    skippable: bool
    in_index: bool
    texts: Mapping[str, str]
    role_texts: Mapping[Role, Mapping[str, str]]
    mirrors: str | None = None
    reference: str = ""

    @property
    def is_text(self) -> bool:
        return self.scale.kind is ScaleKind.TEXT

    def asks(self, role: Role) -> bool:
        return role in self.roles

    def text_for(self, role: Role, language: str) -> str:
        """The wording ``role`` reads in ``language``; KeyError when this role is not asked."""
        if role not in self.roles:
            raise KeyError(f"{self.id} is not asked of {role.value}")
        override = self.role_texts.get(role)
        return override[language] if override is not None else self.texts[language]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A versioned questionnaire. A changed instrument gets a new id: trends compare one id."""

    id: str
    title: Mapping[str, str]
    intro: Mapping[str, str]
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"{self.id} has no item {item_id!r}")

    def has_item(self, item_id: str) -> bool:
        return any(item.id == item_id for item in self.items)

    def items_for(self, role: Role) -> tuple[Item, ...]:
        """The items ``role`` answers, in order (none for a role the instrument never asks)."""
        return tuple(item for item in self.items if item.asks(role))

    def index_items_for(self, role: Role) -> tuple[Item, ...]:
        return tuple(item for item in self.items_for(role) if item.in_index)

    def mirror_pairs(self) -> tuple[tuple[Item, Item], ...]:
        """(community item, item mirroring it) for every mirrored item, in file order."""
        return tuple((self.item(m.mirrors), m) for m in self.items if m.mirrors is not None)
