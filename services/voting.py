"""Use cases of voting: the card a voter is shown, and a vote.

Votes are stored under a key only the bot can compute while the round is open (HMAC of the
voter's Telegram id and the statement under the round's own key, see :mod:`services.round_keys`),
so a second press changes the vote, and once the round closes and its key is destroyed nobody
can tell whose vote a row is. Each voter starts at a place of their own in the round's order,
also computed from a key, and is shown, one at a time, the statements they have no vote on
(:func:`flows.rounds.voting.deck`): their own statements carry their agree from the moment
collecting ended, so they never come. The vote keys of a voter's whole deck are computed and
looked up at once for each card.

When the round's key was lost (a RAM-disk key directory after a restart), no earlier vote can
be found: the voter goes on from the number of cards they had voted on, as far round the order
as that many cards, and a press on an earlier card is refused. An author whose own statements
lay among those may then see a card twice, or their own statement once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flows.dialogues import Person
from flows.rounds import voting
from flows.rounds.lifecycle import Phase, Round
from flows.rounds.statements import Statement, StatementStatus
from flows.rounds.voting import Progress, Vote, VoteRefusal
from services.keys import keyed
from services.round_keys import key_was_lost, vote_row_key, vote_row_keys
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


@dataclass(frozen=True)
class Deck:
    """What one voter's card is drawn from: the voting order, the positions they have a vote
    on, how many cards they voted on, and whether the round's key was lost meanwhile."""

    order: list[str]
    voted: frozenset[int]
    done: int
    lost: bool
    rotation: int

    def after_vote_on(self, statement_id: str) -> Deck:
        """The deck once the card showing ``statement_id`` was voted on."""
        position = self.order.index(statement_id)
        return replace(self, voted=self.voted | {position}, done=self.done + 1)


async def deck_of(rt: Runtime, tx: Transaction, r: Round, person: Person) -> Deck:
    """The voter's deck: every vote key of theirs in the round computed and looked up at once."""
    order = await tx.statements.voting_order(r.id)
    keys = vote_row_keys(rt, r.id, order, person.telegram_id)
    found = await tx.votes.present(keys)
    return Deck(
        order,
        frozenset(position for position, key in enumerate(keys) if key in found),
        await tx.votes.progress(r.id, person.id),
        key_was_lost(rt, r.id),
        rotation(rt, r.id, person.id),
    )


async def card_from(tx: Transaction, r: Round, deck: Deck) -> Card:
    start = deck.done if deck.lost else 0
    still = voting.deck(deck.rotation, len(deck.order), deck.voted, start)
    statement = await tx.statements.get(deck.order[still[0]]) if still else None
    return Card(r, statement, voting.progress(deck.done, len(still)))


async def card_for(rt: Runtime, tx: Transaction, r: Round, person: Person) -> Card:
    return await card_from(tx, r, await deck_of(rt, tx, r, person))


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
        deck = await deck_of(rt, tx, r, person)
        card = await card_from(tx, r, deck)
        shown = card.statement.id if card.statement else None
        earlier = not voting.moves_on(shown, statement.id)
        if earlier and not changed and deck.lost:
            return VoteRefusal.STALE  # cast under a key lost in a restart: it cannot be found
        await tx.votes.put(key, statement.id, member.role, choice)
        if earlier:
            return Voted(changed, None)
        await tx.votes.set_progress(r.id, person.id, deck.done + 1)
        return Voted(changed, await card_from(tx, r, deck.after_vote_on(statement.id)))


async def voting_card(rt: Runtime, round_id: str, person_id: int) -> Card | None:
    """The card to show the voter now; None when the round is not voting."""
    async with rt.db.read() as tx:
        r = await tx.rounds.get(round_id)
        person = await tx.people.get(person_id) if r and r.phase is Phase.VOTING else None
        if r is None or person is None:
            return None
        return await card_for(rt, tx, r, person)
