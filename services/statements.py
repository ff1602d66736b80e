"""Use cases of statements: a participant writes one, reviews theirs, withdraws one.

A statement is stored with its author's role and language only. The link to its author lives
in a table of its own only while the round collects, so that the author alone can review or
withdraw it; it is deleted when collecting ends (:mod:`flows.rounds.moves`).

A text becomes a statement only when its author chose so, in one of two ways:

- they chose to write statements to the round (the prompt's button): the step ``FLOW`` takes
  each text they type next, while that round collects (:func:`begin`, :func:`write`);
- they typed a text with no step waiting for it: it is offered (:func:`offer`), held in this
  process's memory only (this module owns ``Runtime.statement_offers``), and stored only on
  their Yes to that very offer (:func:`confirm`); a No, a newer text, ``/cancel``, another
  flow or a restart forgets it (:mod:`flows.rounds.offers`).
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.conversations import Conversation
from flows.dialogues import Person
from flows.roles import Role
from flows.rounds import statements
from flows.rounds.lifecycle import Phase, Round
from flows.rounds.offers import OfferProblem, StatementOffer, answerable
from flows.rounds.statements import CapReached, Empty, Statement, TooLong
from services import conversations
from services.rounds import new_id
from services.runtime import Runtime
from storage import Transaction

#: The step of a person who chose to write statements to a round.
FLOW = "statement"
#: Random bytes of an offer's one-time nonce.
NONCE_BYTES = 8


@dataclass(frozen=True)
class Saved:
    statement: Statement
    yours: int  # how many statements the author has in this round now
    #: The person's message that carried the text, to delete from the chat (an offered text).
    message_id: int | None = None


@dataclass(frozen=True)
class NotCollecting:
    """No round of the dialogue collects statements from the writer's group."""


@dataclass(frozen=True)
class Offered:
    """The text is held; the person is asked whether it is a statement to ``round``."""

    round: Round
    role: Role
    nonce: str


Written = Saved | TooLong | Empty | CapReached | NotCollecting


async def _add(
    rt: Runtime, tx: Transaction, r: Round, person: Person, role: Role, language: str, text: str
) -> Saved | TooLong | Empty | CapReached:
    cleaned = statements.clean(text, r.settings.statement_limit)
    if not isinstance(cleaned, str):
        return cleaned
    already = len(await tx.statements.by_author(r.id, person.id))
    capped = statements.may_add(already, rt.settings.statements_per_round)
    if capped is not None:
        return capped
    statement = Statement(new_id(rt), r.id, cleaned, role, language)
    await tx.statements.add(statement, person.id)
    return Saved(statement, already + 1)


async def _collecting(tx: Transaction, person: Person, round_id: str) -> tuple[Round, Role] | None:
    """The round, and the person's role in its dialogue now, while it collects from them."""
    r = await tx.rounds.get(round_id)
    membership = await tx.people.membership(person.id, r.dialogue_id) if r else None
    if r is None or membership is None or not r.collects_from(membership.role):
        return None
    return r, membership.role


async def submit(
    rt: Runtime, person: Person, dialogue_id: int, role: Role, language: str, text: str
) -> Written:
    """Store ``text`` as a statement to the dialogue's collecting round."""
    async with rt.db.transaction() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None or not r.collects_from(role):
            return NotCollecting()
        return await _add(rt, tx, r, person, role, language, text)


async def begin(rt: Runtime, person: Person, round_id: str) -> Round | NotCollecting:
    """The person chose to write statements to ``round_id``: what they type next goes there
    (and the step they were in is left)."""
    async with rt.db.transaction() as tx:
        found = await _collecting(tx, person, round_id)
        if found is None:
            return NotCollecting()
        r, _role = found
        step = Conversation(FLOW, "text", {"dialogue": r.dialogue_id, "round": r.id})
        await conversations.switch_to(rt, tx, person.id, step)
    return r


async def write(
    rt: Runtime, person: Person, step: Conversation, language: str, text: str
) -> Written:
    """A text typed at the statement step: a statement of the step's round while it collects
    from the person; otherwise the step is left (:class:`NotCollecting`) and nothing stored."""
    round_id = step.payload.get("round")
    async with rt.db.transaction() as tx:
        found = await _collecting(tx, person, round_id) if isinstance(round_id, str) else None
        if found is None:
            await tx.conversations.clear_flow(person.id, FLOW)
            return NotCollecting()
        r, role = found
        return await _add(rt, tx, r, person, role, language, text)


async def offer(
    rt: Runtime,
    person: Person,
    dialogue_id: int,
    role: Role,
    language: str,
    text: str,
    message_id: int | None,
) -> Offered | NotCollecting:
    """A text typed with no step waiting: held in memory (replacing an older one) to be offered
    as a statement, while a round of the dialogue collects from the person's group."""
    async with rt.db.read() as tx:
        r = await tx.rounds.open_in(dialogue_id)
    if r is None or not r.collects_from(role):
        return NotCollecting()
    nonce = rt.random_bytes(NONCE_BYTES).hex()
    rt.statement_offers[person.id] = StatementOffer(r.id, nonce, text, language, message_id)
    return Offered(r, role, nonce)


async def confirm(rt: Runtime, person: Person, round_id: str, nonce: str) -> Written | OfferProblem:
    """Yes to the offer ``nonce``: its text is stored as a typed statement is (same limit, same
    moderation). Nothing else is ever stored: an older or forged offer is refused."""
    problem = answerable(rt.statement_offers.get(person.id), round_id, nonce)
    if problem is not None:
        return problem
    held = rt.statement_offers.pop(person.id)
    async with rt.db.transaction() as tx:
        found = await _collecting(tx, person, round_id)
        if found is None:
            return NotCollecting()
        r, role = found
        saved = await _add(rt, tx, r, person, role, held.language, held.text)
    if isinstance(saved, Saved):
        return Saved(saved.statement, saved.yours, held.message_id)
    return saved


def decline(rt: Runtime, person_id: int, round_id: str, nonce: str) -> OfferProblem | None:
    """No to the offer ``nonce``: its text is forgotten. None when it was the offer held."""
    problem = answerable(rt.statement_offers.get(person_id), round_id, nonce)
    if problem is None:
        del rt.statement_offers[person_id]
    return problem


def forget_offer(rt: Runtime, person_id: int) -> bool:
    """Forget the text offered to the person, if any (another flow, /cancel, /forgetme)."""
    return rt.statement_offers.pop(person_id, None) is not None


conversations.holds_pending_text(FLOW, forget_offer)


async def mine(
    rt: Runtime, person: Person, dialogue_id: int
) -> tuple[Round | None, list[Statement]]:
    """The dialogue's open round and, while it collects, the person's statements in it."""
    async with rt.db.read() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None or r.phase is not Phase.COLLECTING:
            return r, []
        return r, await tx.statements.by_author(r.id, person.id)


async def withdraw(rt: Runtime, person: Person, statement_id: str) -> bool:
    """Whether the statement was withdrawn (only its author, only while the round collects)."""
    async with rt.db.transaction() as tx:
        statement = await tx.statements.get(statement_id)
        r = await tx.rounds.get(statement.round_id) if statement else None
        if statement is None or r is None:
            return False
        by_author = await tx.statements.author_of(statement_id) == person.id
        withdrawn = statements.withdraw(statement, r, by_author=by_author)
        if withdrawn is None:
            return False
        await tx.statements.save(withdrawn)
    return True
