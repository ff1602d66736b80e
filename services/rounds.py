"""Use cases of a dialogue round's life: open it, move it on, read where it stands and what it
found.

Each runs in one unit of work: it loads what the decision needs, lets :mod:`flows.rounds`
decide (which phase comes next in :mod:`~flows.rounds.lifecycle`, what entering it causes in
:mod:`~flows.rounds.moves`), and applies the result. Messages that follow (prompts, voting
cards, results) are written to the outbox in the same transaction and sent after the commit,
so a restart resumes them and nobody is prompted twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.languages import negotiate
from flows.notices import Notice
from flows.roles import Role
from flows.rounds import lifecycle, moves
from flows.rounds.attribution import Writers, writers
from flows.rounds.lifecycle import Event, Phase, Refusal, Round, RoundSettings
from flows.rounds.moves import (
    AuthorAgrees,
    FixVotingOrder,
    ForgetAuthors,
    ForgetProgress,
    ForgetUnpublishedVotes,
    Members,
    SaveStatement,
)
from flows.rounds.results import RoundResult, round_result
from flows.rounds.statements import Statement
from flows.rounds.voting import Vote
from services import round_keys
from services.runtime import Runtime
from storage import Transaction

ID_BYTES = 6
#: Random bytes drawn for each round's voting order.
ORDER_SEED_BYTES = 8


def new_id(rt: Runtime) -> str:
    return rt.random_bytes(ID_BYTES).hex()


@dataclass(frozen=True)
class Moved:
    round: Round
    previous: Phase


async def members(tx: Transaction, dialogue_id: int) -> Members:
    """The dialogue's active people by role, as the decisions about who is told take them."""
    return {role: [p.id for p in await tx.people.members(dialogue_id, (role,))] for role in Role}


async def crowd(rt: Runtime, tx: Transaction, r: Round) -> Writers:
    """Who could have written the round's statements: the dialogue's members of the groups it
    asks (reachable or not), by role and language now. Nothing about any author."""
    people = [
        (role, person.language or negotiate(None, rt.settings.languages))
        for role in r.settings.roles
        for person in await tx.people.members(r.dialogue_id, (role,), active_only=False)
    ]
    return writers(people)


async def open_round(
    rt: Runtime,
    dialogue_id: int,
    settings: RoundSettings,
    template_id: str | None,
    custom: tuple[tuple[str, str], ...] = (),
) -> Round | Refusal:
    async with rt.db.transaction() as tx:
        return await opened(rt, tx, dialogue_id, settings, template_id, custom)


async def opened(
    rt: Runtime,
    tx: Transaction,
    dialogue_id: int,
    settings: RoundSettings,
    template_id: str | None,
    custom: tuple[tuple[str, str], ...] = (),
) -> Round | Refusal:
    """Open a round inside ``tx`` (see :func:`open_round`)."""
    now = rt.now()
    new = Round(new_id(rt), dialogue_id, Phase.COLLECTING, now, settings, template_id, custom)
    open_now = await tx.rounds.open_in(dialogue_id)
    decided = moves.open_round([open_now] if open_now else [], new, await members(tx, dialogue_id))
    if isinstance(decided, Refusal):
        return decided
    await tx.rounds.add(new)
    for notice in decided:
        await tx.outbox.enqueue(notice, now)
    return new


async def advance(
    rt: Runtime, dialogue_id: int, event: Event = Event.NEXT, *, by_person_id: int | None = None
) -> Moved | Refusal | None:
    """/next or /close by a facilitator (``by_person_id``); None when no round is open."""
    async with rt.db.transaction() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None:
            return None
        after = lifecycle.advance(r, event, rt.now())
        if isinstance(after, Refusal):
            return after
        await enter(rt, tx, r, after, by_person_id)
    moved = Moved(after, r.phase)
    await settled(rt, [moved])
    return moved


async def advance_due(rt: Runtime) -> list[Moved]:
    """Rounds whose phase deadline has passed move on (called by the scheduler's tick)."""
    moved: list[Moved] = []
    now = rt.now()
    async with rt.db.transaction() as tx:
        for r in await tx.rounds.all_open():
            after = lifecycle.advance(r, Event.DEADLINE, now)
            if not isinstance(after, Refusal):
                await enter(rt, tx, r, after)
                moved.append(Moved(after, r.phase))
    await settled(rt, moved)
    return moved


