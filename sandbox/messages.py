"""Messages as the sandbox keeps them, with edits applied in place.

A test holds on to a ``BotMessage`` and later looks at it again: after the bot edited it the
same object shows the new text and keyboard (and the old texts in ``edits``), after a deletion
``deleted`` is true. That is how a person's screen behaves, so assertions read naturally.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.html import strip_tags

#: The fields that give an inline button its action; exactly one per button.
BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


@dataclass
class BotMessage:
    """One message in a chat: sent by the bot (``from_bot``) or by a virtual participant."""

    message_id: int
    chat_id: int
    text: str  # as sent: the text, or the caption of a document or photo (HTML kept)
    date: int
    parse_mode: str | None = None
    kind: str = "text"  # "text", "document", "photo"; participants also "voice", "sticker"...
    reply_markup: dict[str, Any] | None = None
    from_bot: bool = True
    sender_id: int | None = None  # the participant's user id; None for the bot
    visible: str | None = None  # the text after entity parsing and trimming
    entities: list[dict[str, Any]] = field(default_factory=list)
    document: bytes | None = None  # the uploaded bytes of a document or photo
    filename: str | None = None
    attachment: dict[str, Any] = field(default_factory=dict)  # Bot API fields (photo, voice...)
    reply_to: int | None = None
    disable_notification: bool = False
    deleted: bool = False
    edits: list[str] = field(default_factory=list)  # earlier texts, oldest first
    edit_date: int | None = None

    @property
    def plain_text(self) -> str:
        """What a person reads: tags stripped, entities unescaped."""
        return self.visible if self.visible is not None else strip_tags(self.text)

    @property
    def caption(self) -> str | None:
        return self.plain_text if self.kind != "text" else None

    @property
    def button_rows(self) -> list[list[tuple[str, str]]]:
        """Inline keyboard rows as (visible text, callback data or URL or other action)."""
        if not self.reply_markup or "inline_keyboard" not in self.reply_markup:
            return []
        rows: list[list[tuple[str, str]]] = []
        for row in self.reply_markup["inline_keyboard"]:
            rows.append([(b["text"], _action_value(b)) for b in row])
        return rows

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """All inline buttons, row by row, as (text, callback data or URL)."""
        return [button for row in self.button_rows for button in row]

    def raw_button(self, label: str) -> dict[str, Any]:
        """The inline button with exactly this text, else the only one containing it."""
        raw = [b for row in (self.reply_markup or {}).get("inline_keyboard", []) for b in row]
        exact = [b for b in raw if b["text"] == label]
        if exact:
            return exact[0]
        partial = [b for b in raw if label.casefold() in b["text"].casefold()]
        if len(partial) == 1:
            return partial[0]
        shown = " ".join(f"[{b['text']}]" for b in raw) or "no buttons"
        why = "several buttons match" if partial else "no button matches"
        raise AssertionError(f"{why} {label!r} on message {self.plain_text[:60]!r}: {shown}")

    def find_button(self, label: str) -> tuple[str, str]:
        """(text, action value) of a button chosen as in ``raw_button``."""
        button = self.raw_button(label)
        return button["text"], _action_value(button)


def _action_value(button: dict[str, Any]) -> str:
    for key in BUTTON_ACTIONS:
        if key in button:
            value = button[key]
            return value if isinstance(value, str) else key
    return ""
