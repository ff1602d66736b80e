"""The update queue behind getUpdates, with Telegram's confirmation-by-offset semantics.

Telegram keeps every update until a getUpdates call passes an ``offset`` above its id; only
then is it forgotten. A bot that crashes before confirming gets the same updates again, and a
bot that confirms too early loses them. Long polling waits on an event that every new update
(or a newer poll, or shutdown) sets, so a waiting poll answers as soon as there is something.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from sandbox.errors import ApiError

#: What a bot receives when it never said (or sent an empty allowed_updates list).
DEFAULT_EXCLUDED = {"chat_member", "message_reaction", "message_reaction_count"}
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateQueue:
    """Pending updates, their ids, the allowed_updates filter, and waiting long polls."""

    def __init__(self, first_id: int = 1) -> None:
        self.pending: list[dict[str, Any]] = []
        self.allowed: set[str] | None = None  # None: Telegram's default set
        self.dropped = 0  # updates the allowed_updates filter kept from the bot
        self.closing = False
        self._next_id = first_id
        self._wake = asyncio.Event()
        self._polls = 0  # serial of the newest getUpdates call
        self._releases = 0  # bumped to end every waiting poll at once

    @property
    def polls(self) -> int:
        """How many getUpdates calls have reached the queue so far."""
        return self._polls

    @property
    def last_id(self) -> int:
        """The id of the newest update queued (0 before the first)."""
        return self._next_id - 1

    def _pulse(self) -> None:
        """Wake every waiting poll (each one re-checks its own reason to return)."""
        self._wake.set()
        self._wake = asyncio.Event()

    def wants(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in DEFAULT_EXCLUDED
        return kind in self.allowed

    def push(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue one update; None if the bot's allowed_updates filter refuses its kind.

        Like Telegram, the filter applies when an update is created: what was queued before
        a filter change is still delivered.
        """
        if not self.wants(kind):
            self.dropped += 1
            return None
        update_id = self._next_id
        self._next_id += 1
        self.pending.append({"update_id": update_id, kind: payload})
        self._pulse()
        return update_id

    def set_allowed(self, kinds: Iterable[str]) -> None:
        kinds = set(kinds)
        self.allowed = kinds or None

    def confirm(self, offset: int) -> None:
        """Forget what ``offset`` confirms: ids below it, or all but the last ``-offset``."""
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        elif offset < 0:
            self.pending = self.pending[offset:]

    def drop_all(self) -> None:
        """deleteWebhook(drop_pending_updates=True): forget everything pending."""
        self.pending.clear()

    def release(self) -> None:
        """Answer every waiting long poll now, empty, as if its timeout had run out."""
        self._releases += 1
        self._pulse()

    def close(self) -> None:
        self.closing = True
        self._pulse()

    async def poll(self, offset: int, limit: int, timeout: float) -> list[dict[str, Any]]:
        """One getUpdates call: confirm, then answer at once or wait up to ``timeout``."""
        self._polls += 1
        me, releases = self._polls, self._releases
        self._pulse()  # an older poll still waiting must now give way (409)
        self.confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if me != self._polls:
                raise ApiError(409, CONFLICT)
            if self.pending or self.closing or releases != self._releases:
                return self.pending[:limit]
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            try:
                await asyncio.wait_for(self._wake.wait(), remaining)
            except TimeoutError:
                pass
