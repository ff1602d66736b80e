"""From what a bot sends to what Telegram stores: parse mode, trimming, length limits.

Telegram measures the 1-4096 (text) and 0-1024 (caption) limits on the text *after* entity
parsing and after trimming surrounding whitespace, so ``"<b> </b>"`` is an empty message and
4096 ``&amp;`` are a valid one. Doing the same here keeps the sandbox from passing a message
that production would refuse, or refusing one it would pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sandbox.errors import bad_request
from sandbox.html import EntityError, parse_html, utf16_len

MAX_TEXT = 4096
MAX_CAPTION = 1024
PARSE_MODES = {"html", "markdown", "markdownv2"}
_COMMAND = re.compile(r"(?<![^\s])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")


@dataclass(frozen=True)
class Formatted:
    """Visible text and its entities, as Telegram would store and return them."""

    text: str
    entities: list[dict[str, Any]]


def _trim(text: str, entities: list[dict[str, Any]]) -> Formatted:
    """Strip surrounding whitespace and move/clip the entities to match."""
    stripped = text.strip()
    if stripped == text:
        return Formatted(text, entities)
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept: list[dict[str, Any]] = []
    for entity in entities:
        start = max(0, entity["offset"] - shift)
        end = min(size, entity["offset"] + entity["length"] - shift)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return Formatted(stripped, kept)


def _given_entities(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("type"), str)
        and isinstance(e.get("offset"), int)
        and isinstance(e.get("length"), int)
        for e in raw
    ):
        raise bad_request("can't parse entities JSON object")
    return [dict(e) for e in raw]


def format_text(
    text: str,
    parse_mode: str | None,
    entities: Any = None,
    *,
    caption: bool = False,
) -> Formatted:
    """Validate a message text or caption and return what Telegram would keep.

    Explicit ``entities`` win over ``parse_mode``, as in the Bot API. Markdown modes are
    accepted but not interpreted (Palabre sends HTML only).
    """
    if entities is not None:
        formatted = Formatted(text, _given_entities(entities))
    elif parse_mode:
        mode = parse_mode.lower()
        if mode not in PARSE_MODES:
            raise bad_request("unsupported parse_mode")
        if mode == "html":
            try:
                formatted = Formatted(*parse_html(text))
            except EntityError as exc:
                raise bad_request(f"can't parse entities: {exc}") from None
        else:
            formatted = Formatted(text, [])
    else:
        formatted = Formatted(text, [])
    formatted = _trim(formatted.text, formatted.entities)
    if caption:
        if len(formatted.text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
    elif not formatted.text:
        raise bad_request("message text is empty")
    elif len(formatted.text) > MAX_TEXT:
        raise bad_request("message is too long")
    return formatted


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entities Telegram's clients mark in a typed text."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group(0)),
        }
        for m in _COMMAND.finditer(text)
    ]
