"""Sending what the outbox holds: rendered for each recipient at send time, then marked sent.

Runs as a JobQueue job, one drain at a time. A person who blocked the bot is marked unreachable
and skipped; a transient failure leaves the message for the next drain (up to five attempts);
Telegram's pacing is kept by PTB's rate limiter (30 messages a second overall).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import Forbidden, RetryAfter, TelegramError

from bot.i18n import Translator
from bot.runtime import Runtime
from storage.repositories.outbox import OutboxItem

log = logging.getLogger(__name__)
BATCH = 25

Rendered = list[tuple[str, InlineKeyboardMarkup | None]]
Renderer = Callable[[Runtime, OutboxItem, Translator], Awaitable[Rendered]]
RENDERERS: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    def wrap(fn: Renderer) -> Renderer:
        RENDERERS[kind] = fn
        return fn

    return wrap


async def delivered(rt: Runtime) -> bool:
    """Whether everything queued has been handed to Telegram: nothing waits in the outbox and
    no drain is still sending (the demo and the tests wait for this outcome)."""
    if rt.outbox_lock.locked():
        return False
    async with rt.db.read() as tx:
        return await tx.outbox.pending() == 0


async def drain(rt: Runtime, bot: Bot) -> int:
    """Send every due message; returns how many were sent."""
    lock = rt.outbox_lock
    if lock.locked():
        return 0
    sent = 0
    async with lock:
        while True:
            async with rt.db.read() as tx:
                batch = await tx.outbox.due(rt.now(), BATCH)
            if not batch:
                return sent
            for item in batch:
                sent += await _send_one(rt, bot, item)


async def _send_one(rt: Runtime, bot: Bot, item: OutboxItem) -> int:
    # Claim first, send second: a crash between the two loses at most this one message, while
    # the other order could send it twice after a restart. Nobody is prompted twice.
    async with rt.db.transaction() as tx:
        await tx.outbox.mark_sent(item.id, rt.now())
    if not item.active:
        return 0
    t = rt.catalogs.translator(item.language)
    render = RENDERERS.get(item.kind)
    sent = 0
    try:
        messages = await render(rt, item, t) if render else []
        for text, keyboard in messages:
            await bot.send_message(item.telegram_id, text, reply_markup=keyboard)
            sent += 1
    except Forbidden:
        async with rt.db.transaction() as tx:
            await tx.people.set_active(item.person_id, False)
        log.info("outbox: a recipient blocked the bot; marked unreachable")
        return 0
    except RetryAfter as exc:
        if sent:  # part of it went out: retrying would send that part twice
            return sent
        await _release(rt, item)
        log.warning("outbox: flood control, pausing %s", exc.retry_after)
        await asyncio.sleep(_seconds(exc.retry_after))
        return 0
    except TelegramError as exc:
        if sent:
            log.warning("outbox: %s after part of a %s message", type(exc).__name__, item.kind)
            return sent
        await _release(rt, item)
        log.warning("outbox: %s sending a %s message", type(exc).__name__, item.kind)
        return 0
    return len(messages)


async def _release(rt: Runtime, item: OutboxItem) -> None:
    """The send failed before Telegram took it: put the message back, counting the attempt."""
    async with rt.db.transaction() as tx:
        await tx.outbox.release(item.id)


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
