"""The error handler: log the kind of failure with an incident id, tell the person kindly.

It never logs the update, the person or what they wrote: only the exception type, where it
happened and a random incident id that the person can quote to their facilitator.
"""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.handlers.common import Context
from bot.logs import redact
from bot.runtime import runtime
from services.enrolment import language_of, set_reachable

log = logging.getLogger("palabre.errors")


async def on_error(update: object, context: Context) -> None:
    error = context.error
    incident = secrets.token_hex(3).upper()
    where = "job" if context.job is not None else ("update" if update is not None else "polling")
    if isinstance(error, TimedOut | RetryAfter) or (
        isinstance(error, NetworkError) and update is None
    ):
        # Transient network trouble: PTB retries polling itself.
        log.warning("transient %s in %s (incident %s)", type(error).__name__, where, incident)
        return
    if isinstance(update, Update) and isinstance(error, Forbidden) and update.effective_user:
        await set_reachable(runtime(context), update.effective_user.id, False)
        log.info("a person blocked the bot; marked unreachable (incident %s)", incident)
        return
    log.error(
        "%s in %s (incident %s): %s",
        type(error).__name__,
        where,
        incident,
        redact(_origin(error)),
    )
    if (
        isinstance(update, Update)
        and update.effective_chat
        and update.effective_chat.type == "private"
    ):
        rt = runtime(context)
        language = None
        if update.effective_user is not None:
            chosen = await language_of(rt, update.effective_user.id)
            language = chosen or update.effective_user.language_code
        t = rt.catalogs.translator(language)
        try:
            await update.effective_chat.send_message(
                t._(
                    "Sorry, something went wrong on our side (incident {incident}). Please try "
                    "again in a moment; if it happens again, give this code to your facilitator.",
                    incident=incident,
                )
            )
        except Exception:  # noqa: BLE001 - the error path must never raise
            log.warning("could not tell the person about incident %s", incident)


def _origin(error: BaseException | None) -> str:
    """Where the error was raised (file:line), not its message, which may hold people's words."""
    tb = error.__traceback__ if error else None
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return "?"
    return f"{last.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{last.tb_lineno}"
