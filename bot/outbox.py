"""Sending what the outbox holds: rendered for each recipient at send time, then marked sent.

Runs as a JobQueue job, one drain at a time. A person who blocked the bot is marked unreachable
and skipped; a failure that sent nothing leaves the message for the next drain (up to five
attempts), and one that may have been delivered does what its kind says (see ``_send_one``);
Telegram's pacing is kept by PTB's rate limiter (30 messages a second overall).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.i18n import Translator
from bot.request import deciding_sends
from bot.runtime import Runtime
from flows.notices import IfUnsure, Notice, OutboxItem
from services import delivery

log = logging.getLogger(__name__)
BATCH = 25
#: Failures of the connection itself: the request never reached Telegram.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

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
    """Send one item, part by part; returns how many messages went out.

    Each part is claimed before it is sent (the last claim marks the item sent): a crash loses
    at most the part in flight, never sends a part twice, and a restart resumes at the next
    part. A failure that surely sent nothing (flood control, no connection) puts the item back
    at the part that failed. One that may have been delivered (a timeout, a 5xx, a dropped
    connection) does what the notice's kind says (``Notice.if_unsure``): resend from that part,
    or count it as delivered and say so in the log.
    """
    if not item.active:
        await delivery.claim(rt, item)
        return 0
    t = rt.catalogs.translator(item.language)
    render = RENDERERS.get(type(item.notice))
    messages = await render(rt, item.notice, t) if render else []
    kind = item.notice.kind
    if item.parts_sent >= len(messages):
        await delivery.claim(rt, item)
        return 0
    sent = 0
    for index in range(item.parts_sent, len(messages)):
        text, keyboard = messages[index]
        await delivery.claim_part(rt, item, index, last=index == len(messages) - 1)
        try:
            with deciding_sends():
                await bot.send_message(item.telegram_id, text, reply_markup=keyboard)
            sent += 1
        except Forbidden:
            await delivery.unreachable(rt, item)
            await delivery.claim(rt, item)
            log.info("outbox: a recipient blocked the bot; marked unreachable")
            return sent
        except RetryAfter as exc:
            await delivery.release(rt, item, index)
            log.warning("outbox: flood control, pausing %s", exc.retry_after)
            await asyncio.sleep(_seconds(exc.retry_after))
            return sent
        except BadRequest as exc:  # sending it again would be refused again
            log.error("outbox: Telegram refused a %s message (%s)", kind, type(exc).__name__)
        except TelegramError as exc:
            if not maybe_delivered(exc) or item.notice.if_unsure is IfUnsure.RESEND:
                await delivery.release(rt, item, index)
                log.warning(
                    "outbox: %s sending a %s message; it will be sent again", _why(exc), kind
                )
                return sent
            log.warning(
                "outbox: %s sending a %s message, which may have arrived; not sent again",
                _why(exc),
                kind,
            )
    return sent


def maybe_delivered(exc: TelegramError) -> bool:
    """Whether Telegram may have taken the request that failed with ``exc``: a timeout while
    reading, a 5xx, a dropped connection. Not when the connection was never made."""
    if isinstance(exc, RetryAfter | BadRequest | Forbidden):
        return False
    if isinstance(exc, NetworkError):  # TimedOut included
        return not isinstance(exc.__cause__, NOT_SENT)
    return False


def _why(exc: TelegramError) -> str:
    cause = exc.__cause__
    return type(exc).__name__ + (f" ({type(cause).__name__})" if cause is not None else "")


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
