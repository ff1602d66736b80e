"""Typed buttons: what is written reads back, nothing forged reads as a button, every kind fits
in Telegram's 64 bytes and is handled by exactly one handler."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, fields
from enum import Enum, StrEnum

import pytest

import bot.buttons
from bot.buttons import Button, ButtonError
from bot.buttons.base import _field_kinds
from bot.handlers.press import button_of
from bot.handlers.registry import PRESSES


def _kinds() -> list[type[Button]]:
    for info in pkgutil.iter_modules(bot.buttons.__path__):
        importlib.import_module(f"bot.buttons.{info.name}")
    found: list[type[Button]] = []
    stack = list(Button.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("bot.buttons."):
            found.append(cls)
    return sorted(found, key=lambda c: c.prefix)


def _widest(kind: type[Button]) -> Button:
    """The longest value of every field: ids of 12 hex digits, 10-digit numbers, enums' longest."""
    values = {}
    for name, hint in _field_kinds(kind):
        options = [h for h in getattr(hint, "__args__", (hint,)) if h is not type(None)]
        (hint,) = options
        if hint is bool:
            values[name] = True
        elif hint is int:
            values[name] = 10**9
        elif isinstance(hint, type) and issubclass(hint, Enum):
            values[name] = max(hint, key=lambda e: len(str(e.value)))
        else:
            values[name] = "f" * 12
    return kind(**values)


KINDS = _kinds()


def test_there_are_buttons() -> None:
    assert len(KINDS) >= 8


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.prefix)
def test_the_widest_button_fits_and_reads_back(kind: type[Button]) -> None:
    button = _widest(kind)
    data = button.encode()
    assert len(data.encode("utf-8")) <= 64, data
    assert kind.decode(data) == button


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.prefix)
def test_forged_data_is_not_a_button(kind: type[Button]) -> None:
    data = _widest(kind).encode()
    for forged in (None, "", kind.prefix + "x", data + ":extra", data.rsplit(":", 1)[0] + ":"):
        if forged != kind.prefix or fields(kind):
            assert kind.decode(forged) is None, forged
    assert kind.decode("x" * 65) is None


def test_prefixes_do_not_overlap() -> None:
    prefixes = [k.prefix for k in KINDS]
    assert len(set(prefixes)) == len(prefixes)
    for a in prefixes:
        for b in prefixes:
            assert a == b or not b.startswith(a + ":"), (a, b)


def test_every_typed_button_has_exactly_one_handler() -> None:
    handled = [button_of(callback) for callback in PRESSES]
    assert len(set(handled)) == len(handled)
    assert {k.prefix for k in KINDS} == {k.prefix for k in handled}


class Colour(StrEnum):
    RED = "red"


@dataclass(frozen=True)
class Sample(Button):
    prefix = "zz:t"
    name: str
    count: int | None
    colour: Colour
    flag: bool


def test_fields_of_every_type_read_back_and_bad_values_are_refused() -> None:
    button = Sample("abc", None, Colour.RED, False)
    assert button.encode() == "zz:t:abc:-:red:0"
    assert Sample.decode("zz:t:abc:-:red:0") == button
    assert Sample.decode("zz:t:abc:12:red:1") == Sample("abc", 12, Colour.RED, True)
    for bad in ("zz:t:abc:x:red:0", "zz:t:abc:-:blue:0", "zz:t:abc:-:red:2", "zz:t::-:red:0"):
        assert Sample.decode(bad) is None, bad
    for unwritable in (Sample("a:b", 1, Colour.RED, True), Sample("-", 1, Colour.RED, True)):
        with pytest.raises(ButtonError):
            unwritable.encode()
    with pytest.raises(ButtonError):
        Sample("x" * 70, 1, Colour.RED, True).encode()
