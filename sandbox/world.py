"""The sandbox's state: the bot, people, chats, their messages, files, queries and updates.

Everything the HTTP methods and the virtual participants share lives here, in one event loop,
so no locking is needed: a method runs to completion between two awaits.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from sandbox.media import StoredFile, folder_for, guess_mime
from sandbox.messages import BotMessage
from sandbox.transcript import Transcript
from sandbox.updates import UpdateQueue


class Recipient(Protocol):
    """Whoever reads a chat: a virtual participant (private chat) or a virtual group."""

    def receive(self, message: BotMessage) -> None: ...


@dataclass
class Chat:
    """A chat the bot is in: a private chat with one person, or a group."""

    id: int
    type: str  # "private" or "group"
    name: str  # the person's first name, or the group's title
    recipient: Recipient
    user: dict[str, Any] | None = None  # the person, for a private chat
    members: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The Bot API Chat object."""
        if self.type == "private" and self.user is not None:
            chat = {"id": self.id, "type": "private", "first_name": self.user["first_name"]}
            for key in ("last_name", "username"):
                if key in self.user:
                    chat[key] = self.user[key]
            return chat
        return {"id": self.id, "type": self.type, "title": self.name}


@dataclass
class CallbackAnswer:
    """What the bot answered to a button press."""

    text: str | None
    show_alert: bool
    url: str | None = None


@dataclass
class CallbackQuery:
    """A button press the bot has (or has not yet) answered."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answer: CallbackAnswer | None = None


class World:
    """All state of one sandbox."""

    def __init__(self, token: str, bot_user: dict[str, Any]) -> None:
        self.token = token
        self.bot_user = bot_user
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], BotMessage] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.queries: dict[str, CallbackQuery] = {}
        self.answers: dict[int, list[CallbackAnswer]] = {}  # user id -> answers to their presses
        self.deletions: list[BotMessage] = []  # messages the bot deleted, in order
        self.started: set[int] = set()  # people who ever wrote to the bot in private
        self.blocked: set[int] = set()  # people who blocked the bot
        #: Command menus by (scope as canonical JSON, language code or "").
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}  # (kind, language) -> text
        self.transcript = Transcript()
        self.updates = UpdateQueue()
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._user_ids = itertools.count(700_000_001)
        self._group_ids = itertools.count(4_000_000_001)
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)

    # -- identifiers ---------------------------------------------------------------------
    def new_user_id(self) -> int:
        return next(self._user_ids)

    def new_group_id(self) -> int:
        return -next(self._group_ids)  # basic groups have negative ids

    def new_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def new_query_id(self) -> str:
        return str(8_200_000_000_000_000_000 + next(self._query_ids))

    # -- files ---------------------------------------------------------------------------
    def store_file(
        self,
        kind: str,
        data: bytes,
        filename: str | None = None,
        *,
        mime_type: str | None = None,
        width: int = 0,
        height: int = 0,
    ) -> StoredFile:
        """Keep a file as Telegram would, with a file_id and a downloadable file_path."""
        number = next(self._file_ids)
        suffix = ""
        if filename and "." in filename:
            suffix = "." + filename.rsplit(".", 1)[1]
        elif kind == "photo":
            suffix = ".jpg"
        stored = StoredFile(
            file_id=f"SBX{kind[:3].upper()}{number:06d}AgAD",
            file_unique_id=f"SBXU{number:06d}",
            kind=kind,
            data=data,
            file_path=f"{folder_for(kind)}/file_{number}{suffix}",
            filename=filename,
            mime_type=mime_type or (guess_mime(filename) if kind == "document" else None),
            width=width,
            height=height,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    # -- chats and messages --------------------------------------------------------------
    def add_chat(self, chat: Chat) -> None:
        self.chats[chat.id] = chat

    def chat_name(self, chat_id: int) -> str:
        chat = self.chats.get(chat_id)
        return chat.name if chat else str(chat_id)

    def sender_name(self, message: BotMessage) -> str:
        if message.from_bot or message.sender_id is None:
            return "its own"
        return self.chat_name(message.sender_id)

    def deliver(self, message: BotMessage) -> None:
        """Store a message the bot sent and put it in front of its chat's reader."""
        self.messages[(message.chat_id, message.message_id)] = message
        chat = self.chats[message.chat_id]
        self.transcript.sent(chat.name, message)
        chat.recipient.receive(message)

    def record(self, message: BotMessage) -> None:
        """Store a message a participant sent (so the bot can reply to, edit or delete it)."""
        self.messages[(message.chat_id, message.message_id)] = message

    @staticmethod
    def now() -> int:
        return int(time.time())
