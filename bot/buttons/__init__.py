"""Callback data as typed buttons: one small frozen dataclass per kind of button.

A button class names its prefix and its fields; ``encode()`` writes ``prefix:field:field`` inside
Telegram's 64 bytes, ``decode()`` reads it back or gives None for anything else. Anything can
arrive (a modified client forges data), so decoding checks every field's type and handlers
still re-check each id against the database and the caller's role.
"""

from bot.buttons.base import Button, ButtonError

__all__ = ["Button", "ButtonError"]
