"""The Bot API methods that put things on people's screens, with Telegram's checks.

Each function takes the world and the call's parameters and either returns the Bot API result
or raises ``ApiError``. They are synchronous on purpose: every check happens before the first
change to the world, and nothing else runs in between, so a refused call leaves no trace.
"""

from __future__ import annotations

from typing import Any

from sandbox.errors import ApiError, bad_request, forbidden
from sandbox.formatting import format_text
from sandbox.markup import inline_only, reply_markup
from sandbox.media import MAX_UPLOAD_BYTES, StoredFile, check_photo, scaled_sizes
from sandbox.messages import BotMessage
from sandbox.objects import message_dict
from sandbox.params import Params
from sandbox.world import CallbackAnswer, Chat, World

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
#: Telegram deletes a message only within 48 hours of its sending.
DELETABLE_FOR = 48 * 3600
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}


def target_chat(world: World, params: Params, *, sending: bool = True) -> Chat:
    """The chat of ``chat_id``; for sending, refuse people who blocked or never started."""
    chat = world.chats.get(params.chat_id())
    if chat is None:
        raise bad_request("chat not found")
    if sending and chat.type == "private":
        if chat.id in world.blocked:
            raise forbidden("bot was blocked by the user")
        if chat.id not in world.started:
            raise forbidden("bot can't initiate conversation with a user")
    return chat


def _reply_to(world: World, chat: Chat, params: Params) -> int | None:
    wanted = params.json("reply_parameters")
    if wanted is not None:
        if not isinstance(wanted, dict) or "message_id" not in wanted:
            raise bad_request("can't parse reply parameters JSON object")
        message_id = Params(wanted).integer("message_id")
        tolerant = Params(wanted).flag("allow_sending_without_reply")
    elif "reply_to_message_id" in params:
        message_id = params.integer("reply_to_message_id")
        tolerant = params.flag("allow_sending_without_reply")
    else:
        return None
    target = world.messages.get((chat.id, message_id))
    if target is None or target.deleted:
        if tolerant:
            return None
        raise bad_request("message to be replied not found")
    return message_id


def _common(world: World, chat: Chat, params: Params) -> dict[str, Any]:
    """Checks and fields shared by every send: markup, reply, notification, link previews."""
    preview = params.json("link_preview_options")
    if preview is not None and not isinstance(preview, dict):
        raise bad_request("can't parse link preview options JSON object")
    return {
        "reply_markup": reply_markup(params),
        "reply_to": _reply_to(world, chat, params),
        "disable_notification": params.flag("disable_notification"),
    }


def send_message(world: World, params: Params) -> Any:
    chat = target_chat(world, params)
    parse_mode = params.optional_text("parse_mode")
    formatted = format_text(params.text("text"), parse_mode, params.json("entities", "array"))
    common = _common(world, chat, params)
    message = BotMessage(
        world.new_message_id(chat.id),
        chat.id,
        params.text("text"),
        world.now(),
        parse_mode=parse_mode,
        visible=formatted.text,
        entities=formatted.entities,
        **common,
    )
    world.deliver(message)
    return message_dict(world, message)


def _upload(world: World, params: Params, field: str) -> tuple[str | None, bytes] | StoredFile:
    """The file of a send: an uploaded part, an ``attach://`` part, or a known file_id."""
    if field in params.files:
        return params.files[field]
    value = params.text(field)
    if not value:
        raise bad_request(f"there is no {field} in the request")
    if value.startswith("attach://"):
        name = value[len("attach://") :]
        if name not in params.files:
            raise bad_request(f"there is no {field} in the request")
        return params.files[name]
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")  # the sandbox has no network
    stored = world.files.get(value)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != field:
        raise bad_request(f"can't use file of type {stored.kind.title()} as {field.title()}")
    return stored


def _attachment(world: World, kind: str, source: Any, data: bytes, name: str | None) -> Any:
    """Store the file of a send and return the message fields that describe it."""
    if kind == "photo":
        if isinstance(source, StoredFile):
            width, height = source.width, source.height
        else:
            width, height = check_photo(data)
        sizes = [
            world.store_file("photo", data, width=w, height=h)
            for w, h in scaled_sizes(width, height)
        ]
        return {"photo": [s.as_photo_size() for s in sizes]}
    if isinstance(source, StoredFile):
        return {"document": source.as_document()}
    return {"document": world.store_file("document", data, name or "file").as_document()}


