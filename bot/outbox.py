"""Sending what the outbox holds: rendered for each recipient at send time, then marked sent.

Runs as a JobQueue job, one drain at a time. A person who blocked the bot is marked unreachable
and skipped; a transient failure leaves the message for the next drain (up to five attempts);
Telegram's pacing is kept by PTB's rate limiter (30 messages a second overall).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import Forbidden, RetryAfter, TelegramError

from bot.i18n import Translator
from bot.runtime import Runtime
from flows.notices import Notice, OutboxItem
from services import delivery

log = logging.getLogger(__name__)
BATCH = 25

Rendered = list[tuple[str, InlineKeyboardMarkup | None]]
N = TypeVar("N", bound=Notice)
Renderer = Callable[[Runtime, Any, Translator], Awaitable[Rendered]]
#: How each kind of notice is rendered, by its type.
RENDERERS: dict[type[Notice], Renderer] = {}


def renderer(
    kind: type[N],
) -> Callable[
    [Callable[[Runtime, N, Translator], Awaitable[Rendered]]],
    Callable[[Runtime, N, Translator], Awaitable[Rendered]],
]:
    """Register the function that renders notices of type ``kind`` for one recipient."""

    def wrap(
        fn: Callable[[Runtime, N, Translator], Awaitable[Rendered]],
    ) -> Callable[[Runtime, N, Translator], Awaitable[Rendered]]:
        RENDERERS[kind] = fn
        return fn

    return wrap


async def delivered(rt: Runtime) -> bool:
    """Whether everything queued has been handed to Telegram: nothing waits in the outbox and
    no drain is still sending (the demo and the tests wait for this outcome)."""
    if rt.outbox_lock.locked():
        return False
    return await delivery.pending(rt) == 0


async def drain(rt: Runtime, bot: Bot) -> int:
    """Send every due message; returns how many were sent."""
    lock = rt.outbox_lock
    if lock.locked():
        return 0
    sent = 0
    async with lock:
        while True:
            batch = await delivery.due(rt, BATCH)
            if not batch:
                return sent
            for item in batch:
                sent += await _send_one(rt, bot, item)


async def _send_one(rt: Runtime, bot: Bot, item: OutboxItem) -> int:
    # Claim first, send second: a crash between the two loses at most this one message, while
    # the other order could send it twice after a restart. Nobody is prompted twice.
    await delivery.claim(rt, item)
    if not item.active:
        return 0
    t = rt.catalogs.translator(item.language)
    render = RENDERERS.get(type(item.notice))
    sent = 0
    try:
        messages = await render(rt, item.notice, t) if render else []
        for text, keyboard in messages:
            await bot.send_message(item.telegram_id, text, reply_markup=keyboard)
            sent += 1
    except Forbidden:
        await delivery.unreachable(rt, item)
        log.info("outbox: a recipient blocked the bot; marked unreachable")
        return 0
    except RetryAfter as exc:
        if sent:  # part of it went out: retrying would send that part twice
            return sent
        await delivery.release(rt, item)
        log.warning("outbox: flood control, pausing %s", exc.retry_after)
        await asyncio.sleep(_seconds(exc.retry_after))
        return 0
    except TelegramError as exc:
        if sent:
            log.warning(
                "outbox: %s after part of a %s message", type(exc).__name__, item.notice.kind
            )
            return sent
        await delivery.release(rt, item)
        log.warning("outbox: %s sending a %s message", type(exc).__name__, item.notice.kind)
        return 0
    return len(messages)


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
