"""Cross-group voting: one statement at a time, never twice, one vote each.

Why one at a time: in a chat a long list invites skimming and only the first items get votes;
a card per statement, with Agree / Disagree / Pass, gives every statement the same chance.
Why never twice: a participant who is shown a statement again wonders whether the first vote
counted. Why one vote per participant and statement, the latest winning: a second press is a
change of mind (or a slip corrected), and counting both would weigh one person twice. Why
never one's own: writing a statement counts as agreeing with it (as in Pol.is), recorded
under the author's own vote key as collecting ends (:mod:`flows.rounds.moves`), so the
author's deck (:func:`deck`) skips it like any statement they have voted on, and "Statement 3
of 7" counts only the cards they will see.

Votes are stored with the voter's role only. :func:`tally_votes` is the reference for how the
storage layer aggregates them (latest vote per voter and statement, counted once).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from flows.roles import Role
from flows.rounds.lifecycle import Phase, Round
from flows.rounds.results import Tally
from flows.text import N_


class Vote(StrEnum):
    """Persisted: never rename a value."""

    AGREE = "agree"
    DISAGREE = "disagree"
    PASS = "pass"


VOTE_LABELS = {Vote.AGREE: N_("Agree"), Vote.DISAGREE: N_("Disagree"), Vote.PASS: N_("Pass")}


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` statements voted on."""

    done: int
    total: int

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    @property
    def current(self) -> int:
        """The number of the card being shown ("statement 3 of 7"), 1-based, at most total."""
        return min(self.done + 1, self.total)


class VoteRefusal(StrEnum):
    """Why a press on a voting card is not counted."""

    STALE = "stale"  # not a statement of a round that asks the voter's group
    CLOSED = "closed"  # the round has closed: votes no longer count


def may_vote(r: Round, role: Role) -> VoteRefusal | None:
    """Whether someone of ``role`` may vote on ``r``'s statements now."""
    if not r.asks(role):
        return VoteRefusal.STALE
    if r.phase is not Phase.VOTING:
        return VoteRefusal.CLOSED if r.phase is Phase.CLOSED else VoteRefusal.STALE
    return None


def next_card(rotation: int, done: int, total: int) -> int | None:
    """The position, in the round's voting order, of the next statement for a voter who has
    voted on ``done`` of ``total`` and starts at ``rotation`` (any number: the use case draws
    it from a key, so that each voter starts somewhere else); None when they are through.

    Going round the order from the start visits every statement exactly once.
    """
    if done >= total:
        return None
    return (rotation + done) % total


def deck(rotation: int, total: int, voted: Collection[int], start: int = 0) -> list[int]:
    """The positions still to show a voter, in the order they come: round the voting order
    from ``rotation``, skipping the statements they have a vote on (``voted``, positions: their
    own, which they agreed with by writing, and those they voted on) and the first ``start`` of
    their order (the cards they voted on when their votes can no longer be found, see
    :func:`services.round_keys.key_was_lost`)."""
    order = ((rotation + i) % total for i in range(start, total))
    return [position for position in order if position not in voted]


def progress(done: int, still: int) -> Progress:
    """A voter's progress: ``done`` cards voted on, ``still`` to come (their :func:`deck`);
    their own statements, never shown, are not counted."""
    return Progress(done, done + still)


def moves_on(shown: str | None, voted: str) -> bool:
    """Whether a vote on ``voted`` moves the voter to their next card: only a vote on the
    card being shown does; a press on an earlier card changes that vote and nothing else."""
    return shown == voted


def parse_vote(value: str) -> Vote | None:
    """The vote named ``value`` exactly, or None (forged or stale callback data)."""
    try:
        return Vote(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Cast:
    """One voter's votes after a press, and whether it changed an earlier vote."""

    votes: Mapping[str, Vote]  # statement id → this voter's current vote
    changed: bool


def cast(votes: Mapping[str, Vote], statement_id: str, vote: Vote) -> Cast:
    """Record ``vote``: the latest replaces any earlier vote on the same statement."""
    changed = statement_id in votes
    return Cast({**votes, statement_id: vote}, changed)


@dataclass(frozen=True)
class Ballot:
    """One press as the storage layer sees it: ``voter`` is an opaque key, never a name."""

    voter: str
    role: Role
    statement_id: str
    vote: Vote


def tally_votes(ballots: Iterable[Ballot]) -> dict[str, dict[Role, Tally]]:
    """Tallies per statement and role, counting each voter's latest ballot once per statement.

    ``ballots`` are in the order they were cast; statements come out in order of first ballot.
    A voter keeps the role of their latest ballot (roles do not change within a round).
    """
    latest: dict[str, dict[str, Ballot]] = {}
    for ballot in ballots:
        latest.setdefault(ballot.statement_id, {})[ballot.voter] = ballot
    out: dict[str, dict[Role, Tally]] = {}
    for statement_id, by_voter in latest.items():
        cells: dict[Role, list[int]] = {}
        for ballot in by_voter.values():
            cell = cells.setdefault(ballot.role, [0, 0, 0])
            cell[_COLUMN[ballot.vote]] += 1
        out[statement_id] = {role: Tally(*cell) for role, cell in cells.items()}
    return out


_COLUMN = {Vote.AGREE: 0, Vote.DISAGREE: 1, Vote.PASS: 2}
