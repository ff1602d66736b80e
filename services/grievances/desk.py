"""The facilitators' desk: the texts one by one, their status, the agenda and the public reply;
and /agenda, what each participant may read of it.

Every key comes from a button, so it is only looked up, and only within the caller's dialogue;
the rules of what may change are the domain's (``flows.grievances.agenda``).
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.conversations import Conversation
from flows.grievances import agenda as desk
from flows.grievances.agenda import (
    AgendaSet,
    DeskAction,
    DeskRefusal,
    ReplySet,
    StatusSet,
    WriteReply,
    hidden_from,
)
from flows.grievances.records import Grievance, is_key
from flows.roles import Role
from services import conversations
from services.grievances.areas import catalogue_of
from services.runtime import Runtime
from storage.repositories import Transaction

#: The step of a facilitator typing a public reply.
REPLY_FLOW = "grievance_reply"


@dataclass(frozen=True)
class Page:
    """One grievance of a dialogue, where it stands in the desk's order (newest day first),
    and how many there are."""

    grievance: Grievance
    index: int
    total: int


async def page(rt: Runtime, dialogue_id: int, index: int) -> Page | None:
    """The grievance at ``index`` (the last one past the end), or None when there is none."""
    async with rt.db.read() as tx:
        found, total = await tx.grievances.page(dialogue_id, index)
        if found is None and total:
            index = total - 1
            found, total = await tx.grievances.page(dialogue_id, index)
    if found is None:
        return None
    return Page(found, max(min(index, total - 1), 0), total)


async def _of_dialogue(tx: Transaction, dialogue_id: int, key: str) -> Grievance | None:
    if not is_key(key):
        return None
    found = await tx.grievances.get(key)
    return found if found is not None and found.dialogue_id == dialogue_id else None


async def _page_of(tx: Transaction, grievance: Grievance) -> Page:
    position = await tx.grievances.position(grievance)
    return Page(grievance, position, await tx.grievances.count(grievance.dialogue_id))


async def locate(rt: Runtime, dialogue_id: int, key: str) -> Page | None:
    """The grievance ``key`` of this dialogue at its place, or None."""
    async with rt.db.read() as tx:
        found = await _of_dialogue(tx, dialogue_id, key)
        return await _page_of(tx, found) if found is not None else None


async def _act(
    tx: Transaction, dialogue_id: int, key: str, action: DeskAction
) -> Page | DeskRefusal:
    found = await _of_dialogue(tx, dialogue_id, key)
    if found is None:
        return DeskRefusal.UNKNOWN
    decided = desk.decide(found, action, await catalogue_of(tx, dialogue_id))
    if isinstance(decided, DeskRefusal):
        return decided
    changed, events = decided
    for event in events:
        if isinstance(event, StatusSet):
            await tx.grievances.set_status(event.key, event.status)
        elif isinstance(event, AgendaSet):
            await tx.grievances.set_agenda(event.key, event.on, event.status)
        elif isinstance(event, ReplySet):
            await tx.grievances.set_reply(event.key, event.reply)
    return await _page_of(tx, changed)


async def act(rt: Runtime, dialogue_id: int, key: str, action: DeskAction) -> Page | DeskRefusal:
    """A facilitator changes grievance ``key``'s status or puts it on or off the agenda; the
    grievance as changed, at its place, or why nothing changed."""
    async with rt.db.transaction() as tx:
        return await _act(tx, dialogue_id, key, action)


async def ask_reply(rt: Runtime, person_id: int, dialogue_id: int, key: str) -> bool:
    """The facilitator's next message is the public reply to ``key`` (see :func:`reply`);
    False when there is no such grievance in the dialogue."""
    async with rt.db.transaction() as tx:
        if await _of_dialogue(tx, dialogue_id, key) is None:
            return False
        step = Conversation(REPLY_FLOW, "reply", {"dialogue": dialogue_id, "grievance": key})
        await conversations.switch_to(rt, tx, person_id, step)
    return True


async def reply(
    rt: Runtime, person_id: int, dialogue_id: int, key: str, text: str
) -> Page | DeskRefusal:
    """Store the public reply typed and end the step; refused (staying in the step) when the
    text is empty or too long, or the grievance unknown."""
    async with rt.db.transaction() as tx:
        done = await _act(tx, dialogue_id, key, WriteReply(text))
        if isinstance(done, Page):
            await tx.conversations.clear_flow(person_id, REPLY_FLOW)
    return done


async def agenda(
    rt: Runtime, dialogue_id: int, role: Role | None, *, staff: bool = False
) -> list[Grievance]:
    """What a member of ``role`` (or program staff) may read of the dialogue's agenda."""
    async with rt.db.read() as tx:
        hidden = hidden_from(role, await catalogue_of(tx, dialogue_id), staff=staff)
        return await tx.grievances.on_agenda(dialogue_id, hidden)
