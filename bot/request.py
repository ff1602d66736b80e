"""The HTTP layer under PTB, with retries for Telegram's transient 5xx answers, where a
repeat cannot double anything.

A 5xx may come after Telegram did the work. Repeating an edit, a deletion, a callback answer,
a menu or a poll changes nothing the second time, so those are always retried here. A method
that sends a new message (``send*``, ``copy*``, ``forward*``) could deliver it twice:

- a reply to what a person just did is retried (they are waiting for it; at worst they see the
  same reply twice);
- the outbox's sends (invitations, prompts, results…) are not (:func:`deciding_sends` marks
  them): the outbox decides per kind of message whether to send again (``bot.outbox``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

RETRIES = 3
FIRST_DELAY = 0.25
#: Methods whose every call delivers something new: never repeated blindly.
DELIVERING = ("send", "copy", "forward")


_SENDS_DECIDED_BY_CALLER: ContextVar[bool] = ContextVar("sends_decided_by_caller", default=False)


@contextlib.contextmanager
def deciding_sends() -> Iterator[None]:
    """Within this block (one task), a send that meets a 5xx is not repeated here: the caller
    decides whether to send it again."""
    token = _SENDS_DECIDED_BY_CALLER.set(True)
    try:
        yield
    finally:
        _SENDS_DECIDED_BY_CALLER.reset(token)


def safe_to_repeat(url: str) -> bool:
    method = url.rsplit("/", 1)[-1]
    return not (method.startswith(DELIVERING) and _SENDS_DECIDED_BY_CALLER.get())


class RetryingRequest(HTTPXRequest):
    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        delay = FIRST_DELAY
        for attempt in range(RETRIES + 1):
            status, payload = await super().do_request(url, method, request_data, **kwargs)
            if status < 500 or attempt == RETRIES or not safe_to_repeat(url):
                return status, payload
            log.warning("Telegram answered %s; retrying in %.2fs", status, delay)
            await asyncio.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")
