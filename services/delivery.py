"""The outbox's side of delivery: what is due, claiming an item before it is sent, putting it
back after a failure, and people who can no longer be reached.

Sending itself is the Telegram edge's (``bot.outbox``). An item is claimed (marked sent) in its
own commit before it goes out: a crash between the two loses at most that one message, while
the other order could send it twice after a restart.
"""

from __future__ import annotations

from flows.notices import OutboxItem
from services.runtime import Runtime

__all__ = ["OutboxItem", "claim", "claim_part", "due", "pending", "release", "unreachable"]


async def due(rt: Runtime, limit: int) -> list[OutboxItem]:
    """Up to ``limit`` items whose time has come, oldest first."""
    async with rt.db.read() as tx:
        return await tx.outbox.due(rt.now(), limit)


async def claim(rt: Runtime, item: OutboxItem) -> None:
    """The whole item is going out now (or is given up): never sent again."""
    async with rt.db.transaction() as tx:
        await tx.outbox.mark_sent(item.id, rt.now())


async def claim_part(rt: Runtime, item: OutboxItem, part: int, last: bool) -> None:
    """Part ``part`` (from 0) of a notice sent as several messages is going out now; with
    ``last``, the item with it. Claimed before it is sent, as a whole item is."""
    async with rt.db.transaction() as tx:
        await tx.outbox.claim_part(item.id, part + 1)
        if last:
            await tx.outbox.mark_sent(item.id, rt.now())


async def release(rt: Runtime, item: OutboxItem, parts_sent: int = 0) -> None:
    """Put the item back after a failed send, counting the attempt; the next drain resumes
    after ``parts_sent`` parts."""
    async with rt.db.transaction() as tx:
        await tx.outbox.release(item.id, parts_sent)


async def unreachable(rt: Runtime, item: OutboxItem) -> None:
    """The recipient blocked the bot: nothing more is sent to them until they come back."""
    async with rt.db.transaction() as tx:
        await tx.people.set_active(item.person_id, False)


async def pending(rt: Runtime) -> int:
    """Items not yet claimed (whatever their time), counting those that may still be retried."""
    async with rt.db.read() as tx:
        return await tx.outbox.pending()
