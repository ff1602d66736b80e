"""Messages as the sandbox keeps them: what the bot sent, with edits applied."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.html import visible_text


@dataclass
class BotMessage:
    message_id: int
    chat_id: int
    text: str  # the text, or a document's or photo's caption
    date: int
    parse_mode: str | None = None
    kind: str = "text"  # "text", "document" or "photo"
    reply_markup: dict[str, Any] | None = None
    from_bot: bool = True
    document: bytes | None = None
    filename: str | None = None
    deleted: bool = False
    edits: list[str] = field(default_factory=list)

    @property
    def plain_text(self) -> str:
        try:
            return visible_text(self.text, self.parse_mode)
        except ValueError:
            return self.text

    @property
    def button_rows(self) -> list[list[tuple[str, str]]]:
        if not self.reply_markup or "inline_keyboard" not in self.reply_markup:
            return []
        return [
            [(b["text"], b.get("callback_data") or b.get("url") or "") for b in row]
            for row in self.reply_markup["inline_keyboard"]
        ]

    @property
    def buttons(self) -> list[tuple[str, str]]:
        return [b for row in self.button_rows for b in row]

    def find_button(self, label: str) -> tuple[str, str]:
        """A button by exact text, else by a substring only one button has."""
        exact = [b for b in self.buttons if b[0] == label]
        if exact:
            return exact[0]
        partial = [b for b in self.buttons if label.casefold() in b[0].casefold()]
        if len(partial) == 1:
            return partial[0]
        shown = " | ".join(b[0] for b in self.buttons) or "no buttons"
        raise AssertionError(f"no single button {label!r} on message; buttons: {shown}")
