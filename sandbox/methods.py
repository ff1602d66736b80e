"""The Bot API methods the sandbox answers, with Telegram's validation."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.html import EntityError, visible_text
from sandbox.messages import BotMessage
from sandbox.world import ApiError, Chat, World

Params = dict[str, Any]
Files = dict[str, tuple[str, bytes]]
Method = Callable[[World, Params, Files], Awaitable[Any]]

MAX_TEXT, MAX_CAPTION, MAX_CALLBACK_DATA = 4096, 1024, 64


def _int(params: Params, key: str, required: bool = True) -> int | None:
    raw = params.get(key)
    if raw is None or raw == "":
        if required:
            raise ApiError(400, f"Bad Request: {key} is empty")
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {key}") from None


def _json(params: Params, key: str) -> Any:
    raw = params.get(key)
    if raw is None or isinstance(raw, dict | list):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None


def _chat(world: World, params: Params, *, sending: bool = True) -> Chat:
    chat_id = _int(params, "chat_id")
    chat = world.chats.get(chat_id)  # type: ignore[arg-type]
    if chat is None:
        raise ApiError(400, "Bad Request: chat not found")
    person = chat.participant
    if sending and person is not None:
        if person.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if not person.started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
    return chat


def _markup(params: Params) -> dict[str, Any] | None:
    markup = _json(params, "reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: object expected as reply markup")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            actions = [k for k in button if k != "text"]
            if len(actions) != 1:
                raise ApiError(400, "Bad Request: can't parse inline keyboard button")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _visible(text: str, parse_mode: str | None, limit: int, *, empty_ok: bool = False) -> str:
    try:
        shown = visible_text(text, parse_mode)
    except EntityError as exc:
        raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
    if not shown.strip() and not empty_ok:
        raise ApiError(400, "Bad Request: message text is empty")
    if len(shown) > limit:
        raise ApiError(
            400,
            "Bad Request: message is too long"
            if limit == MAX_TEXT
            else "Bad Request: message caption is too long",
        )
    return shown


def message_dict(world: World, message: BotMessage) -> dict[str, Any]:
    chat = world.chats[message.chat_id]
    out: dict[str, Any] = {
        "message_id": message.message_id,
        "date": message.date,
        "chat": chat.as_dict(),
        "from": world.bot_user,
    }
    if message.kind == "text":
        out["text"] = message.plain_text
    else:
        if message.text:
            out["caption"] = message.plain_text
        if message.kind == "document":
            out["document"] = {
                "file_id": f"doc-{message.message_id}",
                "file_unique_id": f"udoc-{message.message_id}",
                "file_name": message.filename or "file",
            }
        else:
            out["photo"] = [
                {
                    "file_id": f"photo-{message.message_id}",
                    "file_unique_id": f"uphoto-{message.message_id}",
                    "width": 800,
                    "height": 600,
                }
            ]
    if message.reply_markup:
        out["reply_markup"] = message.reply_markup
    if message.edits:
        out["edit_date"] = world.now()
    return out


async def _deliver(world: World, chat: Chat, message: BotMessage) -> dict[str, Any]:
    world.messages[(chat.id, message.message_id)] = message
    target = chat.participant or chat.group
    assert target is not None
    target.receive(message)
    return message_dict(world, message)


async def get_me(world: World, params: Params, files: Files) -> Any:
    return world.bot_user


async def get_updates(world: World, params: Params, files: Files) -> Any:
    offset = _int(params, "offset", required=False) or 0
    limit = max(1, min(100, _int(params, "limit", required=False) or 100))
    timeout = max(0, _int(params, "timeout", required=False) or 0)
    allowed = _json(params, "allowed_updates")
    if allowed is not None:
        world.allowed_updates = list(allowed)
    world.confirm(offset)
    async with world.arrived:
        if not world.deliverable(limit) and timeout:
            release = world.releases
            try:
                await asyncio.wait_for(
                    world.arrived.wait_for(
                        lambda: world.deliverable(limit) or world.releases != release
                    ),
                    timeout,
                )
            except TimeoutError:
                pass
        return world.deliverable(limit)


async def send_message(world: World, params: Params, files: Files) -> Any:
    chat = _chat(world, params)
    text = str(params.get("text", ""))
    parse_mode = params.get("parse_mode")
    _visible(text, parse_mode, MAX_TEXT)
    message = BotMessage(
        world.new_message_id(chat.id),
        chat.id,
        text,
        world.now(),
        parse_mode=parse_mode,
        reply_markup=_markup(params),
    )
    return await _deliver(world, chat, message)


async def _send_file(world: World, params: Params, files: Files, kind: str) -> Any:
    chat = _chat(world, params)
    caption = str(params.get("caption", ""))
    parse_mode = params.get("parse_mode")
    _visible(caption, parse_mode, MAX_CAPTION, empty_ok=True)
    field = "document" if kind == "document" else "photo"
    if field in files:
        filename, data = files[field]
    elif str(params.get(field, "")).startswith("attach://"):
        filename, data = files[str(params[field])[len("attach://") :]]
    elif params.get(field) in world.files:
        filename, data = str(params[field]), world.files[str(params[field])]
    else:
        raise ApiError(400, f"Bad Request: there is no {field} in the request")
    if not data:
        raise ApiError(400, "Bad Request: file must be non-empty")
    message = BotMessage(
        world.new_message_id(chat.id),
        chat.id,
        caption,
        world.now(),
        parse_mode=parse_mode,
        kind=kind,
        reply_markup=_markup(params),
        document=data,
        filename=filename,
    )
    return await _deliver(world, chat, message)


async def send_document(world: World, params: Params, files: Files) -> Any:
    return await _send_file(world, params, files, "document")


async def send_photo(world: World, params: Params, files: Files) -> Any:
    return await _send_file(world, params, files, "photo")


def _existing(world: World, params: Params) -> BotMessage:
    chat = _chat(world, params, sending=False)
    message = world.messages.get((chat.id, _int(params, "message_id") or 0))
    if message is None or message.deleted:
        raise ApiError(400, "Bad Request: message to edit not found")
    if chat.participant is not None and chat.participant.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    return message


async def edit_message_text(world: World, params: Params, files: Files) -> Any:
    message = _existing(world, params)
    if not message.from_bot:
        raise ApiError(400, "Bad Request: message can't be edited")
    text, parse_mode = str(params.get("text", "")), params.get("parse_mode")
    _visible(text, parse_mode, MAX_TEXT)
    markup = _markup(params)
    if text == message.text and markup == message.reply_markup:
        raise ApiError(
            400,
            "Bad Request: message is not modified: specified new message "
            "content and reply markup are exactly the same",
        )
    message.edits.append(message.text)
    message.text, message.parse_mode, message.reply_markup = text, parse_mode, markup
    world.note(f"  (bot edited its message to {world.chats[message.chat_id].title}:)")
    world.note(_render(message))
    return message_dict(world, message)


async def edit_message_reply_markup(world: World, params: Params, files: Files) -> Any:
    message = _existing(world, params)
    markup = _markup(params)
    if markup == message.reply_markup:
        raise ApiError(400, "Bad Request: message is not modified")
    message.reply_markup = markup
    return message_dict(world, message)


async def delete_message(world: World, params: Params, files: Files) -> Any:
    chat = _chat(world, params, sending=False)
    message = world.messages.get((chat.id, _int(params, "message_id") or 0))
    if message is None or message.deleted:
        raise ApiError(400, "Bad Request: message to delete not found")
    if chat.type != "private" and not message.from_bot:
        raise ApiError(400, "Bad Request: message can't be deleted")
    message.deleted = True
    who = "their" if not message.from_bot else "its"
    world.note(f"  (bot deleted {who} message in the chat with {chat.title})")
    return True


async def answer_callback_query(world: World, params: Params, files: Files) -> Any:
    query_id = str(params.get("callback_query_id", ""))
    if query_id not in world.callback_queries or query_id in world.answered:
        raise ApiError(
            400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
        )
    world.answered.add(query_id)
    text = params.get("text")
    if text:
        if len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        person = world.chats[world.callback_queries[query_id]].participant
        if person is not None:
            person.toasts.append(str(text))
            world.note(f"  [toast to {person.first_name}: {text}]")
    return True


async def send_chat_action(world: World, params: Params, files: Files) -> Any:
    _chat(world, params)
    return True


async def set_my_commands(world: World, params: Params, files: Files) -> Any:
    commands = _json(params, "commands") or []
    for command in commands:
        name, description = command.get("command", ""), command.get("description", "")
        if not (1 <= len(name) <= 32 and name.islower() and 1 <= len(description) <= 256):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
    scope = json.dumps(_json(params, "scope") or {"type": "default"}, sort_keys=True)
    world.commands[(scope, str(params.get("language_code") or ""))] = commands
    return True


async def get_my_commands(world: World, params: Params, files: Files) -> Any:
    scope = json.dumps(_json(params, "scope") or {"type": "default"}, sort_keys=True)
    return world.commands.get((scope, str(params.get("language_code") or "")), [])


async def delete_my_commands(world: World, params: Params, files: Files) -> Any:
    scope = json.dumps(_json(params, "scope") or {"type": "default"}, sort_keys=True)
    world.commands.pop((scope, str(params.get("language_code") or "")), None)
    return True


async def get_chat(world: World, params: Params, files: Files) -> Any:
    return _chat(world, params, sending=False).as_dict()


async def accept(world: World, params: Params, files: Files) -> Any:
    return True


async def get_webhook_info(world: World, params: Params, files: Files) -> Any:
    return {"url": "", "has_custom_certificate": False, "pending_update_count": len(world.updates)}


def _render(message: BotMessage) -> str:
    body = message.plain_text
    if message.kind != "text":
        body = f"[{message.kind} {message.filename} · {len(message.document or b'')} bytes] {body}"
    lines = ["    " + line for line in body.splitlines() or [""]]
    if message.buttons:
        lines.append("    " + " ".join(f"[{text}]" for text, _ in message.buttons))
    return "\n".join(lines)


render = _render

METHODS: dict[str, Method] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "sendMessage": send_message,
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "getChat": get_chat,
    "deleteWebhook": accept,
    "logOut": accept,
    "close": accept,
    "setMyDescription": accept,
    "setMyShortDescription": accept,
    "getWebhookInfo": get_webhook_info,
}
