"""The HTTP face of the sandbox: aiohttp routes that parse requests the way Telegram does."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp import web

from sandbox.limits import Limits, Stats
from sandbox.methods import METHODS, Files, Params
from sandbox.participants import VirtualGroup, VirtualParticipant
from sandbox.world import ApiError, World


class BotApiSandbox:
    """A Bot API server on 127.0.0.1 and the people who talk to the bot through it."""

    def __init__(
        self,
        token: str = "123456:TEST-token",
        bot_username: str = "palabre_bot",
        bot_name: str = "Palabre",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token, self.bot_username = token, bot_username
        self.host, self.port = host, port
        bot_id = int(token.split(":", 1)[0])
        self.world = World(
            token=token,
            bot_user={
                "id": bot_id,
                "is_bot": True,
                "first_name": bot_name,
                "username": bot_username,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            },
        )
        self.limits = Limits()
        self._runner: web.AppRunner | None = None
        self._in_flight = 0
        self._last_activity = time.monotonic()

    # -- life cycle ----------------------------------------------------------------------
    async def start(self) -> BotApiSandbox:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_route("*", "/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server  # noqa: SLF001 - the only way to learn the port picked for 0
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            async with self.world.arrived:
                self.world.arrived.notify_all()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiSandbox:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def api_root(self) -> str:
        return f"http://{self.host}:{self.port}"

    # -- what tests use ------------------------------------------------------------------
    def participant(
        self,
        first_name: str,
        language_code: str | None = "en",
        last_name: str | None = None,
        username: str | None = None,
    ) -> VirtualParticipant:
        return VirtualParticipant(
            self.world,
            self.world.new_user_id(),
            first_name,
            language_code,
            last_name,
            username,
            self.bot_username,
        )

    def group(self, title: str, members: list[VirtualParticipant]) -> VirtualGroup:
        return VirtualGroup(self.world, self.world.new_group_id(), title, members)

    def flood_control(self, **kwargs: Any) -> None:
        self.limits.flood_control(**kwargs)

    def inject_errors(self, count: int, status: int = 502, methods: set[str] | None = None) -> None:
        self.limits.inject_errors(count, status, methods)

    @property
    def stats(self) -> Stats:
        return self.limits.stats

    @property
    def transcript(self) -> list[str]:
        return self.world.transcript

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, str]]]:
        return self.world.commands

    def on_event(self, callback: Any) -> None:
        self.world.on_event = callback

    async def release_pollers(self) -> None:
        """Answer every waiting long poll now (empty), as if its timeout had run out.

        Lets a bot that is shutting down finish its last poll without waiting for it.
        """
        async with self.world.arrived:
            self.world.releases += 1
            self.world.arrived.notify_all()

    async def settle(self, idle: float = 0.15, timeout: float = 10.0) -> None:
        """Wait until the bot fetched and confirmed every update and has been quiet a while."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            quiet = time.monotonic() - self._last_activity
            if not self.world.updates and self._in_flight == 0 and quiet >= idle:
                return
            await asyncio.sleep(min(idle / 3, 0.05))
        pending = len(self.world.updates)
        raise AssertionError(
            f"the bot did not settle within {timeout}s "
            f"({pending} updates pending, {self._in_flight} calls in flight)"
        )

    # -- HTTP ----------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> tuple[Params, Files]:
        params: Params = dict(request.query)
        files: Files = {}
        ctype = request.content_type
        if ctype == "application/json":
            body = await request.read()
            if body:
                params.update(json.loads(body))
        elif ctype in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = (value.filename, value.file.read())
                else:
                    params[key] = value
        return params, files

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        handler = METHODS.get(method)
        if handler is None:
            return web.json_response(
                ApiError(404, "Not Found: method not found").body(), status=404
            )
        self.stats.requests[method] += 1
        counted = method != "getUpdates"
        if counted:
            self._in_flight += 1
        try:
            status = self.limits.injected(method)
            if status is not None:
                return web.json_response(
                    {"ok": False, "error_code": status, "description": "Bad Gateway"}, status=status
                )
            params, files = await self._params(request)
            chat_id = params.get("chat_id")
            chat = (
                int(chat_id)
                if isinstance(chat_id, str | int) and str(chat_id).lstrip("-").isdigit()
                else None
            )
            if self.limits.flooded(method, chat):
                retry = self.limits.retry_after
                return web.json_response(
                    ApiError(429, f"Too Many Requests: retry after {retry}", retry).body(),
                    status=429,
                )
            result = await handler(self.world, params, files)
            if method == "getUpdates" and result:
                self._last_activity = time.monotonic()
            if chat is not None and method in {"sendMessage", "sendDocument", "sendPhoto"}:
                self.limits.sent(chat)
            return web.json_response({"ok": True, "result": result})
        except ApiError as exc:
            return web.json_response(exc.body(), status=exc.code)
        finally:
            if counted:
                self._in_flight -= 1
                self._last_activity = time.monotonic()

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        data = self.world.files.get(request.match_info["path"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data)
