"""Use cases of statements: a participant writes one, reviews theirs, withdraws one.

A statement is stored with its author's role and language only. The link to its author lives
in a table of its own only while the round collects, so that the author alone can review or
withdraw it; it is deleted when collecting ends (:mod:`flows.rounds.moves`).
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.dialogues import Person
from flows.roles import Role
from flows.rounds import statements
from flows.rounds.lifecycle import Phase, Round
from flows.rounds.statements import Empty, Statement, TooLong
from services.rounds import new_id
from services.runtime import Runtime


@dataclass(frozen=True)
class Saved:
    statement: Statement
    yours: int  # how many statements the author has in this round now


@dataclass(frozen=True)
class NotCollecting:
    """No round of the dialogue collects statements from the writer's group."""


async def submit(
    rt: Runtime, person: Person, dialogue_id: int, role: Role, language: str, text: str
) -> Saved | TooLong | Empty | NotCollecting:
    async with rt.db.transaction() as tx:
        r = await tx.rounds.open_in(dialogue_id)
        if r is None or not r.collects_from(role):
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
