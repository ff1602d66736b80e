"""Small pieces every handler uses: the caller, replies, private-chat checks."""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.caller import Caller, load_caller
from bot.runtime import Runtime, runtime
from bot.texts import NO_DIALOGUE, NOT_ALLOWED, esc

__all__ = ["esc"]

Context = ContextTypes.DEFAULT_TYPE
_log = logging.getLogger(__name__)


async def caller_of(update: Update, context: Context) -> tuple[Runtime, Caller]:
    rt = runtime(context)
    return rt, await load_caller(rt, update)


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def reply(
    update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Answer in the chat the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await chat.send_message(text, reply_markup=keyboard)


async def answer(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """Acknowledge a button press (Telegram shows a spinner until we do), best effort.

    Answering never decides whether the press acts: a dropped connection, a 5xx after Telegram
    applied it (then the retry gets "query is too old") or a timeout costs the person a toast at
    most, and the action goes on. Only the error's kind is logged, never the text.
    """
    try:
        await query.answer(text=text[:200] if text else None, show_alert=alert)
    except TelegramError as exc:
        _log.info("a button press could not be acknowledged (%s)", type(exc).__name__)


async def edit_or_send(
    query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the message the button was on; send anew if it can no longer be edited."""
    message = query.message
    if isinstance(message, Message):
        await edit_or_reply(message, text, keyboard)
    elif message is not None:
        await message.chat.send_message(text, reply_markup=keyboard)


async def edit_or_reply(
    message: Message, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace ``message``; the same text again is left alone, a message too old to edit is
    sent anew in its chat."""
    try:
        await message.edit_text(text, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            await message.chat.send_message(text, reply_markup=keyboard)


async def facilitated_dialogue(update: Update, caller: Caller) -> int | None:
    """The dialogue a facilitator's command acts on, or None after telling the caller why not."""
    d = caller.active_dialogue_id
    if d is None:
        await reply(update, caller.t._(NO_DIALOGUE))
        return None
    if not caller.may_facilitate(d):
        await reply(update, caller.t._(NOT_ALLOWED))
        return None
    return d


def private_chat_link(rt: Runtime) -> str:
    return f"https://t.me/{rt.bot_username}"


async def facilitator_button(
    update: Update, context: Context
) -> tuple[CallbackQuery, Runtime, Caller, int] | None:
    """A button only facilitators of the caller's dialogue may press: the query, runtime,
    caller and dialogue, or None after refusing (the role is checked now, on the server)."""
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    dialogue_id = caller.active_dialogue_id
    if dialogue_id is None or not caller.may_facilitate(dialogue_id):
        await answer(query, caller.t._(NOT_ALLOWED), alert=True)
        return None
    return query, rt, caller, dialogue_id


async def delete_typed(update: Update) -> bool | None:
    """Delete the person's message that carried ``update`` from the chat (a seized phone shows
    less): whether it worked; None when there is no message."""
    message = update.effective_message
    if message is None:
        return None
    return await delete_in_chat(update.get_bot(), message.chat_id, message.message_id)


async def delete_in_chat(bot: Bot, chat_id: int, message_id: int | None) -> bool | None:
    """Delete one message from a chat: whether it worked; None when there is none."""
    if message_id is None:
        return None
    try:
        return await bot.delete_message(chat_id, message_id)
    except TelegramError:
        return False
