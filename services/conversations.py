"""The step a person is in (``flows.conversations``): read it, enter one, leave it.

Most flows that wait for typed text keep their step in the database, so a restart resumes it
and ``/cancel`` leaves whatever it is. A step that must leave no trace on disk (the grievance
intake) is kept in memory instead (``Runtime.memory_steps``, written by its own flow) and comes
first while it lasts. A person is in one step at a time: the flow they chose last. This module
is where one flow is left for another, so that a text typed next goes to the flow chosen last
and nowhere else:

- entering a step (:func:`switch_to`) replaces the step the person was in;
- a flow that holds a typed text in memory before storing it (a grievance intake, a text
  offered as a statement) registers how to forget it (:func:`holds_pending_text`); entering
  another flow's step, leaving with :func:`leave` (``/cancel``) or deleting the profile forgets
  it (:func:`forget_pending`).

What a flow has already stored, or acknowledged as kept (a survey's answers, open ones
included, until the survey is finished), is not a pending text and is not forgotten here.
"""

from __future__ import annotations

from collections.abc import Callable

from flows.conversations import Conversation
from services.runtime import Runtime
from storage import Transaction

#: Forgets what a flow holds in memory for a person and has not stored; True when there was
#: something (None: the flow does not tell).
Forget = Callable[[Runtime, int], bool | None]

_PENDING: dict[str, Forget] = {}


def holds_pending_text(flow: str, forget: Forget) -> None:
    """Register how ``flow`` forgets a text it holds in memory for a person, not yet stored."""
    _PENDING[flow] = forget


def forget_pending(rt: Runtime, person_id: int, *, keep: str | None = None) -> bool:
    """Forget the texts every flow but ``keep`` holds in memory for the person and has not
    stored; whether there was any (as far as the flows tell)."""
    forgot = False
    for flow, forget in _PENDING.items():
        if flow != keep and forget(rt, person_id):
            forgot = True
    return forgot


async def current(rt: Runtime, person_id: int) -> Conversation | None:
    in_memory = rt.memory_steps.get(person_id)
    if in_memory is not None:
        return in_memory
    if person_id in rt.steps_left:
        return None
    async with rt.db.read() as tx:
        return await tx.conversations.get(person_id)


def in_memory(rt: Runtime, person_id: int) -> Conversation | None:
    """The step the person has in memory (a grievance intake), if any."""
    return rt.memory_steps.get(person_id)


def leave_for_memory(rt: Runtime, person_id: int) -> None:
    """The person turned to a step kept in memory: their step in the database is left, without
    writing anything now (a write at that moment would date the step that follows)."""
    rt.steps_left.add(person_id)


async def switch_to(rt: Runtime, tx: Transaction, person_id: int, step: Conversation) -> None:
    """Make ``step`` the person's step, inside ``tx``: the step they were in is left, and what
    other flows held in memory for them (a grievance intake included) is forgotten."""
    await tx.conversations.put(person_id, step, rt.now())
    rt.steps_left.discard(person_id)
    forget_pending(rt, person_id, keep=step.flow)


async def enter(rt: Runtime, person_id: int, conversation: Conversation) -> None:
    """Make ``conversation`` the person's step (replacing any other), in its own unit of work."""
    async with rt.db.transaction() as tx:
        await switch_to(rt, tx, person_id, conversation)


async def leave(rt: Runtime, person_id: int) -> Conversation | None:
    """Leave whatever step the person is in, and forget every text held for them in memory;
    the step left (one kept in memory first), or None when there was none."""
    in_memory = rt.memory_steps.get(person_id)
    left = person_id in rt.steps_left
    forget_pending(rt, person_id)
    rt.steps_left.discard(person_id)
    async with rt.db.transaction() as tx:
        found = await tx.conversations.get(person_id)
        if found is not None:
            await tx.conversations.clear(person_id)
    return in_memory or (None if left else found)
