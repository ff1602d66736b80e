"""What opening a round and moving it into a phase cause, decided once.

The use case loads what a decision needs (the dialogue's open round, its people by role, the
round's statements) and applies what comes back in the same unit of work. Each effect is plain
data: the link between statements and their authors ends when collecting ends, and just before
it does, each author agrees with their own statements (writing counts as agreeing, as in
Pol.is: the author is never offered their own statement to vote on); what each statement may
say about its author is decided then and checked again as voting opens
(:mod:`flows.rounds.attribution`); with moderation off, the pending statements are approved as
voting opens; the voting order is shuffled; votes on statements that were not put to the vote
go; a closed round forgets where each voter was; and who is told what, as one typed notice
each (:mod:`flows.notices`). Which phase comes next is :mod:`flows.rounds.lifecycle`'s business.

The facilitator who made a move is answered directly by the edge, so they get no notice of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from flows.notices import ModerationReady, Notice, RoundPrompt, RoundResults, VotingOpen
from flows.roles import Role
from flows.rounds.attribution import Writers, attribute
from flows.rounds.lifecycle import Phase, Refusal, Round, may_open_round
from flows.rounds.statements import Statement, StatementStatus, approve, visible_to_others

#: The dialogue's active people, by role (person ids).
Members = Mapping[Role, Sequence[int]]


@dataclass(frozen=True)
class AuthorAgrees:
    """The author of ``statement_id`` agrees with it, as a voter of ``role``: recorded under
    their own vote key while the author link still exists, so that they are never offered it
    and a vote of theirs on it changes this one instead of adding another."""

    statement_id: str
    role: Role


@dataclass(frozen=True)
class ForgetAuthors:
    """Nothing may link the round's statements to their authors any more."""

    round_id: str


@dataclass(frozen=True)
class SaveStatement:
    statement: Statement


@dataclass(frozen=True)
class FixVotingOrder:
    """The order voters go through the approved statements, fixed for the rest of the round."""

    statement_ids: tuple[str, ...]


@dataclass(frozen=True)
class ForgetUnpublishedVotes:
    """Votes on the round's statements that are not in the voting order (the authors' agrees
    with statements rejected or still pending) go: nothing tallies them, and while the round's
    key exists each would tell its author."""

    round_id: str


@dataclass(frozen=True)
class ForgetProgress:
    """Where each voter was in the order: needed only while the round votes."""

    round_id: str


Effect = (
    AuthorAgrees
    | ForgetAuthors
    | SaveStatement
    | FixVotingOrder
    | ForgetUnpublishedVotes
    | ForgetProgress
    | Notice
)


def audience(
    members: Members, roles: Iterable[Role] | None = None, *, but: int | None = None
) -> list[int]:
    """The people of ``roles`` (everyone when None) except ``but``, by profile id."""
    chosen = members.keys() if roles is None else roles
    return sorted({p for role in chosen for p in members.get(role, ()) if p != but})


def open_round(
    open_rounds: Iterable[Round], new: Round, members: Members
) -> list[Notice] | Refusal:
    """Open ``new`` (in its first phase), or why not: one open round per dialogue, and settings
    that can run; every person of the groups it asks gets its question."""
    refusal = may_open_round(open_rounds, new.dialogue_id)
    if refusal is None:
        refusal = new.settings.check()
    if refusal is not None:
        return refusal
    return [RoundPrompt(p, new.id) for p in audience(members, new.settings.roles)]


def enter(
    before: Round,
    after: Round,
    members: Members,
    statements: Sequence[Statement],
    seed: bytes,
    by: int | None = None,
    *,
    crowd: Writers,
    k: int,
) -> list[Effect]:
    """What moving ``before`` into ``after``'s phase causes.

    ``statements`` are the round's (any status), ``seed`` random bytes for the voting order,
    ``by`` the facilitator who made the move (None: a deadline did), ``crowd`` the people who
    could have written the statements (by role and language, now) and ``k`` the smallest
    crowd an attribute may name.
    """
    effects: list[Effect] = []
    moderation = after.settings.moderation
    leaves_collecting = before.phase is Phase.COLLECTING
    decided = list(statements)
    if leaves_collecting or after.phase is Phase.VOTING:
        decided = [attribute(s, crowd, k) for s in statements]
    if leaves_collecting and after.phase is not Phase.CLOSED:
        # Only what may still reach the vote: straight to voting, what will be shown now.
        agreed = [
            s
            for s in statements
            if s.status is not StatementStatus.WITHDRAWN
            and (after.phase is not Phase.VOTING or visible_to_others(s, moderation))
        ]
        effects += [AuthorAgrees(s.id, s.author_role) for s in agreed if s.author_role]
    if leaves_collecting:
        effects.append(ForgetAuthors(before.id))
    if after.phase is Phase.VOTING:
        # Without moderation, what was written goes to the vote approved as it stands.
        decided = [
            approve(s) if not moderation and s.status is StatementStatus.PENDING else s
            for s in decided
        ]
    effects += [SaveStatement(s) for s, was in zip(decided, statements, strict=True) if s != was]
    match after.phase:
        case Phase.MODERATING:
            facilitators = audience(members, (Role.FACILITATOR,), but=by)
            effects += [ModerationReady(p, after.id) for p in facilitators]
        case Phase.VOTING:
            ids = sorted(s.id for s in decided if visible_to_others(s, moderation))
            effects.append(FixVotingOrder(tuple(shuffled(ids, seed))))
            effects.append(ForgetUnpublishedVotes(after.id))
            effects += [VotingOpen(p, after.id) for p in audience(members, after.settings.roles)]
        case Phase.CLOSED:
            if before.phase is Phase.MODERATING:
                effects.append(ForgetUnpublishedVotes(after.id))
            effects.append(ForgetProgress(after.id))
            effects += [RoundResults(p, after.id) for p in audience(members, but=by)]
    return effects


def shuffled(items: Sequence[str], seed: bytes) -> list[str]:
    """``items`` in an order drawn from ``seed`` (random bytes the use case supplies).

    Each position is ranked by a hash of the seed and the position: a uniformly random order
    for a random seed, and the same order for the same seed (a test's, the demo's).
    """
    ranked = sorted(
        range(len(items)),
        key=lambda i: hashlib.sha256(seed + i.to_bytes(4, "big")).digest(),
    )
    return [items[i] for i in ranked]
