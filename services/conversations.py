"""The step a person is in (``flows.conversations``): read it, enter one, leave it.

Most flows that wait for typed text keep their step in the database, so a restart resumes it
and ``/cancel`` leaves whatever it is. A step that must leave no trace on disk (the grievance
intake) is kept in memory instead (``Runtime.memory_steps``, written by its own flow) and comes
first while it lasts.
"""

from __future__ import annotations

from flows.conversations import Conversation
from services.runtime import Runtime
from storage.repositories import Transaction


async def put(rt: Runtime, tx: Transaction, person_id: int, conversation: Conversation) -> None:
    """Within a unit of work: make ``conversation`` the person's step, leaving any step kept in
    memory (a grievance intake is left when the person turns to something else)."""
    _leave_memory(rt, person_id)
    await tx.conversations.put(person_id, conversation, rt.now())


def _leave_memory(rt: Runtime, person_id: int) -> None:
    rt.memory_steps.pop(person_id, None)
    rt.intake_drafts.pop(person_id, None)


async def current(rt: Runtime, person_id: int) -> Conversation | None:
    in_memory = rt.memory_steps.get(person_id)
    if in_memory is not None:
        return in_memory
    async with rt.db.read() as tx:
        return await tx.conversations.get(person_id)


async def enter(rt: Runtime, person_id: int, conversation: Conversation) -> None:
    """Make ``conversation`` the person's step (replacing any other)."""
    async with rt.db.transaction() as tx:
        await put(rt, tx, person_id, conversation)


async def leave(rt: Runtime, person_id: int) -> Conversation | None:
    """Leave whatever step the person is in; the step left, or None when there was none."""
    in_memory = rt.memory_steps.get(person_id)
    async with rt.db.transaction() as tx:
        found = await tx.conversations.get(person_id)
        if found is not None:
            await tx.conversations.clear(person_id)
    return in_memory or found
