"""Virtual participants: scripted people who write to the bot, press buttons and read replies.

Each action produces the update Telegram would send (same fields, same entity marking, same
privacy-mode filtering in groups) and a transcript line. What the bot sends lands in the
reader's ``inbox`` and ``unread``; ``expect`` consumes ``unread`` in order, so a test reads
like a conversation and fails with what actually arrived.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from sandbox.formatting import command_entities
from sandbox.mailbox import Mailbox
from sandbox.media import tiny_png
from sandbox.messages import BotMessage
from sandbox.objects import membership_change, message_dict
from sandbox.world import CallbackQuery, Chat, World

_START_LINK = re.compile(
    r"^(?:https?://)?(?:t\.me|telegram\.me)/(?P<bot>[A-Za-z0-9_]+)(?:\?start=(?P<code>[^&#]*))?$"
)
_START_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class VirtualGroup(Mailbox):
    """A group chat with the bot and some participants; the bot runs in privacy mode."""

    def __init__(
        self, world: World, chat_id: int, title: str, members: list[VirtualParticipant]
    ) -> None:
        super().__init__(world)
        if not members:
            raise ValueError("a group needs at least one participant (who adds the bot)")
        self.id, self.title, self.name = chat_id, title, title
        self.members = list(members)
        chat = Chat(chat_id, "group", title, self, members=[m.user_id for m in members])
        world.add_chat(chat)
        adder = self.members[0].user
        names = ", ".join(m.first_name for m in self.members)
        world.transcript.note(f"{self.members[0].first_name} added the bot to {title} ({names})")
        world.updates.push(
            "my_chat_member", membership_change(world, chat, adder, "left", "member")
        )
        joined = {
            "message_id": world.new_message_id(chat_id),
            "from": adder,
            "date": world.now(),
            "chat": chat.as_dict(),
            "new_chat_members": [world.bot_user],
        }
        world.updates.push("message", joined)


class VirtualParticipant(Mailbox):
    """One person with a Telegram account, talking to the bot in private (or in groups)."""

    def __init__(
        self,
        world: World,
        user_id: int,
        first_name: str,
        language_code: str | None = "en",
        last_name: str | None = None,
        username: str | None = None,
        bot_username: str = "palabre_bot",
    ) -> None:
        super().__init__(world)
        self.user_id, self.first_name, self.name = user_id, first_name, first_name
        self.language_code, self.last_name, self.username = language_code, last_name, username
        self.bot_username = bot_username
        self.sent: list[BotMessage] = []
        self.user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        for key, value in (
            ("last_name", last_name),
            ("username", username),
            ("language_code", language_code),
        ):
            if value:
                self.user[key] = value
        world.add_chat(Chat(user_id, "private", first_name, self, user=self.user))

    # -- state -----------------------------------------------------------------------------
    @property
    def blocked(self) -> bool:
        return self.user_id in self.world.blocked

    @property
    def started(self) -> bool:
        return self.user_id in self.world.started

    @property
    def toasts(self) -> list[str]:
        """Texts the bot showed for this person's button presses (toasts and alerts)."""
        return [a.text for a in self.world.answers.get(self.user_id, []) if a.text]

    # -- writing ---------------------------------------------------------------------------
    def _chat_id(self, chat: VirtualGroup | None) -> int:
        if chat is None:
            return self.user_id
        if self not in chat.members:
            raise AssertionError(f"{self.first_name} is not a member of {chat.title}")
        return chat.id

    def _reaches_bot(self, message: BotMessage, text: str) -> bool:
        """Privacy mode: in groups the bot sees commands and replies to it, not chatter."""
        if message.chat_id > 0:
            return True
        target = self.world.messages.get((message.chat_id, message.reply_to or 0))
        if target is not None and target.from_bot:
            return True
        command = text.split(maxsplit=1)[0] if text.startswith("/") else ""
        mention = command.partition("@")[2]
        return bool(command) and (not mention or mention.lower() == self.bot_username.lower())

    async def _post(
        self,
        content: dict[str, Any],
        shown: str,
        chat: VirtualGroup | None,
        *,
        kind: str = "text",
        reply_to: BotMessage | None = None,
    ) -> BotMessage:
        chat_id = self._chat_id(chat)
        if chat is None:
            if self.blocked:
                self.unblock()  # Telegram's "Restart" button unblocks before sending
            self.world.started.add(self.user_id)
        text = content.get("text", content.get("caption", ""))
        record = BotMessage(
            self.world.new_message_id(chat_id),
            chat_id,
            text,
            self.world.now(),
            kind=kind,
            from_bot=False,
            sender_id=self.user_id,
            visible=text,
            entities=content.get("entities", []),
            reply_to=reply_to.message_id if reply_to is not None else None,
            attachment={k: v for k, v in content.items() if k not in ("text", "entities")},
        )
        self.world.record(record)
        self.sent.append(record)
        where = f" (in {chat.title})" if chat else ""
        self.world.transcript.note(f"{self.first_name}{where} → {shown}")
        if self._reaches_bot(record, text):
            self.world.updates.push("message", message_dict(self.world, record))
        await asyncio.sleep(0)
        return record

    async def send(
        self, text: str, chat: VirtualGroup | None = None, reply_to: BotMessage | None = None
    ) -> BotMessage:
        """Type and send a text; leading (and other) /commands are marked as Telegram does."""
        content: dict[str, Any] = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return await self._post(content, text, chat, reply_to=reply_to)

    async def open_link(self, link: str) -> BotMessage:
        """Open a t.me link to the bot: Telegram sends ``/start CODE`` (or plain ``/start``)."""
        match = _START_LINK.match(link)
        if not match or match.group("bot").lower() != self.bot_username.lower():
            raise AssertionError(f"{link!r} is not a link to @{self.bot_username}")
        code = match.group("code")
        if code and not _START_CODE.match(code):
            raise AssertionError(f"Telegram would drop the start parameter of {link!r}")
        return await self.send(f"/start {code}" if code else "/start")

    async def send_photo(
        self, chat: VirtualGroup | None = None, caption: str | None = None
    ) -> BotMessage:
        data = tiny_png()
        sizes = [
            self.world.store_file("photo", data, width=w, height=h)
            for w, h in ((90, 68), (320, 240))
        ]
        content: dict[str, Any] = {"photo": [s.as_photo_size() for s in sizes]}
        if caption:
            content["caption"] = caption
        return await self._post(content, f"[photo] {caption or ''}".rstrip(), chat, kind="photo")

    async def send_voice(self, chat: VirtualGroup | None = None, duration: int = 3) -> BotMessage:
        stored = self.world.store_file("voice", b"OggS\x00\x02" + bytes(64), "voice.oga")
        voice = {**stored.as_document(), "duration": duration, "mime_type": "audio/ogg"}
        voice.pop("file_name", None)
        return await self._post({"voice": voice}, f"[voice note, {duration} s]", chat, kind="voice")

    async def send_sticker(self, chat: VirtualGroup | None = None) -> BotMessage:
        stored = self.world.store_file("sticker", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "sticker.webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return await self._post({"sticker": sticker}, "[sticker 👍]", chat, kind="sticker")

    async def send_location(
        self, latitude: float, longitude: float, chat: VirtualGroup | None = None
    ) -> BotMessage:
        location = {"latitude": latitude, "longitude": longitude}
        shown = f"[location {latitude}, {longitude}]"
        return await self._post({"location": location}, shown, chat, kind="location")

    async def send_document(
        self,
        data: bytes,
        filename: str,
        chat: VirtualGroup | None = None,
        caption: str | None = None,
    ) -> BotMessage:
        stored = self.world.store_file("document", data, filename)
        content: dict[str, Any] = {"document": stored.as_document()}
        if caption:
            content["caption"] = caption
        shown = f"[document {filename}, {len(data)} bytes] {caption or ''}".rstrip()
        return await self._post(content, shown, chat, kind="document")

    async def edit(self, message: BotMessage, text: str) -> None:
        """Edit one of one's own text messages; the bot gets an edited_message update."""
        if message.sender_id != self.user_id or message.kind != "text" or message.deleted:
            raise AssertionError(f"{self.first_name} can only edit their own text messages")
        message.edits.append(message.text)
        message.text = message.visible = text
        message.entities = command_entities(text)
        message.edit_date = self.world.now()
        self.world.transcript.note(f"{self.first_name} edited a message → {text}")
        if self._reaches_bot(message, text):
            self.world.updates.push("edited_message", message_dict(self.world, message))
        await asyncio.sleep(0)

    # -- buttons ---------------------------------------------------------------------------
    async def press(self, message: BotMessage, label: str) -> str:
        """Press an inline button by its text (or a unique part of it); the query id."""
        button = message.raw_button(label)
        if "callback_data" not in button:
            raise AssertionError(f"[{button['text']}] is not a callback button: {button}")
        self.world.transcript.note(f"{self.first_name} pressed [{button['text']}]")
        return await self._query(message, button["callback_data"])

    async def press_data(self, message: BotMessage, data: str) -> str:
        """Send arbitrary callback data for a message, as a modified client can."""
        self.world.transcript.note(f"{self.first_name} sent forged button data {data!r}")
        return await self._query(message, data)

    async def _query(self, message: BotMessage, data: str) -> str:
        if message.deleted:
            raise AssertionError("the message is gone: its buttons cannot be pressed")
        chat = self.world.chats[message.chat_id]
        if chat.id != self.user_id and self.user_id not in chat.members:
            raise AssertionError(f"{self.first_name} cannot see that message")
        query = CallbackQuery(
            self.world.new_query_id(), self.user_id, message.chat_id, message.message_id, data
        )
        self.world.queries[query.id] = query
        payload = {
            "id": query.id,
            "from": self.user,
            "message": message_dict(self.world, message),
            "chat_instance": str(abs(message.chat_id) * 7919 % 10**15 + 10**15),
            "data": data,
        }
        self.world.updates.push("callback_query", payload)
        await asyncio.sleep(0)
        return query.id

    # -- blocking --------------------------------------------------------------------------
    def block(self) -> None:
        """Block the bot: its sends to this person now fail with 403."""
        if not self.blocked:
            self.world.blocked.add(self.user_id)
            self.world.transcript.note(f"{self.first_name} blocked the bot")
            self._membership("member", "kicked")

    def unblock(self) -> None:
        if self.blocked:
            self.world.blocked.discard(self.user_id)
            self.world.transcript.note(f"{self.first_name} unblocked the bot")
            self._membership("kicked", "member")

    def _membership(self, old: str, new: str) -> None:
        chat = self.world.chats[self.user_id]
        change = membership_change(self.world, chat, self.user, old, new)
        self.world.updates.push("my_chat_member", change)
