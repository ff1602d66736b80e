"""Bot API objects (Message, ChatMember, ChatFullInfo) built from the sandbox's state.

PTB parses every result and update with ``de_json``; a missing required field turns into a
confusing error deep inside the bot. Building the objects in one place keeps them complete.
"""

from __future__ import annotations

from typing import Any

from sandbox.messages import BotMessage
from sandbox.world import Chat, World


def sender_of(world: World, message: BotMessage) -> dict[str, Any]:
    """The ``from`` of a message: the bot, or the participant who wrote it."""
    if message.from_bot or message.sender_id is None:
        return world.bot_user
    user = world.chats[message.sender_id].user
    assert user is not None
    return user


def message_dict(world: World, message: BotMessage, *, with_reply: bool = True) -> dict[str, Any]:
    """The Bot API Message object for a stored message, with its current content."""
    out: dict[str, Any] = {
        "message_id": message.message_id,
        "from": sender_of(world, message),
        "date": message.date,
        "chat": world.chats[message.chat_id].as_dict(),
    }
    if message.edit_date is not None:
        out["edit_date"] = message.edit_date
    if message.reply_to is not None and with_reply:
        target = world.messages.get((message.chat_id, message.reply_to))
        if target is not None and not target.deleted:
            out["reply_to_message"] = message_dict(world, target, with_reply=False)
    if message.kind == "text":
        out["text"] = message.plain_text
        if message.entities:
            out["entities"] = message.entities
    else:
        out.update(message.attachment)
        if message.plain_text:
            out["caption"] = message.plain_text
            if message.entities:
                out["caption_entities"] = message.entities
    markup = message.reply_markup
    if markup and "inline_keyboard" in markup:
        out["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
    return out


def member(world: World, status: str) -> dict[str, Any]:
    """A ChatMember object for the bot: ChatMemberMember, ChatMemberBanned or ChatMemberLeft."""
    body: dict[str, Any] = {"status": status, "user": world.bot_user}
    if status == "kicked":
        body["until_date"] = 0
    return body


def membership_change(
    world: World, chat: Chat, actor: dict[str, Any], old: str, new: str
) -> dict[str, Any]:
    """A ChatMemberUpdated object, as in a my_chat_member update."""
    return {
        "chat": chat.as_dict(),
        "from": actor,
        "date": world.now(),
        "old_chat_member": member(world, old),
        "new_chat_member": member(world, new),
    }


def chat_full_info(chat: Chat) -> dict[str, Any]:
    """The ChatFullInfo object getChat returns."""
    return {
        **chat.as_dict(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }
