"""Telegram HTML as Telegram measures and parses it: visible length, safe cuts.

Telegram limits a message to 4,096 characters *after* entity parsing: ``&lt;`` counts one
character and ``<b>`` none. A cut made by counting raw characters can fall inside ``&lt;`` or
``<b>``, or leave ``<b>`` open in one part and ``</b>`` alone in the next, and Telegram then
refuses the whole message ("can't parse entities"). Everything here cuts between tokens (a tag,
an entity, one character), closes the tags still open at the end of a part and opens them again
at the start of the next, and counts what the reader sees in characters (Unicode scalars):
Telegram measures a message's length that way, even though entity offsets are in UTF-16 units
(measured against the real API: 4,096 emoji are accepted, 4,097 refused).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What a part may hold, leaving room for the tags re-opened at its start and closed at its end.
MESSAGE_LIMIT = 4096
_TOKEN = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|.", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")


@dataclass(frozen=True, slots=True)
class _Token:
    raw: str
    visible: int  # characters the reader sees
    opens: str | None = None  # tag name opened by this token
    closes: str | None = None  # tag name closed by this token


def _tokens(text: str) -> list[_Token]:
    found = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        tag = _TAG.fullmatch(raw) if raw.startswith("<") else None
        if tag is not None:
            name = tag.group(2).lower()
            found.append(
                _Token(raw, 0, None if tag.group(1) else name, name if tag.group(1) else None)
            )
        elif raw.startswith("&") and len(raw) > 1:
            found.append(_Token(raw, 1))
        else:
            found.append(_Token(raw, len(raw)))
    return found


def visible_length(text: str) -> int:
    """How long Telegram finds ``text`` (HTML parse mode), in characters."""
    return sum(token.visible for token in _tokens(text))


def split_message(text: str, limit: int = 4000) -> list[str]:
    """Cut a long Telegram-HTML text so that every part fits one message and parses alone.

    Parts end at line breaks where a line fits; a line longer than ``limit`` is cut between
    tokens. Tags open at a cut are closed there and opened again in the next part.
    """
    parts: list[str] = []
    opened: list[str] = []  # opening tags in force now
    reopened: list[str] = []  # opening tags in force when the current part began
    body: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal reopened, body, size
        part = "".join(reopened) + "".join(body) + "".join(f"</{_name(t)}>" for t in opened[::-1])
        if visible_text(part).strip():
            parts.append(part)
        reopened, body, size = list(opened), [], 0

    for line in text.split("\n"):
        tokens = _tokens(line)
        width = sum(t.visible for t in tokens)
        if body and size + 1 + width > limit:
            flush()
        if body:
            body.append("\n")
            size += 1
        for token in tokens:
            if size and size + token.visible > limit:
                flush()
            body.append(token.raw)
            size += token.visible
            opened = _after(opened, token)
    if body:
        flush()
    return parts


def visible_text(text: str) -> str:
    """What the reader sees of ``text``, roughly: tags dropped, entities as one character."""
    return "".join(
        "" if t.visible == 0 else ("&" if t.raw.startswith("&") else t.raw) for t in _tokens(text)
    )


def _name(tag: str) -> str:
    match = _TAG.fullmatch(tag)
    return match.group(2).lower() if match else ""


def _after(opened: list[str], token: _Token) -> list[str]:
    """The opening tags still in force after ``token``."""
    if token.opens is not None:
        return [*opened, token.raw]
    if token.closes is not None:
        for i in range(len(opened) - 1, -1, -1):
            if _name(opened[i]) == token.closes:
                return opened[:i] + opened[i + 1 :]
    return opened


def shorten(text: str, limit: int) -> str:
    """Plain (escaped) ``text`` cut to at most ``limit`` visible units, between tokens, with an
    ellipsis when cut. ``text`` must hold no tags (a person's words, escaped)."""
    if visible_length(text) <= limit:
        return text
    kept: list[str] = []
    size = 0
    for token in _tokens(text):
        if size + token.visible > limit - 1:
            break
        kept.append(token.raw)
        size += token.visible
    return "".join(kept).rstrip() + "…"


#: Marks where a person's words go in a message measured by :func:`fit`.
HOLE = "\x00"
#: What :func:`fit` keeps of each text at least, while others can give way.
KEPT_AT_LEAST = 200


def fit(message: str, texts: list[str], limit: int = MESSAGE_LIMIT) -> tuple[str, bool]:
    """``message`` with its ``HOLE`` marks filled by ``texts`` (people's words, escaped), in
    order, shortening the later texts first (to ``KEPT_AT_LEAST`` characters, then further)
    and the first one last, until the whole fits ``limit``.

    Returns the message and whether anything had to be shortened.
    """
    if message.count(HOLE) != len(texts):
        raise ValueError("one text for each hole")
    kept = list(texts)
    sizes = [visible_length(text) for text in kept]
    excess = visible_length(message.replace(HOLE, "")) + sum(sizes) - limit
    later = range(len(kept) - 1, 0, -1)  # the first text gives way only when nothing else can
    for floor, order in ((KEPT_AT_LEAST, later), (1, later), (1, range(len(kept) - 1, -1, -1))):
        for i in order:
            if excess <= 0:
                break
            target = max(floor, sizes[i] - excess)
            if target < sizes[i]:
                kept[i] = shorten(kept[i], target)
                excess -= sizes[i] - visible_length(kept[i])
                sizes[i] = visible_length(kept[i])
    pieces = message.split(HOLE)
    filled = pieces[0] + "".join(text + piece for text, piece in zip(kept, pieces[1:], strict=True))
    return filled, kept != texts
