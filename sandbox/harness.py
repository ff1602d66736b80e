"""``BotApiSandbox``: the object tests, the demo and benchmarks hold.

It starts the HTTP server on 127.0.0.1 (a free port unless one is given), creates virtual
participants and groups, switches flood control and error injection, and knows when a watched
bot has handled everything people sent (``watch``, ``settle``) or when something awaited has
happened (``until``). Everything runs in the caller's event loop, so a test can drive the real
PTB Application and the sandbox side by side without threads.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable
from typing import Any

from aiohttp import web

from sandbox.handled import HandledUpdates
from sandbox.limits import Limits, Stats
from sandbox.messages import BotMessage
from sandbox.participants import VirtualGroup, VirtualParticipant
from sandbox.server import Activity, ApiServer
from sandbox.transcript import Listener, Transcript
from sandbox.world import CallbackQuery, World


class _EventHook:
    """``sb.on_event``: call it with a listener (``sb.on_event(print)``) or assign to it."""

    def __init__(self, transcript: Transcript) -> None:
        self._transcript = transcript

    def __call__(self, listener: Listener | None) -> None:
        self._transcript.listener = listener


class BotApiSandbox:
    """A local Bot API server and the scripted people who talk to the bot through it."""

    def __init__(
        self,
        token: str = "123456:TEST-token",
        bot_username: str = "palabre_bot",
        bot_name: str = "Palabre",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        bot_id, _, secret = token.partition(":")
        if not bot_id.isdigit() or not secret:
            raise ValueError("a bot token looks like 123456:secret")
        self.token, self.bot_username, self.bot_name = token, bot_username, bot_name
        self.host, self.port = host, port
        self.world = World(
            token,
            {
                "id": int(bot_id),
                "is_bot": True,
                "first_name": bot_name,
                "username": bot_username,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            },
        )
        self.limits = Limits()
        self._activity = Activity()
        self.handled = HandledUpdates()
        self._runner: web.AppRunner | None = None

    # -- life cycle ------------------------------------------------------------------------
    async def start(self) -> BotApiSandbox:
        """Listen on ``host:port`` (port 0: any free port, then ``self.port`` tells which).

        Handlers are cancelled when their client disconnects, so the long poll of a bot that
        was killed or stopped does not linger and later answer 409 to its successor.
        """
        app = ApiServer(self.world, self.limits, self._activity).application()
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        for address in runner.addresses:
            self.port = address[1]
            break
        return self

    async def stop(self) -> None:
        """End every waiting long poll, then close the server."""
        if self._runner is not None:
            self.world.updates.close()
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> BotApiSandbox:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_root(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What to give PTB as ``base_url``."""
        return self.api_root + "/bot"

    @property
    def base_file_url(self) -> str:
        """What to give PTB as ``base_file_url``."""
        return self.api_root + "/file/bot"

    # -- people ----------------------------------------------------------------------------
    def participant(
        self,
        first_name: str,
        language_code: str | None = "en",
        last_name: str | None = None,
        username: str | None = None,
    ) -> VirtualParticipant:
        """A new person with a unique user id, who has not written to the bot yet."""
        return VirtualParticipant(
            self.world,
            self.world.new_user_id(),
            first_name,
            language_code,
            last_name,
            username,
            self.bot_username,
        )

    def group(self, title: str, members: Iterable[VirtualParticipant]) -> VirtualGroup:
        """A group chat the first member adds the bot to (Telegram sends my_chat_member)."""
        return VirtualGroup(self.world, self.world.new_group_id(), title, list(members))

    # -- faults ----------------------------------------------------------------------------
    def flood_control(
        self,
        enabled: bool = True,
        per_chat_per_second: float = 1.0,
        per_chat_burst: float = 3,
        overall_per_second: float = 30.0,
        overall_burst: float = 30,
        retry_after: int = 1,
        per_group_per_minute: float | None = None,
    ) -> None:
        """Answer 429 past Telegram-like rates; see ``Limits.flood_control``."""
        self.limits.flood_control(
            enabled,
            per_chat_per_second,
            per_chat_burst,
            overall_per_second,
            overall_burst,
            retry_after,
            per_group_per_minute,
        )

    def inject_errors(
        self,
        count: int,
        status: int = 502,
        methods: Iterable[str] | str | None = None,
        *,
        applied: bool = False,
    ) -> None:
        """Make the next ``count`` calls of ``methods`` (any method if None) fail; with
        ``applied``, after taking effect (see ``Limits.inject_errors``; status ``DROPPED``
        closes the connection unanswered)."""
        self.limits.inject_errors(count, status, methods, applied=applied)

    # -- observation -----------------------------------------------------------------------
    @property
    def stats(self) -> Stats:
        return self.limits.stats

    @property
    def calls_in_flight(self) -> int:
        """The bot's API calls being answered now (long polls not counted)."""
        return self._activity.in_flight

    @property
    def transcript(self) -> list[str]:
        return self.world.transcript.lines

    @property
    def on_event(self) -> _EventHook:
        return _EventHook(self.world.transcript)

    @on_event.setter
    def on_event(self, listener: Listener | None) -> None:
        self.world.transcript.listener = listener

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, str]]]:
        """Command menus set by the bot, by (scope JSON with sorted keys, language code)."""
        return self.world.commands

    def commands_for(self, scope: dict[str, Any] | None = None, language: str = "") -> list[str]:
        """Command names of one menu, e.g. ``commands_for({"type": "all_private_chats"}, "fr")``."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True, separators=(",", ":"))
        return [c["command"] for c in self.world.commands.get((key, language), [])]

    @property
    def deleted(self) -> list[BotMessage]:
        """Messages the bot deleted, in order."""
        return self.world.deletions

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot."""
        return self.world.updates.pending

    def unanswered_queries(self) -> list[CallbackQuery]:
        """Button presses the bot never answered (the person still sees a spinner)."""
        return [q for q in self.world.queries.values() if q.answer is None]

    # -- synchronisation -------------------------------------------------------------------
    async def release_pollers(self) -> None:
        """Answer every waiting long poll now (empty), e.g. to let a stopping bot exit fast."""
        self.world.updates.release()
        await asyncio.sleep(0)

    def watch(self, application: Any) -> None:
        """Follow a python-telegram-bot ``Application`` running in this event loop, so that
        ``settle`` knows when it has handled each update (see ``sandbox.handled``). Watch
        each application that polls this sandbox, a restarted one included."""
        self.handled.attach(application)

    async def settle(self, timeout: float = 10.0) -> None:
        """Wait until the watched bot has handled every update sent so far and no call it
        made is still being answered: the outcome of what people did, not a quiet moment.

        Messages the bot sends later on its own (a scheduled job, an outbox) are outcomes of
        their own: wait for them where they are expected.
        """
        if not self.handled.attached:
            raise RuntimeError("settle() follows a watched bot: call sandbox.watch(app) first")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            last = self.world.updates.last_id
            if self.handled.finished(last) and self._activity.in_flight == 0:
                return
            if loop.time() >= deadline:
                kinds = [next(k for k in u if k != "update_id") for u in self.world.updates.pending]
                raise AssertionError(
                    f"the bot did not settle within {timeout}s: updates not yet handled "
                    f"{self.handled.missing(last)[:10]} (unconfirmed: {kinds}), "
                    f"{self._activity.in_flight} calls in flight; last lines: "
                    f"{self.transcript[-3:]}"
                )
            await asyncio.sleep(0.005)

    async def until(
        self, check: Callable[[], bool], what: str = "the condition", timeout: float = 10.0
    ) -> None:
        """Wait until ``check()`` holds (an edit arrived, a row exists...), looking again
        every few milliseconds; fail after ``timeout`` seconds saying ``what`` was awaited."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not check():
            if loop.time() >= deadline:
                raise AssertionError(
                    f"{what} did not happen within {timeout}s; last lines: {self.transcript[-3:]}"
                )
            await asyncio.sleep(0.005)
