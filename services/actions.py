"""Use cases of action items: add one (text, owner, due date, one step each), list them, ask
for a status when due, record the answer and announce when one is done.

The rules (what text and due dates are accepted, which status changes are allowed, who is
asked and who hears) are :mod:`flows.rounds.actions`'; these load, apply and store.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from flows.conversations import Conversation
from flows.roles import Role, parse_role
from flows.rounds import actions
from flows.rounds.actions import ActionItem, ActionProblem, ActionStatus
from services import conversations
from services.rounds import new_id
from services.runtime import Runtime

FLOW = "action_text"
TEXT, OWNER, DUE = "text", "owner", "due"


@dataclass(frozen=True)
class Draft:
    """A facilitator's new action item as it stands: its dialogue, the step it is at, and
    what was chosen so far."""

    dialogue_id: int
    step: str
    text: str = ""
    owner: Role | None = None

    def stored(self, step: str) -> Conversation:
        payload: dict[str, object] = {"dialogue": self.dialogue_id, "text": self.text}
        if self.owner is not None:
            payload["owner"] = self.owner.value
        return Conversation(FLOW, step, payload)


def _draft(step: Conversation | None) -> Draft | None:
    if step is None or step.flow != FLOW:
        return None
    dialogue_id, text = step.payload.get("dialogue"), step.payload.get("text")
    if not isinstance(dialogue_id, int):
        return None
    owner = parse_role(str(step.payload.get("owner", "")))
    return Draft(dialogue_id, step.step, text if isinstance(text, str) else "", owner)


async def begin(rt: Runtime, person_id: int, dialogue_id: int) -> None:
    """/action: the facilitator types the item's text next."""
    async with rt.db.transaction() as tx:
        await conversations.switch_to(
            rt, tx, person_id, Conversation(FLOW, TEXT, {"dialogue": dialogue_id})
        )


async def draft_of(rt: Runtime, person_id: int) -> Draft | None:
    """The new item the person is adding, if any (its dialogue is re-checked by the edge)."""
    async with rt.db.read() as tx:
        return _draft(await tx.conversations.get(person_id))


async def write_text(
    rt: Runtime, person_id: int, dialogue_id: int, text: str
) -> ActionProblem | None:
    """The typed text, checked; the owner is asked next. None: accepted."""
    cleaned = actions.action_text(text)
    if isinstance(cleaned, ActionProblem):
        return cleaned
    async with rt.db.transaction() as tx:
        await conversations.switch_to(
            rt, tx, person_id, Draft(dialogue_id, TEXT, cleaned).stored(OWNER)
        )
    return None


async def choose_owner(rt: Runtime, person_id: int, owner: Role) -> bool:
    """The owning group chosen; the due date is asked next. False: no item is being added."""
    async with rt.db.transaction() as tx:
        draft = _draft(await tx.conversations.get(person_id))
        if draft is None:
            return False
        chosen = replace(draft, owner=owner).stored(DUE)
        await conversations.switch_to(rt, tx, person_id, chosen)
    return True


async def choose_due(rt: Runtime, person_id: int, days: int) -> ActionItem | ActionProblem:
    """The due date chosen: the item is added and the step left (whatever the outcome)."""
    today = rt.today()
    async with rt.db.transaction() as tx:
        draft = _draft(await tx.conversations.get(person_id))
        if draft is None or draft.owner is None:
            return ActionProblem.NOT_OFFERED  # an older button: the step stays as it is
        await tx.conversations.clear_flow(person_id, FLOW)
        checked = actions.draft(draft.text, days, today)
        if isinstance(checked, ActionProblem):
            return checked
        item = ActionItem(
            new_id(rt),
            draft.dialogue_id,
            checked.text,
            draft.owner,
            checked.due_on,
        )
        await tx.actions.add(item, today)
    return item


async def add(
    rt: Runtime, dialogue_id: int, text: str, owner: Role, days: int
) -> ActionItem | ActionProblem:
    """Add an item in one go (the demo's timeline and the tests use this)."""
    today = rt.today()
    checked = actions.draft(text, days, today)
    if isinstance(checked, ActionProblem):
        return checked
    item = ActionItem(new_id(rt), dialogue_id, checked.text, owner, checked.due_on)
    async with rt.db.transaction() as tx:
        await tx.actions.add(item, today)
    return item


async def get(rt: Runtime, item_id: str) -> ActionItem | None:
    async with rt.db.read() as tx:
        return await tx.actions.get(item_id)


async def of_dialogue(rt: Runtime, dialogue_id: int) -> list[ActionItem]:
    async with rt.db.read() as tx:
        return await tx.actions.for_dialogue(dialogue_id)


async def answer_status(
    rt: Runtime, dialogue_ids: Collection[int], item_id: str, status: ActionStatus
) -> ActionItem | ActionProblem:
    """A facilitator's answer about an item of one of ``dialogue_ids`` (those they facilitate);
    everyone in the dialogue hears when an action is done. The item as it was is returned."""
    now = rt.now()
    async with rt.db.transaction() as tx:
        item = await tx.actions.get(item_id)
        if item is None or item.dialogue_id not in dialogue_ids:
            return ActionProblem.NOT_ALLOWED
        changed = actions.answer(item, status)
        if changed is ActionProblem.UNCHANGED:
            return item
        if isinstance(changed, ActionProblem):
            return changed
        await tx.actions.set_status(item.id, changed.status)
        everyone = [p.id for p in await tx.people.members(item.dialogue_id)]
        for notice in actions.announced(item, changed, everyone):
            await tx.outbox.enqueue(notice, now)
    return item


async def ask_for_status(rt: Runtime) -> int:
    """On (and after) the due date, ask the dialogue's facilitators once a day."""
    now, day = rt.now(), rt.today()
    asked = 0
    async with rt.db.transaction() as tx:
        due = actions.due_for_check(await tx.actions.active_due_by(day), day)
        facilitators = {
            d: [p.id for p in await tx.people.members(d, (Role.FACILITATOR,))]
            for d in {item.dialogue_id for item in due}
        }
        checked, notices = actions.ask_for_status(due, facilitators, day)
        for notice in notices:
            asked += await tx.outbox.enqueue(notice, now)
        for item in checked:
            await tx.actions.mark_checked(item.id, day)
    return asked
