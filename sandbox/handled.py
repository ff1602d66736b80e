"""Which updates a python-telegram-bot ``Application`` in this event loop has finished.

Telegram (and so the sandbox) only knows that a bot *confirmed* an update, which PTB does when
it fetches the next batch, long before it has handled the first. Tests and the demo need the
outcome instead: the bot is done with every update sent so far. ``HandledUpdates.attach``
adds one handler, in a group after all of the bot's, that records each update's id once every
earlier group has run (PTB runs a blocking update's groups in order, errors included); the
sandbox's ``settle`` waits for those ids, never for a quiet period.

Only for a bot whose handlers block (PTB's default): a handler created with ``block=False``
would still be running when its update is recorded.
"""

from __future__ import annotations

from typing import Any

#: After every group a bot would reasonably use.
LAST_GROUP = 2**31 - 1


class HandledUpdates:
    """The ids of updates the attached applications have finished, and a way to wait for one."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        #: The largest n such that every update from 1 to n was handled.
        self.through = 0
        self.attached = 0

    def attach(self, application: Any) -> None:
        """Record every update ``application`` finishes (call before or after it starts)."""
        from telegram import Update
        from telegram.ext import TypeHandler

        async def finished(update: Update, _context: object) -> None:
            self.ids.add(update.update_id)
            while self.through + 1 in self.ids:
                self.through += 1

        application.add_handler(TypeHandler(Update, finished), group=LAST_GROUP)
        self.attached += 1

    def finished(self, up_to: int) -> bool:
        """Whether every update with an id from 1 to ``up_to`` was handled."""
        return self.through >= up_to

    def missing(self, up_to: int) -> list[int]:
        return [i for i in range(self.through + 1, up_to + 1) if i not in self.ids]
