"""Use cases of dialogue rounds: open, advance, write, moderate, vote, read results.

Each runs in one unit of work. Messages that follow from a decision (prompts, voting cards,
results) are written to the outbox in the same transaction and sent after the commit, so a
restart resumes them and nobody is prompted twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from flows.dialogues import Person
from flows.notices import ModerationReady, RoundPrompt, RoundResults, VotingOpen
from flows.roles import Role
from flows.rounds import lifecycle, statements
from flows.rounds.lifecycle import Phase, Refusal, Round, RoundSettings
from flows.rounds.results import RoundResult, round_result
from flows.rounds.statements import Statement, StatementStatus
from flows.rounds.voting import Progress, Vote
from services.keys import keyed
from services.runtime import Runtime
from storage import Transaction

ID_BYTES = 6


def new_id(rt: Runtime) -> str:
    return rt.random_bytes(ID_BYTES).hex()


@dataclass(frozen=True)
class Moved:
    round: Round
    previous: Phase


async def open_round(
    rt: Runtime,
    dialogue_id: int,
    settings: RoundSettings,
    template_id: str | None,
    custom: tuple[tuple[str, str], ...] = (),
) -> Round | Refusal:
    now = rt.now()
    async with rt.db.transaction() as tx:
        if await tx.rounds.open_in(dialogue_id) is not None:
            return Refusal.ROUND_OPEN
        problem = settings.check()
        if problem is not None:
            return problem
        r = Round(new_id(rt), dialogue_id, Phase.COLLECTING, now, settings, template_id, custom)
        await tx.rounds.add(r)
        for person in await tx.people.members(dialogue_id, settings.roles):
            await tx.outbox.enqueue(RoundPrompt(person.id, r.id), now)
    return r


async def advance(
    rt: Runtime, dialogue_id: int, *, to_close: bool = False, by_person_id: int | None = None
) -> Moved | Refusal | None:
    """/next or /close by a facilitator (``by_person_id``); None when no round is open."""
    async with rt.db.transaction() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None:
            return None
        target = (
            lifecycle.close(r.phase)
            if to_close
            else lifecycle.next_phase(r.phase, r.settings.moderation)
        )
        if isinstance(target, Refusal):
            return target
        moved = await enter(rt, tx, r, target, by_person_id)
    return moved


async def enter(
    rt: Runtime, tx: Transaction, r: Round, target: Phase, by_person_id: int | None = None
) -> Moved:
    """Move ``r`` to ``target`` with everything that goes with it, inside ``tx``.

    The facilitator who made the move (``by_person_id``) is answered directly; the others are
    told through the outbox.
    """
    now = rt.now()
    if r.phase is Phase.COLLECTING:
        # Collecting is over: nothing may link a statement to its author any more.
        await tx.statements.forget_authors(r.id)
    await tx.rounds.set_phase(r.id, target, now)
    if target is Phase.MODERATING:
        for person in await tx.people.members(r.dialogue_id, (Role.FACILITATOR,)):
            if person.id == by_person_id:
                continue
            await tx.outbox.enqueue(ModerationReady(person.id, r.id), now)
    elif target is Phase.VOTING:
        if not r.settings.moderation:
            for s in await tx.statements.with_status(r.id, StatementStatus.PENDING):
                await tx.statements.save(statements.approve(s))
        approved = await tx.statements.with_status(r.id, StatementStatus.APPROVED)
        order = [s.id for s in approved]
        random.Random(rt.random_bytes(8)).shuffle(order)
        await tx.statements.set_positions(order)
        for person in await tx.people.members(r.dialogue_id, r.settings.roles):
            await tx.outbox.enqueue(VotingOpen(person.id, r.id), now)
    elif target is Phase.CLOSED:
        await tx.votes.forget_progress(r.id)
        for person in await tx.people.members(r.dialogue_id):
            if person.id == by_person_id:  # the facilitator who closed it reads them in the reply
                continue
            await tx.outbox.enqueue(RoundResults(person.id, r.id), now)
    return Moved(replace(r, phase=target, phase_started_at=now), r.phase)


async def advance_due(rt: Runtime) -> list[Moved]:
    """Rounds whose phase deadline has passed move on (called by the scheduler's tick)."""
    moved: list[Moved] = []
    now = rt.now()
    async with rt.db.transaction() as tx:
        for r in await tx.rounds.all_open():
            if lifecycle.due(r.phase, r.phase_started_at, r.settings, now):
                target = lifecycle.next_phase(r.phase, r.settings.moderation)
                if not isinstance(target, Refusal):
                    moved.append(await enter(rt, tx, r, target))
    return moved


# -- statements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    statement: Statement
    yours: int


@dataclass(frozen=True)
class NotCollecting:
    pass


async def collecting_round(rt: Runtime, dialogue_id: int, role: Role) -> Round | None:
    async with rt.db.read() as tx:
        r = await tx.rounds.open_in(dialogue_id)
    if r is None or r.phase is not Phase.COLLECTING or role not in r.settings.roles:
        return None
    return r


async def submit(
    rt: Runtime, person: Person, dialogue_id: int, role: Role, language: str, text: str
) -> Saved | statements.TooLong | statements.Empty | NotCollecting:
    async with rt.db.transaction() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None or r.phase is not Phase.COLLECTING or role not in r.settings.roles:
            return NotCollecting()
        cleaned = statements.clean(text, r.settings.statement_limit)
        if not isinstance(cleaned, str):
            return cleaned
        statement = Statement(new_id(rt), r.id, cleaned, role, language)
        await tx.statements.add(statement, person.id)
        yours = len(await tx.statements.by_author(r.id, person.id))
    return Saved(statement, yours)


async def mine(
    rt: Runtime, person: Person, dialogue_id: int
) -> tuple[Round | None, list[Statement]]:
    async with rt.db.read() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None or r.phase is not Phase.COLLECTING:
            return r, []
        return r, await tx.statements.by_author(r.id, person.id)


async def withdraw(rt: Runtime, person: Person, statement_id: str) -> bool:
    """Only the author, only while collecting (the link exists only then)."""
    async with rt.db.transaction() as tx:
        if await tx.statements.author_of(statement_id) != person.id:
            return False
        statement = await tx.statements.get(statement_id)
        if statement is None:
            return False
        r = await tx.rounds.get(statement.round_id)
        if r is None or r.phase is not Phase.COLLECTING:
            return False
        await tx.statements.save(replace(statement, status=StatementStatus.WITHDRAWN))
    return True


# -- moderation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    round: Round
    statement: Statement | None
    remaining: int


async def next_pending(rt: Runtime, dialogue_id: int) -> Pending | None:
    async with rt.db.read() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None or r.phase not in {Phase.COLLECTING, Phase.MODERATING}:
            return None
        pending = await tx.statements.with_status(r.id, StatementStatus.PENDING)
    return Pending(r, pending[0] if pending else None, len(pending))


async def moderate(
    rt: Runtime,
    dialogue_id: int,
    statement_id: str,
    action: str,
    text: str | None = None,
    language: str | None = None,
) -> Statement | None:
    """approve / reject / edit / translate one statement of the dialogue's open round."""
    async with rt.db.transaction() as tx:
        statement = await tx.statements.get(statement_id)
        r = await tx.rounds.get(statement.round_id) if statement else None
        if statement is None or r is None or r.dialogue_id != dialogue_id or not r.is_open:
            return None
        if r.phase is Phase.VOTING and action in {"approve", "reject"}:
            return None  # the voting order is fixed once voting starts
        decisions = {
            "approve": statements.Approve(),
            "reject": statements.Reject(),
            "edit": statements.Edit(text or ""),
            "translate": statements.Translate(language or "", text or ""),
        }
        if action not in decisions:
            return None
        # The domain refuses what may not be published: a withdrawn statement, a translation
        # into an unknown language, an edit over the limit.
        decided = statements.moderate(
            statement, decisions[action], r.settings.statement_limit, rt.settings.languages
        )
        if not isinstance(decided, Statement):
            return None
        statement = decided
        await tx.statements.save(statement)
    return statement


# -- voting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    round: Round
    statement: Statement | None  # None: nothing (more) to vote on
    progress: Progress


def _rotation(rt: Runtime, round_id: str, person_id: int, total: int) -> int:
    """Where this voter starts in the round's order: each voter starts somewhere else, so
    statements late in the order are not left with only the most patient voters' votes."""
    return int(keyed(rt.secret, "order", round_id, person_id)[:8], 16) % total if total else 0


async def card_for(rt: Runtime, tx: Transaction, r: Round, person_id: int) -> Card:
    total = await tx.statements.voting_count(r.id)
    done = await tx.votes.progress(r.id, person_id)
    statement = None
    if done < total:
        position = (_rotation(rt, r.id, person_id, total) + done) % total
        statement = await tx.statements.at_position(r.id, position)
    return Card(r, statement, Progress(min(done + 1, total), total))


@dataclass(frozen=True)
class Voted:
    changed: bool
    next_card: Card | None


@dataclass(frozen=True)
class VoteRefused:
    closed: bool


async def vote(rt: Runtime, person: Person, statement_id: str, choice: Vote) -> Voted | VoteRefused:
    async with rt.db.transaction() as tx:
        statement = await tx.statements.get(statement_id)
        r = await tx.rounds.get(statement.round_id) if statement else None
        if statement is None or r is None:
            return VoteRefused(closed=False)
        member = await tx.people.membership(person.id, r.dialogue_id)
        if member is None or member.role not in r.settings.roles:
            return VoteRefused(closed=False)
        role = member.role
        if r.phase is not Phase.VOTING:
            return VoteRefused(closed=r.phase is Phase.CLOSED)
        key = keyed(rt.secret, "vote", statement.id, person.id)
        changed = await tx.votes.exists(key)
        await tx.votes.put(key, statement.id, role, choice)
        card = await card_for(rt, tx, r, person.id)
        if card.statement is not None and card.statement.id == statement.id:
            await tx.votes.set_progress(r.id, person.id, card.progress.done)
            return Voted(changed, await card_for(rt, tx, r, person.id))
    return Voted(changed, None)


async def voting_card(rt: Runtime, round_id: str, person_id: int) -> Card | None:
    async with rt.db.read() as tx:
        r = await tx.rounds.get(round_id)
        if r is None or r.phase is not Phase.VOTING:
            return None
        return await card_for(rt, tx, r, person_id)


# -- results -------------------------------------------------------------------------------


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
    if r is None or not r.is_open or membership is None:
        return None
    if membership.role not in r.settings.roles:
        return None
    return r, membership.role


async def latest_round(rt: Runtime, dialogue_id: int) -> Round | None:
    async with rt.db.read() as tx:
        return await tx.rounds.open_in(dialogue_id) or await tx.rounds.latest_closed(dialogue_id)
