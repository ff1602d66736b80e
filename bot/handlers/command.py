"""Binding a handler to a command of the one command table, ``flows.commands.COMMANDS``.

The table says what each command is called, who may use it and how /help and the Telegram
menu describe it; ``@command("name")`` says which function answers it. A name outside the table,
or one bound twice, fails at import, so the table and the handlers cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from flows.commands import COMMANDS, Command

Callback = Callable[[Any, Any], Coroutine[Any, Any, None]]
F = TypeVar("F", bound=Callback)

_KNOWN = {c.name: c for c in COMMANDS}
_BOUND: dict[str, Callback] = {}


def command(name: str) -> Callable[[F], F]:
    """Make the decorated handler the one that answers ``/name``."""
    if name not in _KNOWN:
        raise LookupError(f"/{name} is not in flows.commands.COMMANDS")

    def bind(fn: F) -> F:
        if name in _BOUND:
            raise LookupError(f"/{name} is answered twice")
        _BOUND[name] = fn
        return fn

    return bind


def bound() -> tuple[tuple[Command, Callback], ...]:
    """Every command of the table with its handler, in the table's order.

    Raises LookupError naming the commands nobody answers (the handler modules must have been
    imported first, as the registry does).
    """
    missing = [c.name for c in COMMANDS if c.name not in _BOUND]
    if missing:
        raise LookupError("no handler for /" + ", /".join(missing))
    return tuple((c, _BOUND[c.name]) for c in COMMANDS)
