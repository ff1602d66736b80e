"""The sandbox's state: the bot, people, chats, messages and the queue of updates."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sandbox.messages import BotMessage

if TYPE_CHECKING:
    from sandbox.participants import VirtualGroup, VirtualParticipant


class ApiError(Exception):
    """An error answer, as Telegram gives it."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class Chat:
    id: int
    type: str  # "private" or "group"
    title: str
    participant: VirtualParticipant | None = None
    group: VirtualGroup | None = None

    def as_dict(self) -> dict[str, Any]:
        if self.type == "private":
            assert self.participant is not None
            return {"id": self.id, "type": "private", "first_name": self.participant.first_name}
        return {"id": self.id, "type": self.type, "title": self.title}


@dataclass
class World:
    token: str
    bot_user: dict[str, Any]
    chats: dict[int, Chat] = field(default_factory=dict)
    messages: dict[tuple[int, int], BotMessage] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    callback_queries: dict[str, int] = field(default_factory=dict)  # id -> user id
    answered: set[str] = field(default_factory=set)
    transcript: list[str] = field(default_factory=list)
    on_event: Callable[[str], None] | None = None
    files: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.allowed_updates: list[str] | None = None
        self.releases = 0  # bumped to end every waiting long poll at once
        self.arrived = asyncio.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._user_ids = itertools.count(10_001)
        self._group_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)

    # -- identifiers ---------------------------------------------------------------------
    def new_user_id(self) -> int:
        return next(self._user_ids)

    def new_group_id(self) -> int:
        return -1_000_000_000_000 - next(self._group_ids)

    def new_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def new_query_id(self) -> str:
        return f"q{next(self._query_ids)}"

    def new_file_id(self, data: bytes = b"") -> str:
        file_id = f"file-{next(self._file_ids)}"
        self.files[file_id] = data
        return file_id

    # -- updates -------------------------------------------------------------------------
    async def push(self, kind: str, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        async with self.arrived:
            self.updates.append({"update_id": update_id, kind: payload})
            self.arrived.notify_all()
        return update_id

    def push_nowait(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update from synchronous code; waiting pollers are woken soon after."""
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, kind: payload})

        async def wake() -> None:
            async with self.arrived:
                self.arrived.notify_all()

        asyncio.get_running_loop().create_task(wake())
        return update_id

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset`` (Telegram's confirmation by offset)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        elif offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def deliverable(self, limit: int) -> list[dict[str, Any]]:
        allowed = self.allowed_updates
        out = [
            u
            for u in self.updates
            if not allowed or any(key in allowed for key in u if key != "update_id")
        ]
        return out[:limit]

    # -- transcript ----------------------------------------------------------------------
    def note(self, line: str) -> None:
        self.transcript.append(line)
        if self.on_event is not None:
            self.on_event(line)

    @staticmethod
    def now() -> int:
        return int(time.time())
