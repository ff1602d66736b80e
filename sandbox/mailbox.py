"""What one reader (a person or a group) received from the bot, and what they have read.

``inbox`` is everything, in order, as it looks now (edits applied, deletions flagged);
``unread`` is what ``expect`` has not consumed yet. Waiting uses an event set on arrival, so
``expect`` returns as soon as the bot's message lands and fails with what did arrive.
"""

from __future__ import annotations

import asyncio

from sandbox.messages import BotMessage
from sandbox.world import World


class Mailbox:
    """What one reader (a person, or a group) received from the bot, and what they read."""

    name: str

    def __init__(self, world: World) -> None:
        self.world = world
        self.inbox: list[BotMessage] = []
        self.unread: list[BotMessage] = []
        self._arrived = asyncio.Event()

    def receive(self, message: BotMessage) -> None:
        self.inbox.append(message)
        self.unread.append(message)
        self._arrived.set()

    async def expect(self, contains: str | None = None, timeout: float = 5.0) -> BotMessage:
        """Consume the next unread message from the bot, waiting up to ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.unread:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(self._nothing_new(timeout))
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except TimeoutError:
                pass
        message = self.unread.pop(0)
        if contains is not None and contains not in message.plain_text:
            later = "".join(f"\n  then: {m.plain_text[:120]!r}" for m in self.unread)
            raise AssertionError(
                f"{self.name} expected a message containing {contains!r}, "
                f"got: {message.plain_text!r}{later}"
            )
        return message

    async def expect_many(self, count: int, timeout: float = 5.0) -> list[BotMessage]:
        """Consume the next ``count`` messages, all within ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        got: list[BotMessage] = []
        for _ in range(count):
            try:
                got.append(await self.expect(timeout=max(0.0, deadline - loop.time())))
            except AssertionError as exc:
                raise AssertionError(f"after {len(got)} of {count} messages: {exc}") from None
        return got

    def _nothing_new(self, timeout: float) -> str:
        earlier = [m.plain_text[:80] for m in self.inbox[-3:]]
        refused = [
            line
            for line in self.world.transcript.lines
            if line.startswith("bot ✗") and f" for {self.name}:" in line
        ][-3:]
        why = f"; calls the sandbox refused: {refused}" if refused else ""
        return f"{self.name} got no new message in {timeout}s; earlier ones: {earlier}{why}"
