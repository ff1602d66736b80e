"""The codec of typed buttons (see the package's docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from enum import Enum
from types import NoneType, UnionType
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints

MAX_BYTES = 64
NONE = "-"  # how an optional field that is empty is written
_PREFIX = re.compile(r"^[a-z]{1,8}(:[a-z]{1,4})?$")


class ButtonError(ValueError):
    """A button that cannot be written: a field holds ':' or is empty, or it is too long."""


@dataclass(frozen=True)
class Button:
    """Subclass as a frozen dataclass with ``prefix`` set; fields are str, int, bool, a str
    Enum, or one of those or None."""

    prefix: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _PREFIX.match(cls.prefix):
            raise TypeError(f"{cls.__name__}: prefix {cls.prefix!r} is not 'kind' or 'kind:act'")

    def encode(self) -> str:
        parts = [self.prefix]
        for f in fields(self):
            value = getattr(self, f.name)
            text = _write(value)
            if not text or ":" in text or (text == NONE and value is not None):
                raise ButtonError(f"{type(self).__name__}.{f.name}: {text!r} cannot be written")
            parts.append(text)
        data = ":".join(parts)
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise ButtonError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def decode(cls, data: str | None) -> Self | None:
        """The button ``data`` stands for, or None when it is not one of this kind."""
        if not data or len(data.encode("utf-8")) > MAX_BYTES:
            return None
        if data == cls.prefix:
            rest: list[str] = []
        elif data.startswith(cls.prefix + ":"):
            rest = data[len(cls.prefix) + 1 :].split(":")
        else:
            return None
        kinds = _field_kinds(cls)
        if len(rest) != len(kinds):
            return None
        values = {}
        for (name, kind), text in zip(kinds, rest, strict=True):
            try:
                values[name] = _read(kind, text)
            except ValueError:
                return None
        return cls(**values)

    @classmethod
    def matches(cls, data: object) -> bool:
        """For PTB's CallbackQueryHandler: whether ``data`` has this prefix at all."""
        return isinstance(data, str) and (data == cls.prefix or data.startswith(cls.prefix + ":"))


_KINDS: dict[type[Button], tuple[tuple[str, Any], ...]] = {}


def _field_kinds(cls: type[Button]) -> tuple[tuple[str, Any], ...]:
    """Each field's name and type, read once per class."""
    found = _KINDS.get(cls)
    if found is None:
        hints = get_type_hints(cls)
        found = _KINDS[cls] = tuple((f.name, hints[f.name]) for f in fields(cls))
    return found


def _write(value: object) -> str:
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _read(kind: Any, text: str) -> Any:
    if get_origin(kind) in (Union, UnionType):
        options = [k for k in get_args(kind) if k is not NoneType]
        if text == NONE:
            return None
        (kind,) = options
    if kind is bool:
        if text not in ("0", "1"):
            raise ValueError(text)
        return text == "1"
    if kind is int:
        if not text.isdigit() or len(text) > 18:
            raise ValueError(text)
        return int(text)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(text)
    if kind is str:
        if not text or text == NONE:
            raise ValueError(text)
        return text
    raise TypeError(f"a button field cannot be {kind!r}")
