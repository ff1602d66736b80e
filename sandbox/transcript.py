"""A readable record of everything said in the sandbox, for the demo and for failing tests.

Lines use people's names and group titles, never ids, so that a transcript reads like the
conversation a facilitator would see: ``Alice → /start``, ``bot → Alice: Welcome…`` with the
buttons underneath, one keyboard row per line, as ``[English] [Français]``.
"""

from __future__ import annotations

from collections.abc import Callable

from sandbox.messages import BotMessage

Listener = Callable[[str], None]
_INDENT = "    "


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} kB"
    return f"{count / 1024 / 1024:.1f} MB"


def excerpt(text: str, width: int = 60) -> str:
    """The first line of a text, shortened for a one-line mention."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def describe(message: BotMessage) -> str:
    """A message body as the transcript shows it: text, attachment, then button rows."""
    body = message.plain_text
    if message.kind == "document":
        size = _size(len(message.document or b""))
        body = f"[document {message.filename or 'file'}, {size}] {body}".rstrip()
    elif message.kind == "photo":
        body = f"[photo, {_size(len(message.document or b''))}] {body}".rstrip()
    lines = body.splitlines() or [""]
    text = lines[0] + "".join(f"\n{_INDENT}{line}" for line in lines[1:])
    for row in message.button_rows:
        text += f"\n{_INDENT}" + " ".join(f"[{label}]" for label, _ in row)
    return text


class Transcript:
    """Lines in the order things happened, plus an optional listener called for each."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.listener: Listener | None = None

    def note(self, line: str) -> None:
        self.lines.append(line)
        if self.listener is not None:
            self.listener(line)

    def sent(self, chat_name: str, message: BotMessage) -> None:
        self.note(f"bot → {chat_name}: {describe(message)}")

    def edited(self, chat_name: str, message: BotMessage) -> None:
        self.note(f"bot edited its message to {chat_name}: {describe(message)}")

    def deleted(self, chat_name: str, message: BotMessage, sender: str) -> None:
        self.note(f"bot deleted {sender}'s message in {chat_name}: «{excerpt(message.plain_text)}»")

    def toast(self, person: str, text: str, alert: bool) -> None:
        self.note(f"bot → {person} ({'alert' if alert else 'toast'}): {text}")

    def refused(self, method: str, chat_name: str | None, code: int, description: str) -> None:
        """A call the sandbox refused, so a demo shows why a message never arrived."""
        where = f" for {chat_name}" if chat_name else ""
        self.note(f"bot ✗ {method}{where}: {code} {description}")

    def __str__(self) -> str:
        return "\n".join(self.lines)
