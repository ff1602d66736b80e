"""One person's survey in progress, as a pure, JSON-serialisable state machine.

The session snapshots the item ids for the person's role when it starts, so that a reload of
the instrument file mid-wave cannot shift the questions under them; restoring checks the
snapshot against the instrument again. Each step returns an :class:`Outcome`: the new session,
or the same session with a :class:`Refusal` saying why the input was not taken. Stale input
is normal in Telegram (a button pressed on an old message, a double tap, forged callback data):
it is refused, never recorded, never a crash.

Buttons should carry the item id with the choice id; passing ``item_id`` lets the session
refuse a press meant for another question even when the choice id would fit this one.

Open text is the one part of a survey that can identify someone. :meth:`to_dict` leaves it out
unless asked (persisted state is keyed by the person); after a restart the open question is
simply asked again. :meth:`record` (choice ids, skips) and :meth:`open_texts` are handed to
storage separately, so the text never sits next to the other answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from flows.roles import Role, parse_role
from flows.surveys.items import SKIPPED, Instrument, Item

STATE_VERSION = 1
#: Share of a role's index items answered (a choice, "don't know" included) for a survey left
#: unfinished at wave close to be kept: half, so an index rests on more than a first click.
COMPLETE_ENOUGH = 0.5


class Refusal(StrEnum):
    FINISHED = "finished"
    STALE = "stale"
    UNKNOWN_CHOICE = "unknown_choice"
    NOT_SKIPPABLE = "not_skippable"
    TEXT_EXPECTED = "text_expected"
    CHOICE_EXPECTED = "choice_expected"
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    AT_START = "at_start"


@dataclass(frozen=True, slots=True)
class Outcome:
    session: SurveySession
    refusal: Refusal | None = None

    @property
    def accepted(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True, slots=True)
class SurveySession:
    instrument: Instrument
    role: Role
    wave_id: str
    item_ids: tuple[str, ...]
    position: int = 0
    answers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def start(cls, instrument: Instrument, role: Role, wave_id: str) -> SurveySession:
        items = instrument.items_for(role)
        if not items:
            raise ValueError(f"{instrument.id} asks {role.value} nothing")
        return cls(instrument, role, wave_id, tuple(i.id for i in items))

    @property
    def current_item(self) -> Item | None:
        if self.is_complete:
            return None
        return self.instrument.item(self.item_ids[self.position])

    @property
    def is_complete(self) -> bool:
        return self.position >= len(self.item_ids)

    @property
    def progress(self) -> tuple[int, int]:
        """(number of the current question, total): (2, 8) on the second of eight."""
        total = len(self.item_ids)
        return min(self.position + 1, total), total

    @property
    def complete_enough(self) -> bool:
        return is_complete_enough(self.instrument, self.role, self.answers)

    def answer(self, choice_id: str, *, item_id: str | None = None) -> Outcome:
        item, refusal = self._expect(item_id)
        if item is None:
            return Outcome(self, refusal)
        if item.is_text:
            return Outcome(self, Refusal.TEXT_EXPECTED)
        if item.scale.choice(choice_id) is None:
            return Outcome(self, Refusal.UNKNOWN_CHOICE)
        return Outcome(self._advance(item, choice_id))

    def answer_text(self, text: str, *, item_id: str | None = None) -> Outcome:
        item, refusal = self._expect(item_id)
        if item is None:
            return Outcome(self, refusal)
        if not item.is_text:
            return Outcome(self, Refusal.CHOICE_EXPECTED)
        cleaned = text.strip()
        if not cleaned:
            return Outcome(self, Refusal.EMPTY_TEXT)
        if len(cleaned) > (item.scale.max_length or 0):
            return Outcome(self, Refusal.TEXT_TOO_LONG)
        return Outcome(self._advance(item, cleaned))

    def skip(self, *, item_id: str | None = None) -> Outcome:
        item, refusal = self._expect(item_id)
        if item is None:
            return Outcome(self, refusal)
        if not item.skippable:
            return Outcome(self, Refusal.NOT_SKIPPABLE)
        return Outcome(self._advance(item, SKIPPED))

    def back(self) -> Outcome:
        """To the previous question; its answer stays until it is answered again."""
        if self.position == 0:
            return Outcome(self, Refusal.AT_START)
        return Outcome(replace(self, position=self.position - 1))

    def record(self) -> dict[str, str]:
        """The anonymous response record: item id → choice id or skip. No open text."""
        return {i: a for i, a in self.answers.items() if not self.instrument.item(i).is_text}

    def open_texts(self) -> dict[str, str]:
        """Item id → text typed for open questions (skips left out)."""
        return {
            i: a
            for i, a in self.answers.items()
            if self.instrument.item(i).is_text and a != SKIPPED
        }

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        answers = {
            i: a
            for i, a in self.answers.items()
            if include_text or a == SKIPPED or not self.instrument.item(i).is_text
        }
        return {
            "v": STATE_VERSION,
            "instrument": self.instrument.id,
            "role": self.role.value,
            "wave": self.wave_id,
            "items": list(self.item_ids),
            "position": self.position,
            "answers": answers,
        }

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], instruments: Mapping[str, Instrument]
    ) -> SurveySession:
        """A session restored from :meth:`to_dict`, validated; ValueError when unusable.

        Restored data is input like any other: every id and answer is checked against the
        instrument. Questions before ``position`` left without an answer (open text not
        persisted) make the session resume at the first of them.
        """
        if not isinstance(data, Mapping) or data.get("v") != STATE_VERSION:
            raise ValueError("not a survey session state of a known version")
        instrument_id = data.get("instrument")
        instrument = instruments.get(instrument_id) if isinstance(instrument_id, str) else None
        if instrument is None:
            raise ValueError(f"unknown instrument {data.get('instrument')!r}")
        role = _role(data.get("role"))
        wave_id, item_ids = data.get("wave"), data.get("items")
        expected = [i.id for i in instrument.items_for(role)]
        if not isinstance(wave_id, str) or not wave_id:
            raise ValueError("a session needs its wave id")
        if not isinstance(item_ids, list) or not item_ids or not set(item_ids) <= set(expected):
            raise ValueError("the session's items are not this instrument's items for the role")
        if len(set(item_ids)) != len(item_ids):
            raise ValueError("duplicate items in the session")
        position, answers = data.get("position"), data.get("answers")
        if type(position) is not int or not 0 <= position <= len(item_ids):
            raise ValueError("position out of range")
        if not isinstance(answers, Mapping):
            raise ValueError("answers must be a mapping")
        for item_id, answer in answers.items():
            if item_id not in item_ids or not _valid(instrument.item(item_id), answer):
                raise ValueError(f"invalid answer to {item_id!r}")
        unanswered = [n for n, i in enumerate(item_ids) if i not in answers]
        position = min([position, *unanswered])
        return cls(
            instrument, role, wave_id, tuple(item_ids), position, MappingProxyType(dict(answers))
        )

    def _expect(self, item_id: str | None) -> tuple[Item | None, Refusal | None]:
        item = self.current_item
        if item is None:
            return None, Refusal.FINISHED
        if item_id is not None and item_id != item.id:
            return None, Refusal.STALE
        return item, None

    def _advance(self, item: Item, answer: str) -> SurveySession:
        answers = MappingProxyType({**self.answers, item.id: answer})
        return replace(self, position=self.position + 1, answers=answers)


def is_complete_enough(
    instrument: Instrument,
    role: Role,
    answers: Mapping[str, str],
    minimum_share: float = COMPLETE_ENOUGH,
) -> bool:
    """Whether an unfinished survey is worth keeping at wave close.

    True when at least ``minimum_share`` of the role's index items (rounded up, at least one)
    have an answer other than a skip. For a role with no index items, any answer will do.
    """
    index_items = instrument.index_items_for(role)
    given = {i for i, a in answers.items() if a != SKIPPED}
    if not index_items:
        return bool(given)
    needed = max(1, math.ceil(minimum_share * len(index_items) - 1e-9))
    return sum(item.id in given for item in index_items) >= needed


def _role(value: object) -> Role:
    role = parse_role(value) if isinstance(value, str) else None
    if role is None:
        raise ValueError(f"unknown role {value!r}")
    return role


def _valid(item: Item, answer: object) -> bool:
    if not isinstance(answer, str):
        return False
    if answer == SKIPPED:
        return item.skippable
    if item.is_text:
        return answer == answer.strip() and 0 < len(answer) <= (item.scale.max_length or 0)
    return item.scale.choice(answer) is not None
