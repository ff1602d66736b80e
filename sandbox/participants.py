"""Virtual participants: people who write to the bot, press its buttons and read its answers."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from sandbox.messages import BotMessage
from sandbox.methods import message_dict, render
from sandbox.world import Chat, World

_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")
_LINK = re.compile(r"^https://t\.me/(?P<bot>[A-Za-z0-9_]+)\?start=(?P<code>[A-Za-z0-9_-]{1,64})$")


class VirtualGroup:
    """A group chat the bot is a member of."""

    def __init__(
        self, world: World, chat_id: int, title: str, members: list[VirtualParticipant]
    ) -> None:
        self.world, self.id, self.title, self.members = world, chat_id, title, members
        self.inbox: list[BotMessage] = []
        world.chats[chat_id] = Chat(chat_id, "group", title, group=self)

    def receive(self, message: BotMessage) -> None:
        self.inbox.append(message)
        self.world.note(f"bot → group {self.title}:\n{render(message)}")


class VirtualParticipant:
    """One person with a Telegram account, talking to the bot in a private chat."""

    def __init__(
        self,
        world: World,
        user_id: int,
        first_name: str,
        language_code: str | None,
        last_name: str | None,
        username: str | None,
        bot_username: str,
    ) -> None:
        self.world, self.user_id, self.first_name = world, user_id, first_name
        self.language_code, self.last_name, self.username = language_code, last_name, username
        self.bot_username = bot_username
        self.started = False
        self.blocked = False
        self.inbox: list[BotMessage] = []
        self.unread: list[BotMessage] = []
        self.toasts: list[str] = []
        self.sent: list[BotMessage] = []
        self._arrived = asyncio.Event()
        world.chats[user_id] = Chat(user_id, "private", first_name, participant=self)

    # -- identity ------------------------------------------------------------------------
    @property
    def user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                user[key] = getattr(self, key)
        return user

    def _chat(self, chat: VirtualGroup | None) -> dict[str, Any]:
        return self.world.chats[chat.id if chat else self.user_id].as_dict()

    # -- receiving -----------------------------------------------------------------------
    def receive(self, message: BotMessage) -> None:
        self.inbox.append(message)
        self.unread.append(message)
        self._arrived.set()
        self.world.note(f"bot → {self.first_name}:\n{render(message)}")

    async def expect(self, contains: str | None = None, timeout: float = 5.0) -> BotMessage:
        """The next message from the bot not yet read here (checked for ``contains``)."""
        deadline = time.monotonic() + timeout
        while not self.unread:
            self._arrived.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = [m.plain_text[:80] for m in self.inbox[-3:]]
                raise AssertionError(
                    f"{self.first_name} got no new message in {timeout}s; last ones: {seen}"
                )
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except TimeoutError:
                continue
        message = self.unread.pop(0)
        if contains is not None and contains not in message.plain_text:
            raise AssertionError(
                f"{self.first_name} expected {contains!r} in: {message.plain_text!r}"
            )
        return message

    async def expect_many(self, count: int, timeout: float = 5.0) -> list[BotMessage]:
        deadline = time.monotonic() + timeout
        return [
            await self.expect(timeout=max(0.01, deadline - time.monotonic())) for _ in range(count)
        ]

    # -- sending -------------------------------------------------------------------------
    async def _message(
        self, content: dict[str, Any], chat: VirtualGroup | None, shown: str
    ) -> BotMessage:
        chat_id = chat.id if chat else self.user_id
        if chat is None:
            self.started = True
            if self.blocked:
                self.unblock()
        message_id = self.world.new_message_id(chat_id)
        record = BotMessage(
            message_id, chat_id, content.get("text", ""), self.world.now(), from_bot=False
        )
        self.world.messages[(chat_id, message_id)] = record
        self.sent.append(record)
        where = f" (in {chat.title})" if chat else ""
        self.world.note(f"{self.first_name}{where} → {shown}")
        payload = {
            "message_id": message_id,
            "date": record.date,
            "chat": self._chat(chat),
            "from": self.user,
            **content,
        }
        await self.world.push("message", payload)
        return record

    async def send(self, text: str, chat: VirtualGroup | None = None) -> BotMessage:
        content: dict[str, Any] = {"text": text}
        command = _COMMAND.match(text)
        if command:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command.group(0))}
            ]
        return await self._message(content, chat, text)

    async def open_link(self, link: str) -> BotMessage:
        """What Telegram does with a t.me deep link: the Start button sends /start CODE."""
        match = _LINK.match(link)
        if not match or match.group("bot") != self.bot_username:
            raise AssertionError(f"not a start link of this bot: {link}")
        return await self.send(f"/start {match.group('code')}")

    async def send_photo(self, chat: VirtualGroup | None = None) -> BotMessage:
        file_id = self.world.new_file_id(b"\x89PNG fake")
        sizes = [
            {
                "file_id": file_id,
                "file_unique_id": "u" + file_id,
                "width": 90,
                "height": 90,
                "file_size": 9,
            }
        ]
        return await self._message({"photo": sizes}, chat, "[photo]")

    async def send_voice(self, chat: VirtualGroup | None = None) -> BotMessage:
        file_id = self.world.new_file_id(b"OggS fake")
        voice = {
            "file_id": file_id,
            "file_unique_id": "u" + file_id,
            "duration": 3,
            "mime_type": "audio/ogg",
        }
        return await self._message({"voice": voice}, chat, "[voice note]")

    async def send_sticker(self, chat: VirtualGroup | None = None) -> BotMessage:
        file_id = self.world.new_file_id(b"webp")
        sticker = {
            "file_id": file_id,
            "file_unique_id": "u" + file_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return await self._message({"sticker": sticker}, chat, "[sticker]")

    async def send_location(
        self, latitude: float, longitude: float, chat: VirtualGroup | None = None
    ) -> BotMessage:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._message({"location": location}, chat, "[location]")

    async def send_document(
        self, data: bytes, filename: str, chat: VirtualGroup | None = None
    ) -> BotMessage:
        file_id = self.world.new_file_id(data)
        document = {
            "file_id": file_id,
            "file_unique_id": "u" + file_id,
            "file_name": filename,
            "file_size": len(data),
        }
        return await self._message({"document": document}, chat, f"[file {filename}]")

    async def edit(self, message: BotMessage, text: str) -> None:
        message.edits.append(message.text)
        message.text = text
        self.world.note(f"{self.first_name} edited a message → {text}")
        await self.world.push(
            "edited_message",
            {
                "message_id": message.message_id,
                "date": message.date,
                "edit_date": self.world.now(),
                "chat": self.world.chats[message.chat_id].as_dict(),
                "from": self.user,
                "text": text,
            },
        )

    async def press(self, message: BotMessage, label: str) -> str:
        text, data = message.find_button(label)
        self.world.note(f"{self.first_name} pressed [{text}]")
        return await self._query(message, data)

    async def press_data(self, message: BotMessage, data: str) -> str:
        """Send any callback data, as a modified client could."""
        self.world.note(f"{self.first_name} sent forged button data")
        return await self._query(message, data)

    async def _query(self, message: BotMessage, data: str) -> str:
        query_id = self.world.new_query_id()
        self.world.callback_queries[query_id] = self.user_id
        await self.world.push(
            "callback_query",
            {
                "id": query_id,
                "from": self.user,
                "chat_instance": str(self.user_id),
                "data": data,
                "message": message_dict(self.world, message),
            },
        )
        return query_id

    # -- blocking ------------------------------------------------------------------------
    def block(self) -> None:
        self.blocked = True
        self.world.note(f"{self.first_name} blocked the bot")
        self._membership_change("member", "kicked")

    def unblock(self) -> None:
        self.blocked = False
        self.world.note(f"{self.first_name} unblocked the bot")
        self._membership_change("kicked", "member")

    def _membership_change(self, old: str, new: str) -> None:
        def member(status: str) -> dict[str, Any]:
            body: dict[str, Any] = {"status": status, "user": self.world.bot_user}
            if status == "kicked":
                body["until_date"] = 0
            return body

        update = {
            "chat": self.world.chats[self.user_id].as_dict(),
            "from": self.user,
            "date": self.world.now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        self.world.push_nowait("my_chat_member", update)
