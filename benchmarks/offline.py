"""A request layer that answers the Bot API without any network, for measuring the bot alone."""

from __future__ import annotations

import itertools
import json
import time

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 999,
    "is_bot": True,
    "first_name": "Palabre",
    "username": "palabre_bench_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


class OfflineRequest(BaseRequest):
    """Answers every call as Telegram would, instantly; counts calls per method."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self._ids = itertools.count(1)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: object
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[1]
        self.calls[endpoint] = self.calls.get(endpoint, 0) + 1
        params = request_data.parameters if request_data else {}
        result: object = True
        if endpoint == "getMe":
            result = BOT_USER
        elif endpoint in {"sendMessage", "editMessageText"}:
            chat_id = int(params.get("chat_id", 1))
            result = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "X"},
                "from": BOT_USER,
                "text": str(params.get("text", "")),
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()