def _send_file(world: World, params: Params, kind: str) -> Any:
    chat = target_chat(world, params)
    parse_mode = params.optional_text("parse_mode")
    caption = params.text("caption")
    formatted = format_text(
        caption, parse_mode, params.json("caption_entities", "array"), caption=True
    )
    common = _common(world, chat, params)
    source = _upload(world, params, kind)
    if isinstance(source, StoredFile):
        filename, data = source.filename, source.data
    else:
        filename, data = source
        if not data:
            raise bad_request("file must be non-empty")
        if len(data) > MAX_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
    attachment = _attachment(world, kind, source, data, filename)
    message = BotMessage(
        world.new_message_id(chat.id),
        chat.id,
        caption,
        world.now(),
        parse_mode=parse_mode,
        kind=kind,
        visible=formatted.text,
        entities=formatted.entities,
        document=data,
        filename=filename,
        attachment=attachment,
        **common,
    )
    world.deliver(message)
    return message_dict(world, message)


def send_document(world: World, params: Params) -> Any:
    return _send_file(world, params, "document")


def send_photo(world: World, params: Params) -> Any:
    return _send_file(world, params, "photo")


def _editable(world: World, params: Params) -> BotMessage:
    if "inline_message_id" in params:
        raise bad_request("MESSAGE_ID_INVALID")  # inline messages are not simulated
    if "message_id" not in params:
        raise bad_request("message identifier is not specified")
    chat = target_chat(world, params, sending=False)
    if chat.id in world.blocked:
        raise forbidden("bot was blocked by the user")
    message = world.messages.get((chat.id, params.integer("message_id")))
    if message is None or message.deleted:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


def edit_message_text(world: World, params: Params) -> Any:
    message = _editable(world, params)
    if message.kind != "text":
        raise bad_request("there is no text in the message to edit")
    parse_mode = params.optional_text("parse_mode")
    formatted = format_text(params.text("text"), parse_mode, params.json("entities", "array"))
    markup = inline_only(params)  # no markup in an edit removes the keyboard, as in Telegram
    unchanged = (formatted.text, formatted.entities, markup)
    if unchanged == (message.visible, message.entities, message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.edits.append(message.text)
    message.text, message.parse_mode = params.text("text"), parse_mode
    message.visible, message.entities = formatted.text, formatted.entities
    message.reply_markup, message.edit_date = markup, world.now()
    world.transcript.edited(world.chat_name(message.chat_id), message)
    return message_dict(world, message)


def edit_message_reply_markup(world: World, params: Params) -> Any:
    message = _editable(world, params)
    markup = inline_only(params)
    if markup == message.reply_markup:
        raise bad_request(NOT_MODIFIED)
    message.reply_markup, message.edit_date = markup, world.now()
    world.transcript.edited(world.chat_name(message.chat_id), message)
    return message_dict(world, message)


def delete_message(world: World, params: Params) -> Any:
    chat = target_chat(world, params, sending=False)
    if "message_id" not in params:
        raise bad_request("message identifier is not specified")
    message = world.messages.get((chat.id, params.integer("message_id")))
    if message is None or message.deleted:
        raise bad_request("message to delete not found")
    if chat.type != "private" and not message.from_bot:
        raise bad_request("message can't be deleted")  # the bot is no group admin
    if world.now() - message.date >= DELETABLE_FOR:
        raise bad_request("message can't be deleted for everyone")
    message.deleted = True
    world.deletions.append(message)
    world.transcript.deleted(chat.name, message, world.sender_name(message))
    return True


def answer_callback_query(world: World, params: Params) -> Any:
    query = world.queries.get(params.text("callback_query_id"))
    if query is None or query.answer is not None:
        raise bad_request(QUERY_INVALID)
    text = params.optional_text("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    url = params.optional_text("url")
    if url is not None and not url.startswith("https://t.me/"):
        raise bad_request("URL_INVALID")
    query.answer = CallbackAnswer(text, params.flag("show_alert"), url)
    world.answers.setdefault(query.user_id, []).append(query.answer)
    if text:
        world.transcript.toast(world.chat_name(query.user_id), text, query.answer.show_alert)
    return True


def send_chat_action(world: World, params: Params) -> Any:
    target_chat(world, params)
    if params.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True
