"""The services every handler and job needs, wired once by the application builder."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from bot.config import Settings
from bot.i18n import Catalogs
from storage import Database

RUNTIME_KEY = "palabre.runtime"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    catalogs: Catalogs
    clock: Callable[[], datetime] = utc_now
    random_bytes: Callable[[int], bytes] = os.urandom
    bot_username: str = ""
    secret: bytes = b""
    extras: dict[str, Any] = field(default_factory=dict)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today in PALABRE_TIMEZONE: the day anonymous records and due dates are kept to."""
        return self.now().astimezone(self.settings.zone).date()

    def is_staff(self, telegram_id: int) -> bool:
        return telegram_id in self.settings.admins


def runtime(context: Any) -> Runtime:
    """The Runtime of the application a handler or job runs in."""
    return context.application.bot_data[RUNTIME_KEY]
