"""Use cases of voting: the card a voter is shown, and a vote.

Votes are stored under a key only the bot can compute while the round is open (HMAC of the
voter's Telegram id and the statement under the round's own key, see :mod:`services.round_keys`),
so a second press changes the vote, and once the round closes and its key is destroyed nobody
can tell whose vote a row is. Each voter starts at a place of their own in the round's order,
also computed from a key: the rule that uses it is :func:`flows.rounds.voting.next_card`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.dialogues import Person
from flows.rounds import voting
from flows.rounds.lifecycle import Phase, Round
from flows.rounds.statements import Statement, StatementStatus
from flows.rounds.voting import Progress, Vote, VoteRefusal
from services.keys import keyed
from services.round_keys import key_was_lost, vote_row_key
from services.runtime import Runtime
from storage import Transaction


@dataclass(frozen=True)
class Card:
    round: Round
    statement: Statement | None  # None: nothing (more) to vote on
    progress: Progress


@dataclass(frozen=True)
class Voted:
    changed: bool  # the voter had voted on this statement before: the vote is replaced
    next_card: Card | None  # None: the vote was on an earlier card, the current one stays


def rotation(rt: Runtime, round_id: str, person_id: int) -> int:
    """Where this voter starts in the round's order (before taking the number of statements):
    each voter starts somewhere else, so statements late in the order are not left with only
    the most patient voters' votes. Keyed, so it reveals nothing about the voter."""
    return int(keyed(rt.secret, "order", round_id, person_id)[:8], 16)


async def card_for(rt: Runtime, tx: Transaction, r: Round, person_id: int) -> Card:
    total = await tx.statements.voting_count(r.id)
    done = await tx.votes.progress(r.id, person_id)
    position = voting.next_card(rotation(rt, r.id, person_id), done, total)
    statement = None if position is None else await tx.statements.at_position(r.id, position)
    return Card(r, statement, Progress(done, total))


async def vote(rt: Runtime, person: Person, statement_id: str, choice: Vote) -> Voted | VoteRefusal:
    async with rt.db.transaction() as tx:
        statement = await tx.statements.get(statement_id)
        r = await tx.rounds.get(statement.round_id) if statement else None
        if statement is None or r is None or statement.status is not StatementStatus.APPROVED:
            return VoteRefusal.STALE  # pending, rejected or withdrawn: never on a card
        member = await tx.people.membership(person.id, r.dialogue_id)
        if member is None:
            return VoteRefusal.STALE
        refusal = voting.may_vote(r, member.role)
        if refusal is not None:
            return refusal
        key = vote_row_key(rt, r.id, statement.id, person.telegram_id)
        changed = await tx.votes.exists(key)
        card = await card_for(rt, tx, r, person.id)
        shown = card.statement.id if card.statement else None
        earlier = not voting.moves_on(shown, statement.id)
        if earlier and not changed and key_was_lost(rt, r.id):
            return VoteRefusal.STALE  # cast under a key lost in a restart: it cannot be found
        await tx.votes.put(key, statement.id, member.role, choice)
        if earlier:
            return Voted(changed, None)
        await tx.votes.set_progress(r.id, person.id, card.progress.done + 1)
        return Voted(changed, await card_for(rt, tx, r, person.id))


async def voting_card(rt: Runtime, round_id: str, person_id: int) -> Card | None:
    """The card to show the voter now; None when the round is not voting."""
    async with rt.db.read() as tx:
        r = await tx.rounds.get(round_id)
        if r is None or r.phase is not Phase.VOTING:
            return None
        return await card_for(rt, tx, r, person_id)
