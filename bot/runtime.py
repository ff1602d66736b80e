"""The runtime of the Telegram edge: the use cases' ``Runtime`` and what only the edge needs
(the catalogs to render in each person's language, the bot's username for links, the lock that
keeps one outbox drain at a time), wired once by the application builder."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from bot.i18n import Catalogs
from services.runtime import Runtime as ServiceRuntime
from services.runtime import utc_now

__all__ = ["RUNTIME_KEY", "Runtime", "runtime", "utc_now"]

RUNTIME_KEY = "palabre.runtime"


@dataclass(kw_only=True)
class Runtime(ServiceRuntime):
    catalogs: Catalogs
    bot_username: str = ""
    #: Held while an outbox drain sends, so that only one runs at a time (``bot.outbox``).
    outbox_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def runtime(context: Any) -> Runtime:
    """The Runtime of the application a handler or job runs in."""
    found: Runtime = context.application.bot_data[RUNTIME_KEY]
    return found
