"""Building the PTB Application: the composition root of Palabre.

The database opens in ``post_init`` and closes in ``post_shutdown``; everything handlers need
hangs off one ``Runtime`` in ``bot_data``. Updates are processed one at a time (PTB's default),
which keeps each person's steps in order.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot import (  # noqa: F401 - register the outbox renderers
    grievance_outbox,
    round_outbox,
    survey_outbox,
)
from bot.config import Settings
from bot.handlers import register_handlers
from bot.i18n import Catalogs
from bot.menus import set_default_menus
from bot.request import RetryingRequest
from bot.runtime import RUNTIME_KEY, Runtime, utc_now
from bot.scheduler import arm_schedules, start_jobs
from services.keys import load_or_create
from storage import Database

POLL_TIMEOUT = 10


def build_application(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    random_bytes: Callable[[int], bytes] = os.urandom,
    request: BaseRequest | None = None,
) -> Application:
    """The application for ``settings``. ``request`` replaces the HTTP layer (benchmarks)."""
    runtime = Runtime(
        settings=settings,
        db=Database(settings.db_path),
        catalogs=Catalogs(settings.languages),
        clock=clock,
        random_bytes=random_bytes,
    )

    async def post_init(app: Application) -> None:
        runtime.secret = load_or_create(settings.secret_path)
        await runtime.db.open()
        runtime.bot_username = app.bot.username
        await set_default_menus(app.bot, runtime.catalogs)
        start_jobs(app)
        await arm_schedules(app)

    async def post_shutdown(app: Application) -> None:
        await runtime.db.close()

    app = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .request(request or RetryingRequest(connection_pool_size=64))
        .get_updates_request(RetryingRequest(read_timeout=POLL_TIMEOUT + 5))
        .rate_limiter(AIORateLimiter(overall_max_rate=30, overall_time_period=1, max_retries=3))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                tzinfo=settings.zone,
            )
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    app.bot_data[RUNTIME_KEY] = runtime
    register_handlers(app)
    return app


def run(app: Application) -> None:
    """Long polling until SIGINT/SIGTERM. Pending updates are kept: nobody's message is dropped."""
    app.run_polling(
        poll_interval=0.0,
        timeout=POLL_TIMEOUT,
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=False,
        bootstrap_retries=-1,
    )


@asynccontextmanager
async def running(app: Application, poll_timeout: float = 1.0) -> AsyncIterator[Application]:
    """Run the application inside an existing event loop (tests, the demo).

    Does what ``run_polling`` does around polling, including the post-init and post-shutdown
    hooks that open and close the database.
    """
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    try:
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=int(poll_timeout),
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


def runtime_of(app: Application) -> Runtime:
    value: Any = app.bot_data[RUNTIME_KEY]
    return value
