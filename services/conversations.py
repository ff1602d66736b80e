"""The step a person is in (``flows.conversations``): read it, enter one, leave it.

Every flow that waits for typed text keeps its step here, so a restart resumes it and
``/cancel`` leaves whatever it is.
"""

from __future__ import annotations

from flows.conversations import Conversation
from services.runtime import Runtime


async def current(rt: Runtime, person_id: int) -> Conversation | None:
    async with rt.db.read() as tx:
        return await tx.conversations.get(person_id)


async def enter(rt: Runtime, person_id: int, conversation: Conversation) -> None:
    """Make ``conversation`` the person's step (replacing any other)."""
    async with rt.db.transaction() as tx:
        await tx.conversations.put(person_id, conversation, rt.now())


async def leave(rt: Runtime, person_id: int) -> Conversation | None:
    """Leave whatever step the person is in; the step left, or None when there was none."""
    async with rt.db.transaction() as tx:
        found = await tx.conversations.get(person_id)
        if found is not None:
            await tx.conversations.clear(person_id)
    return found
