"""The HTTP layer under PTB, with retries for Telegram's transient 5xx answers.

PTB retries polling on its own, but a reply that meets a 502 is simply lost. The bot commits
before it replies, so retrying the reply is safe and keeps "received" messages from vanishing.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

RETRIES = 3
FIRST_DELAY = 0.25


class RetryingRequest(HTTPXRequest):
    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        delay = FIRST_DELAY
        for attempt in range(RETRIES + 1):
            status, payload = await super().do_request(url, method, request_data, **kwargs)
            if status < 500 or attempt == RETRIES:
                return status, payload
            log.warning("Telegram answered %s; retrying in %.2fs", status, delay)
            await asyncio.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")
