"""Telegram's HTML parse mode: what it accepts, and the text a person finally sees."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_BARE_AMP = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)")
_BARE_LT = re.compile(r"<(?!/?[a-zA-Z])")


class EntityError(ValueError):
    """What Telegram answers as "can't parse entities"."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            raise EntityError(f'Unsupported start tag "{tag}"')
        if tag == "span" and ("class", "tg-spoiler") not in attrs:
            raise EntityError('Tag "span" must have class "tg-spoiler"')
        if tag == "a" and not dict(attrs).get("href"):
            raise EntityError('Tag "a" must have an "href" attribute')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise EntityError(f'Unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text after entity parsing; raises EntityError where Telegram would refuse it."""
    if not parse_mode:
        return text
    if parse_mode.upper() != "HTML":
        return text  # Markdown modes are not used by Palabre; pass them through.
    if _BARE_AMP.search(text):
        raise EntityError("Character '&' is reserved and must be escaped")
    if _BARE_LT.search(text):
        raise EntityError("Character '<' is reserved and must be escaped")
    reader = _Reader()
    reader.feed(text)
    reader.close()
    if reader.stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{reader.stack[-1]}"')
    return "".join(reader.text)
