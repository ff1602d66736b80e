"""Use cases of moderation: the next pending statement, and a facilitator's decision on one.

The decision itself (what may be approved, edited, translated, and when) is
:func:`flows.rounds.moderation.moderate_in_round`; these only load, apply and store. An edit or
a translation is typed in a step of its own (``FLOW``), kept in the database so that a restart
resumes it and /cancel leaves it.

The statement shown to the facilitator says of its author only what voters will read of it
(:mod:`flows.rounds.attribution`), decided with the members of the moment while the round
collects, and as stored once collecting has ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.conversations import Conversation
from flows.rounds import moderation, statements
from flows.rounds.attribution import attribute
from flows.rounds.lifecycle import Round
from flows.rounds.moderation import (
    MODERATION_PHASES,
    Decision,
    Edit,
    ModerationRefusal,
    Translate,
)
from flows.rounds.statements import Empty, Statement, TooLong
from services import conversations
from services.rounds import crowd
from services.runtime import Runtime
from storage import Transaction

FLOW = "moderation_text"
EDIT, TRANSLATE = "edit", "translate"

Moderated = Statement | ModerationRefusal | TooLong | Empty


@dataclass(frozen=True)
class Pending:
    round: Round
    statement: Statement | None  # None: nothing waits
    remaining: int


@dataclass(frozen=True)
class AskAgain:
    """The typed text cannot be a statement at all: the step stays open and asks again."""


async def next_pending(rt: Runtime, dialogue_id: int) -> Pending | None:
    """The first statement waiting for moderation; None when no round can be moderated."""
    async with rt.db.read() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None or r.phase not in MODERATION_PHASES:
            return None
        pending = await tx.statements.with_status(r.id, statements.StatementStatus.PENDING)
        writers = await crowd(rt, tx, r) if pending else None
    first = attribute(pending[0], writers, rt.settings.min_group_size) if writers else None
    return Pending(r, first, len(pending))


async def moderate(
    rt: Runtime, dialogue_id: int, statement_id: str, decision: Decision
) -> Moderated:
    """Apply a facilitator's decision on a statement of the dialogue's open round."""
    async with rt.db.transaction() as tx:
        return await _moderate(rt, tx, dialogue_id, statement_id, decision)


async def _moderate(
    rt: Runtime, tx: Transaction, dialogue_id: int, statement_id: str, decision: Decision
) -> Moderated:
    statement = await tx.statements.get(statement_id)
    r = await tx.rounds.get(statement.round_id) if statement else None
    if statement is None or r is None or r.dialogue_id != dialogue_id:
        return ModerationRefusal.UNKNOWN
    decided = moderation.moderate_in_round(r, statement, decision, rt.settings.languages)
    if isinstance(decided, Statement):
        await tx.statements.save(decided)
    return decided


async def begin_revision(
    rt: Runtime, person_id: int, dialogue_id: int, statement_id: str, language: str | None
) -> bool:
    """The facilitator types the corrected statement (``language`` None) or its translation
    into ``language`` next; False when that language is not offered."""
    if language is not None and language not in rt.settings.languages:
        return False
    step = Conversation(
        FLOW,
        EDIT if language is None else TRANSLATE,
        {"dialogue": dialogue_id, "statement": statement_id, "language": language},
    )
    async with rt.db.transaction() as tx:
        await conversations.switch_to(rt, tx, person_id, step)
    return True


async def revise(
    rt: Runtime, person_id: int, dialogue_id: int, step: Conversation, text: str
) -> Moderated | AskAgain:
    """The typed edit or translation of the open step: applied, and the step left."""
    cleaned = statements.clean(text, moderation.MAX_TYPED)
    if not isinstance(cleaned, str):
        return AskAgain()
    statement_id, language = step.payload.get("statement"), step.payload.get("language")
    decision: Decision = (
        Edit(cleaned)
        if step.step == EDIT
        else Translate(language if isinstance(language, str) else "", cleaned)
    )
    async with rt.db.transaction() as tx:
        await tx.conversations.clear_flow(person_id, FLOW)
        if not isinstance(statement_id, str):
            return ModerationRefusal.UNKNOWN
        return await _moderate(rt, tx, dialogue_id, statement_id, decision)