async def settled(rt: Runtime, moved: list[Moved]) -> None:
    """After the moves committed: a round that starts voting gets its vote key; a closed
    round's key is destroyed; and once authors or voters were forgotten, the database's log is
    emptied, so that no history of the round keeps who wrote or voted what."""
    forgot = False
    for move in moved:
        if move.round.phase is Phase.VOTING and move.previous is not Phase.VOTING:
            round_keys.made_anew(rt, move.round.id)  # lost meanwhile: its agrees went, above
        if move.round.phase is Phase.CLOSED:
            round_keys.destroy(rt, move.round.id)
        forgot |= move.previous is Phase.COLLECTING or move.round.phase is Phase.CLOSED
    if forgot:
        await rt.db.forget_history()


async def enter(
    rt: Runtime, tx: Transaction, before: Round, after: Round, by_person_id: int | None = None
) -> None:
    """Store the move of ``before`` to ``after`` and what it causes, inside ``tx``.

    The facilitator who made the move (``by_person_id``) is answered directly; the others are
    told through the outbox.

    The authors' own agrees are written under the round's key, made as collecting ends (the
    round has no vote yet, so the key is new by design). A round that enters voting from
    moderation with its key lost meanwhile (a RAM-disk key directory after a restart) holds
    only those agrees, and none of them can be found any more: they go, and the authors vote
    on their statements like anyone else.
    """
    effects = moves.enter(
        before,
        after,
        await members(tx, before.dialogue_id),
        await tx.statements.of_round(before.id),
        rt.random_bytes(ORDER_SEED_BYTES),
        by_person_id,
        crowd=await crowd(rt, tx, before),
        k=rt.settings.min_group_size,
    )
    if before.phase is Phase.COLLECTING and after.phase is not Phase.CLOSED:
        round_keys.made_anew(rt, after.id)
    elif before.phase is Phase.MODERATING and after.phase is Phase.VOTING:
        round_keys.vote_key(rt, after.id)
        if round_keys.key_was_lost(rt, after.id):
            await tx.votes.forget_round(after.id)
    authors = await tx.statements.authors(before.id) if before.phase is Phase.COLLECTING else {}
    await tx.rounds.set_phase(after.id, after.phase, after.phase_started_at)
    for effect in effects:
        match effect:
            case AuthorAgrees(statement_id, role) if statement_id in authors:
                key = round_keys.vote_row_key(rt, after.id, statement_id, authors[statement_id])
                await tx.votes.put(key, statement_id, role, Vote.AGREE)
            case AuthorAgrees():
                pass  # the author left with /forgetme: nobody to agree
            case ForgetAuthors(round_id):
                await tx.statements.forget_authors(round_id)
            case SaveStatement(statement):
                await tx.statements.save(statement)
            case FixVotingOrder(statement_ids):
                await tx.statements.set_positions(list(statement_ids))
            case ForgetUnpublishedVotes(round_id):
                await tx.votes.forget_unpublished(round_id)
            case ForgetProgress(round_id):
                await tx.votes.forget_progress(round_id)
            case Notice():
                await tx.outbox.enqueue(effect, after.phase_started_at)


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    round: Round
    result: RoundResult
    statements: dict[str, Statement]
    voters: int


async def outcome(rt: Runtime, round_id: str) -> Outcome | None:
    async with rt.db.read() as tx:
        r = await tx.rounds.get(round_id)
        if r is None:
            return None
        tallies = await tx.votes.tallies(r.id)
        ordered = await tx.statements.in_voting_order(r.id)
    result = round_result(tallies, r.settings.roles, rt.settings.min_group_size)
    return Outcome(r, result, {s.id: s for s in ordered}, len(ordered))


async def role_in_round(rt: Runtime, person_id: int, r: Round) -> Role | None:
    """The person's role in the round's dialogue now (None: no longer in it)."""
    async with rt.db.read() as tx:
        membership = await tx.people.membership(person_id, r.dialogue_id)
    return membership.role if membership else None


async def prompted(rt: Runtime, round_id: str, person_id: int) -> tuple[Round, Role] | None:
    """The round and the person's role, while the round is open and asks their group."""
    async with rt.db.read() as tx:
        r = await tx.rounds.get(round_id)
        membership = await tx.people.membership(person_id, r.dialogue_id) if r else None
    if r is None or not r.is_open or membership is None or not r.asks(membership.role):
        return None
    return r, membership.role


async def latest_round(rt: Runtime, dialogue_id: int) -> Round | None:
    async with rt.db.read() as tx:
        return await tx.rounds.open_in(dialogue_id) or await tx.rounds.latest_closed(dialogue_id)
