"""The HTTP face: aiohttp routes that read requests the way Telegram does and dispatch them.

Routes are ``{root}/bot{token}/{method}`` for the API and ``{root}/file/bot{token}/{path}`` for
downloads, so PTB works unmodified with ``base_url=root+"/bot"`` and
``base_file_url=root+"/file/bot"``. Parameters may come in the query string, a urlencoded form,
a multipart form (with file parts) or a JSON body, as Telegram accepts all four.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Any

from aiohttp import BodyPartReader, web

from sandbox.errors import ApiError, bad_request
from sandbox.limits import DROPPED, Limits
from sandbox.media import MAX_UPLOAD_BYTES
from sandbox.methods import is_bot_api_method, lookup
from sandbox.params import Params, Upload
from sandbox.world import World

_dumps = partial(json.dumps, ensure_ascii=False)


@dataclass
class Activity:
    """How many of the bot's calls are being answered now (long polls not counted).

    ``settle()`` waits for none to be in flight once the bot has handled every update.
    """

    in_flight: int = 0


async def read_params(request: web.Request) -> Params:
    """Query string and body, whatever its encoding, as one set of parameters."""
    values: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    ctype = request.content_type
    if ctype == "application/json":
        raw = await request.read()
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                raise bad_request("can't parse JSON body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON body must be an object")
            values.update(body)
    elif ctype == "application/x-www-form-urlencoded":
        values.update((await request.post()).items())
    elif ctype == "multipart/form-data":
        # Read parts ourselves: request.post() would spool files to temporary files.
        async for part in await request.multipart():
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                data = bytes(await part.read(decode=True))
                if len(data) > MAX_UPLOAD_BYTES:
                    raise ApiError(413, "Request Entity Too Large")
                files[part.name] = (part.filename, data)
            else:
                values[part.name] = await part.text()
    return Params(values, files)


def _reply(result: Any = None, error: ApiError | None = None) -> web.Response:
    if error is not None:
        return web.json_response(error.body(), status=error.code, dumps=_dumps)
    return web.json_response({"ok": True, "result": result}, dumps=_dumps)


def _chat_of(params: Params) -> int | None:
    """The chat a call is about, for flood control and the transcript (never raises)."""
    try:
        return params.chat_id() if "chat_id" in params else None
    except ApiError:
        return None


class ApiServer:
    """Request handlers bound to one world, its limits and its activity record."""

    def __init__(self, world: World, limits: Limits, activity: Activity) -> None:
        self.world, self.limits, self.activity = world, limits, activity

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self.api)
        app.router.add_route("*", "/file/bot{token}/{path:.+}", self.file)
        return app

    async def api(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        if request.match_info["token"] != self.world.token:
            return _reply(error=ApiError(401, "Unauthorized"))
        method = lookup(name)
        if method is None:
            if is_bot_api_method(name):
                return _reply(error=bad_request(f"the sandbox does not simulate {name}"))
            return _reply(error=ApiError(404, "Not Found: method not found"))
        stats = self.limits.stats
        stats.requests[method.name] += 1
        polling = method.waits
        if not polling:
            self.activity.in_flight += 1
        chat_id: int | None = None
        try:
            params = await read_params(request)
            chat_id = _chat_of(params)
            injected = self.limits.injected(method.name)
            if injected is not None:
                raise injected
            if polling:
                result = await method.run(self.world, params)
            else:
                self.limits.check(method.name, chat_id)
                result = method.run(self.world, params)
                self.limits.record(method.name, chat_id)
                after = self.limits.injected(method.name, applied=True)
                if after is not None:
                    raise after
            stats.responses[200] += 1
            return _reply(result)
        except ApiError as error:
            stats.responses[error.code] += 1
            if error.code == DROPPED:
                assert request.transport is not None
                request.transport.abort()  # no answer at all: the client sees the line go
                return web.Response(status=500)
            if not polling:
                where = self.world.chat_name(chat_id) if chat_id is not None else None
                self.world.transcript.refused(method.name, where, error.code, error.description)
            return _reply(error=error)
        finally:
            if not polling:
                self.activity.in_flight -= 1

    async def file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.world.token:
            return _reply(error=ApiError(401, "Unauthorized"))
        stored = self.world.files_by_path.get(request.match_info["path"])
        if stored is None:
            return _reply(error=ApiError(404, "Not Found"))
        content_type = stored.mime_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=content_type)
