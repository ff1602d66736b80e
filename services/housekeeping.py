"""What the regular tick tidies so that the server keeps no more history than it needs.

Records of sent messages are deleted a day after they went (a notice's dedupe key only has to
outlive the day it is about), and the database's write-ahead log is emptied, so that whatever a
commit wrote and a later one deleted cannot be rebuilt from the log.
"""

from __future__ import annotations

from datetime import timedelta

from services.runtime import Runtime

#: How long a sent message's record is kept (to keep it from being queued twice that day).
SENT_KEPT = timedelta(days=1)


async def tidy(rt: Runtime) -> int:
    """Prune sent messages' records and empty the log; returns the records pruned."""
    async with rt.db.transaction() as tx:
        pruned = await tx.outbox.prune(rt.now() - SENT_KEPT)
    await rt.db.forget_history()
    return pruned
