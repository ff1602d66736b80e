"""Reply markup validation: the keyboard mistakes Telegram refuses with a 400.

The most common one in practice is callback data over 64 bytes (UTF-8, not characters), which
Telegram reports only as ``BUTTON_DATA_INVALID``; a bot that packs ids into callback data
must find that out in tests, not in a village meeting.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sandbox.errors import bad_request
from sandbox.messages import BUTTON_ACTIONS
from sandbox.params import Params

MAX_CALLBACK_DATA = 64
MAX_BUTTONS = 100


def _check_url(url: Any) -> None:
    parts = urlsplit(url) if isinstance(url, str) else None
    ok = parts is not None and (
        (parts.scheme in ("http", "https") and bool(parts.netloc))
        or (parts.scheme in ("tg", "ton") and bool(parts.netloc or parts.path))
    )
    if not ok:
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in BUTTON_ACTIONS if key in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        _check_url(button["url"])


def _rows(markup: dict[str, Any], key: str) -> list[list[Any]]:
    rows = markup[key]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{key}" of the reply markup must be an Array of Arrays')
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return rows


def reply_markup(params: Params) -> dict[str, Any] | None:
    """The validated reply_markup of a call, or None when there is none."""
    markup = params.json("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        for row in _rows(markup, "inline_keyboard"):
            for button in row:
                _check_inline_button(button)
    elif "keyboard" in markup:
        for row in _rows(markup, "keyboard"):
            for button in row:
                text = button.get("text") if isinstance(button, dict) else button
                if not isinstance(text, str) or not text:
                    raise bad_request("keyboard button text must be a non-empty String")
    elif not (markup.get("remove_keyboard") or markup.get("force_reply")):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def inline_only(params: Params) -> dict[str, Any] | None:
    """Markup for an edit: Telegram allows only inline keyboards there."""
    markup = reply_markup(params)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup
