"""The method table: every Bot API method the sandbox answers, and the ones that manage the bot.

Method names are case-insensitive in the Bot API. A name Telegram does not know answers 404
(PTB reports it as InvalidToken, as with real Telegram); a real Bot API method the sandbox does
not simulate answers 400 naming it, so a missing feature is loud instead of looking like a
network failure.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sandbox import messaging
from sandbox.errors import bad_request
from sandbox.media import MAX_DOWNLOAD_BYTES
from sandbox.objects import chat_full_info
from sandbox.params import Params
from sandbox.world import World

SyncMethod = Callable[[World, Params], Any]
AsyncMethod = Callable[[World, Params], Awaitable[Any]]
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_LANGUAGE = re.compile(r"^([a-z]{2})?$")
_SCOPES = {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
}


def get_me(world: World, params: Params) -> Any:
    return world.bot_user


async def get_updates(world: World, params: Params) -> Any:
    """Long polling with Telegram's offset, limit, timeout and allowed_updates semantics."""
    allowed = params.json("allowed_updates", "array")
    if allowed is not None:
        if not isinstance(allowed, list) or not all(isinstance(k, str) for k in allowed):
            raise bad_request("can't parse allowed updates")
        world.updates.set_allowed(allowed)
    limit = min(100, max(1, params.integer("limit", 100)))
    timeout = max(0, params.integer("timeout", 0))
    return await world.updates.poll(params.integer("offset", 0), limit, timeout)


def delete_webhook(world: World, params: Params) -> Any:
    if params.flag("drop_pending_updates"):
        world.updates.drop_all()
    return True


def get_webhook_info(world: World, params: Params) -> Any:
    return {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates.pending),
    }


def accept(world: World, params: Params) -> Any:
    """logOut and close: nothing to do locally, and Telegram answers true."""
    return True


def _scope_key(world: World, params: Params) -> tuple[str, str]:
    scope = params.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    if scope["type"].startswith("chat"):
        scoped = Params(scope)
        if scoped.chat_id() not in world.chats:
            raise bad_request("chat not found")
        if scope["type"] == "chat_member":
            scoped.integer("user_id")
    language = params.text("language_code")
    if not _LANGUAGE.match(language):
        raise bad_request("invalid language code specified")
    return json.dumps(scope, sort_keys=True, separators=(",", ":")), language


def set_my_commands(world: World, params: Params) -> Any:
    commands = params.json("commands", "array")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON array")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        if not _COMMAND_NAME.match(str(command.get("command", "")).lstrip("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad_request("command description must be non-empty")
    key = _scope_key(world, params)
    if commands:
        world.commands[key] = [
            {"command": str(c["command"]).lstrip("/"), "description": str(c["description"])}
            for c in commands
        ]
    else:
        world.commands.pop(key, None)
    return True


def get_my_commands(world: World, params: Params) -> Any:
    return world.commands.get(_scope_key(world, params), [])


def delete_my_commands(world: World, params: Params) -> Any:
    world.commands.pop(_scope_key(world, params), None)
    return True


def _describer(field: str, limit: int) -> tuple[SyncMethod, SyncMethod]:
    """The set/get pair for the bot's description, short description or name."""

    def setter(world: World, params: Params) -> Any:
        language = params.text("language_code")
        if not _LANGUAGE.match(language):
            raise bad_request("invalid language code specified")
        text = params.text(field)
        if len(text) > limit:
            raise bad_request(f"{field} is too long")
        world.descriptions[(field, language)] = text
        return True

    def getter(world: World, params: Params) -> Any:
        language = params.text("language_code")
        found = world.descriptions.get((field, language), world.descriptions.get((field, "")))
        if found is None and field == "name":
            found = world.bot_user["first_name"]
        return {field: found or ""}

    return setter, getter


def get_chat(world: World, params: Params) -> Any:
    return chat_full_info(messaging.target_chat(world, params, sending=False))


def get_file(world: World, params: Params) -> Any:
    stored = world.files.get(params.text("file_id"))
    if stored is None:
        raise bad_request("wrong file_id or the file is temporarily unavailable")
    if len(stored.data) > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return stored.as_file()


@dataclass(frozen=True)
class Method:
    """One entry of the method table."""

    name: str
    run: SyncMethod | AsyncMethod

    @property
    def waits(self) -> bool:
        """True for getUpdates, the only method that awaits (long polling)."""
        return inspect.iscoroutinefunction(self.run)


set_description, get_description = _describer("description", 512)
set_short_description, get_short_description = _describer("short_description", 120)
set_name, get_name = _describer("name", 64)

METHODS: dict[str, SyncMethod | AsyncMethod] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "logOut": accept,
    "close": accept,
    "sendMessage": messaging.send_message,
    "editMessageText": messaging.edit_message_text,
    "editMessageReplyMarkup": messaging.edit_message_reply_markup,
    "deleteMessage": messaging.delete_message,
    "answerCallbackQuery": messaging.answer_callback_query,
    "sendDocument": messaging.send_document,
    "sendPhoto": messaging.send_photo,
    "sendChatAction": messaging.send_chat_action,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setMyDescription": set_description,
    "getMyDescription": get_description,
    "setMyShortDescription": set_short_description,
    "getMyShortDescription": get_short_description,
    "setMyName": set_name,
    "getMyName": get_name,
    "getChat": get_chat,
    "getFile": get_file,
}
_BY_LOWER = {name.lower(): Method(name, run) for name, run in METHODS.items()}


def lookup(name: str) -> Method | None:
    """The method called ``name`` (any letter case), if the sandbox simulates it."""
    return _BY_LOWER.get(name.lower())


@cache
def _bot_api_names() -> frozenset[str]:
    """Names of real Bot API methods, taken from PTB's camelCase aliases when available."""
    try:
        from telegram import Bot
    except ImportError:  # the sandbox itself does not need PTB
        return frozenset()
    return frozenset(
        attr.lower() for attr in dir(Bot) if attr[:1].islower() and attr != attr.lower()
    )


def is_bot_api_method(name: str) -> bool:
    """True if Telegram knows this method, though the sandbox may not simulate it."""
    return name.lower() in _bot_api_names()
