"""Update handlers: each translates an update into a use case and its result into messages."""

from bot.handlers.registry import register_handlers

__all__ = ["register_handlers"]
