"""Use cases of action items: add, list, ask for a status when due, announce when done."""

from __future__ import annotations

from flows.notices import ActionCheck, ActionDone
from flows.roles import Role
from flows.rounds.actions import (
    ActionItem,
    ActionProblem,
    ActionStatus,
    change_status,
    clean_action_text,
    due_date,
)
from services.runtime import Runtime


async def add(
    rt: Runtime, dialogue_id: int, text: str, owner: Role, days: int
) -> ActionItem | None:
    cleaned, due = clean_action_text(text), due_date(rt.today(), days)
    if cleaned is None or due is None:
        return None
    item = ActionItem(rt.random_bytes(6).hex(), dialogue_id, cleaned, owner, due)
    async with rt.db.transaction() as tx:
        await tx.actions.add(item, rt.today())
    return item


async def get(rt: Runtime, item_id: str) -> ActionItem | None:
    async with rt.db.read() as tx:
        return await tx.actions.get(item_id)


async def of_dialogue(rt: Runtime, dialogue_id: int) -> list[ActionItem]:
    async with rt.db.read() as tx:
        return await tx.actions.for_dialogue(dialogue_id)


async def set_status(
    rt: Runtime, dialogue_id: int, item_id: str, status: ActionStatus
) -> ActionItem | None:
    """A facilitator's answer; everyone in the dialogue hears when an action is done."""
    now = rt.now()
    async with rt.db.transaction() as tx:
        item = await tx.actions.get(item_id)
        if item is None or item.dialogue_id != dialogue_id:
            return None
        changed = change_status(item, status)
        if not isinstance(changed, ActionItem):
            return item if changed is ActionProblem.UNCHANGED else None
        await tx.actions.set_status(item.id, status)
        if status is ActionStatus.DONE and item.status is not ActionStatus.DONE:
            for person in await tx.people.members(dialogue_id):
                await tx.outbox.enqueue(ActionDone(person.id, item.id), now)
    return item


async def ask_for_status(rt: Runtime) -> int:
    """On (and after) the due date, ask the dialogue's facilitators once a day."""
    now, day = rt.now(), rt.today()
    asked = 0
    async with rt.db.transaction() as tx:
        for item in await tx.actions.due_for_check(day):
            for person in await tx.people.members(item.dialogue_id, (Role.FACILITATOR,)):
                asked += await tx.outbox.enqueue(ActionCheck(person.id, item.id, day), now)
            await tx.actions.mark_checked(item.id, day)
    return asked
