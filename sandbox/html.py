"""Telegram's HTML parse mode: what it accepts, what it refuses, and what a person sees.

Telegram does not use a browser's forgiving HTML parser: an unsupported tag, an unclosed or
mismatched tag, or a ``<`` that starts no tag makes the whole call fail with "can't parse
entities". This scanner follows the same rules so that a bot which forgets to escape a person's
text fails here exactly as it would in production. It returns the visible text and the message
entities (offsets in UTF-16 code units, as the Bot API counts them).

``&`` follows the documented rule: outside tags it must start ``&lt;``, ``&gt;``, ``&amp;``,
``&quot;`` or a numeric reference. (Telegram's server is believed to let a lone ``&`` through
as a literal; refusing it here errs on the side of a bot that escapes what it must.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Tag name -> entity type, for every tag Telegram supports.
TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\n\r\f\v"


class EntityError(ValueError):
    """The part after "Bad Request: can't parse entities: " in Telegram's answer."""


@dataclass
class _Open:
    tag: str
    offset: int  # UTF-16 offset where the entity starts
    start: int  # index in the visible text (code points) where it starts
    attrs: dict[str, str] = field(default_factory=dict)


def utf16_len(text: str) -> int:
    """Length as the Bot API measures entity offsets: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class _Scanner:
    def __init__(self, source: str) -> None:
        self.src = source
        self.i = 0
        self.out: list[str] = []
        self.pos16 = 0
        self.chars = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.pos16 += utf16_len(text)
        self.chars += len(text)

    def peek(self, index: int) -> str:
        return self.src[index] if index < len(self.src) else ""

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        while self.i < len(self.src):
            char = self.src[self.i]
            if char == "&":
                self.emit(self.entity())
            elif char == "<":
                self.tag()
            else:
                self.emit(char)
                self.i += 1
        if self.stack:
            tag = self.stack[-1].tag
            raise EntityError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def entity(self, *, strict: bool = True) -> str:
        """Decode the character reference at ``self.i``.

        In text (``strict``) every ``&`` must start one of the supported references, as the
        Bot API documentation requires. Inside attribute values a stray ``&`` stays literal,
        because links with raw ``&`` in their query strings are common and Telegram takes them.
        """
        start, src = self.i, self.src
        end = start + 1
        decoded: str | None = None
        if self.peek(end) == "#":
            end += 1
            hexa = self.peek(end) in ("x", "X")
            end += hexa
            digits = "0123456789abcdefABCDEF" if hexa else "0123456789"
            first = end
            while self.peek(end) and self.peek(end) in digits:
                end += 1
            if end > first and self.peek(end) == ";":
                code = int(src[first:end], 16 if hexa else 10)
                if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                    decoded = chr(code)
        else:
            while self.peek(end).isascii() and self.peek(end).isalnum():
                end += 1
            if self.peek(end) == ";":
                decoded = NAMED.get(src[start + 1 : end])
        if decoded is not None:
            self.i = end + 1
            return decoded
        if strict:
            where = self.byte_offset(start)
            if self.peek(end) == ";" and end > start + 1:
                raise EntityError(
                    f'Unsupported HTML entity "{src[start : end + 1]}" at byte offset {where}'
                )
            raise EntityError(f'Character "&" at byte offset {where} must be escaped as "&amp;"')
        self.i = start + 1
        return "&"

    def tag(self) -> None:
        begin = self.i
        if self.peek(begin + 1) == "/":
            self.end_tag(begin)
            return
        end = begin + 1
        while self.peek(end) and self.peek(end) not in _SPACE and self.peek(end) != ">":
            end += 1
        if not self.peek(end):
            raise EntityError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = self.src[begin + 1 : end].lower()
        if name not in TAGS:
            raise EntityError(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        self.i = end
        opened = _Open(name, self.pos16, self.chars, self.attributes(name, begin))
        if name == "span" and opened.attrs.get("class") != "tg-spoiler":
            raise EntityError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        if name == "tg-emoji" and not opened.attrs.get("emoji-id", "").isdigit():
            raise EntityError("Custom emoji entity must have a numeric emoji-id")
        self.stack.append(opened)

    def attributes(self, tag: str, begin: int) -> dict[str, str]:
        attrs: dict[str, str] = {}
        where = self.byte_offset(begin)
        while True:
            while self.peek(self.i) and self.peek(self.i) in _SPACE:
                self.i += 1
            if not self.peek(self.i):
                raise EntityError(f"Unclosed start tag at byte offset {where}")
            if self.peek(self.i) == ">":
                self.i += 1
                return attrs
            start = self.i
            while self.peek(self.i) and self.peek(self.i) not in _SPACE + "=>":
                self.i += 1
            name = self.src[start : self.i].lower()
            while self.peek(self.i) and self.peek(self.i) in _SPACE:
                self.i += 1
            if self.peek(self.i) != "=":
                if tag == "blockquote" and name == "expandable":
                    attrs[name] = ""
                    continue
                raise EntityError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {where}"
                )
            self.i += 1
            while self.peek(self.i) and self.peek(self.i) in _SPACE:
                self.i += 1
            attrs[name] = self.value(where)

    def value(self, where: int) -> str:
        quote = self.peek(self.i)
        if quote not in ("'", '"'):
            start = self.i
            while self.peek(self.i) and (self.peek(self.i).isalnum() or self.peek(self.i) in ".-"):
                self.i += 1
            if self.peek(self.i) and self.peek(self.i) not in _SPACE + ">":
                raise EntityError(f"Unexpected end of name token at byte offset {where}")
            return self.src[start : self.i].lower()
        self.i += 1
        chars: list[str] = []
        while self.peek(self.i) and self.peek(self.i) != quote:
            if self.peek(self.i) == "&":
                chars.append(self.entity(strict=False))
            else:
                chars.append(self.peek(self.i))
                self.i += 1
        if not self.peek(self.i):
            raise EntityError(f"Unclosed start tag at byte offset {where}")
        self.i += 1
        return "".join(chars)

    def end_tag(self, begin: int) -> None:
        where = self.byte_offset(begin)
        if not self.stack:
            raise EntityError(f"Unexpected end tag at byte offset {where}")
        end = begin + 2
        while self.peek(end) and self.peek(end) not in _SPACE and self.peek(end) != ">":
            end += 1
        name = self.src[begin + 2 : end].lower()
        while self.peek(end) and self.peek(end) in _SPACE:
            end += 1
        if self.peek(end) != ">":
            raise EntityError(f"Unclosed end tag at byte offset {where}")
        opened = self.stack[-1]
        if name and name != opened.tag:
            raise EntityError(
                f'Unmatched end tag at byte offset {where}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self.stack.pop()
        self.i = end + 1
        self.close(opened)

    def close(self, opened: _Open) -> None:
        length = self.pos16 - opened.offset
        if length == 0:
            return  # Telegram drops empty entities
        entity: dict[str, Any] = {"type": TAGS[opened.tag], "offset": opened.offset}
        entity["length"] = length
        if opened.tag == "a":
            url = opened.attrs.get("href") or "".join(self.out)[opened.start :]
            if not url.startswith(("http://", "https://", "tg://", "mailto:", "ton://")):
                return  # Telegram silently drops links it cannot use
            entity["url"] = url
        elif opened.tag == "tg-emoji":
            entity["custom_emoji_id"] = opened.attrs["emoji-id"]
        elif opened.tag == "blockquote" and "expandable" in opened.attrs:
            entity["type"] = "expandable_blockquote"
        elif opened.tag == "code" and opened.attrs.get("class", "").startswith("language-"):
            parent = self.stack[-1] if self.stack else None
            if parent is not None and parent.tag == "pre" and parent.offset == opened.offset:
                parent.attrs["language"] = opened.attrs["class"][len("language-") :]
                return  # <pre><code class="language-x"> is one pre entity with a language
        elif opened.tag == "pre" and opened.attrs.get("language"):
            entity["language"] = opened.attrs["language"]
        self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Visible text and entities of an HTML-formatted text; EntityError where Telegram refuses."""
    return _Scanner(source).run()


def strip_tags(source: str) -> str:
    """What a person reads, for text that may or may not be valid HTML (never raises)."""
    try:
        return parse_html(source)[0]
    except EntityError:
        return source
