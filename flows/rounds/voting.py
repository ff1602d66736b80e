"""Cross-group voting: one statement at a time, never twice, one vote each."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flows.text import N_


class Vote(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    PASS = "pass"


VOTE_LABELS = {Vote.AGREE: N_("Agree"), Vote.DISAGREE: N_("Disagree"), Vote.PASS: N_("Pass")}


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def finished(self) -> bool:
        return self.done >= self.total


def next_position(voted_positions: set[int], total: int) -> int | None:
    """The first statement (by position in the round's order) this voter has not voted on."""
    for position in range(total):
        if position not in voted_positions:
            return position
    return None


def parse_vote(value: str) -> Vote | None:
    try:
        return Vote(value)
    except ValueError:
        return None
