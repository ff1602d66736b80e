"""Reading and validating the ``[[scale]]`` tables of an instrument file, and shared checks.

A choice scale must be scorable: at least two scored choices with distinct numeric values
(the lowest maps to 0 and the highest to 100, or the reverse when ``high = "min"``), every
other choice marked ``excluded`` with a reason, and "favourable" choices drawn from the scored
ones. Ids are short lowercase words because they travel in Telegram callback data (64 bytes
for the whole payload) and are stored with every answer.
"""

from __future__ import annotations

import math
import re
from types import MappingProxyType
from typing import Any

from flows.surveys.items import Choice, Excluded, HighEnd, Scale, ScaleKind

MAX_ID = 32
MAX_LABEL = 64
#: Telegram text messages hold at most 4096 characters.
MAX_TEXT_LENGTH = 4000
_ID = re.compile(rf"[a-z][a-z0-9_]{{0,{MAX_ID - 1}}}")
_SCALE_KEYS = {"id", "kind", "high", "favourable", "choice", "max_length"}
_CHOICE_KEYS = {"id", "value", "excluded", "label"}


class InstrumentError(ValueError):
    """An instrument file that cannot be used, with what is wrong and where."""


def check_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InstrumentError(
            f"{what} has no valid id ({value!r}): lowercase letters, digits and _, "
            f"starting with a letter, at most {MAX_ID} characters"
        )
    return value


def check_keys(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise InstrumentError(f"{where}: unknown key(s) {', '.join(unknown)}")


def texts(
    value: object, languages: tuple[str, ...], where: str, limit: int
) -> MappingProxyType[str, str]:
    """A table of texts by language with every one of ``languages``, none empty or too long."""
    if not isinstance(value, dict):
        raise InstrumentError(f"{where}: missing, or not a table of languages")
    for language in languages:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise InstrumentError(f"{where}: missing or empty language {language!r}")
    for language, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise InstrumentError(f"{where}: {language!r} must be a non-empty string")
        if len(text) > limit:
            raise InstrumentError(f"{where}: {language!r} longer than {limit} characters")
    return MappingProxyType(dict(value))


def parse_scale(raw: dict[str, Any], languages: tuple[str, ...]) -> Scale:
    scale_id = check_id(raw.get("id"), "a scale")
    check_keys(raw, _SCALE_KEYS, f"scale {scale_id}")
    kind = raw.get("kind", ScaleKind.CHOICE.value)
    if kind == ScaleKind.TEXT:
        return _text_scale(raw, scale_id)
    if kind != ScaleKind.CHOICE:
        raise InstrumentError(f"scale {scale_id}: kind must be 'choice' or 'text', not {kind!r}")
    where = f"scale {scale_id}"
    if "max_length" in raw:
        raise InstrumentError(f"{where}: max_length is for text scales")
    try:
        high = HighEnd(str(raw.get("high")))
    except ValueError:
        raise InstrumentError(f"{where}: high must be 'max' or 'min'") from None
    entries = raw.get("choice")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InstrumentError(f"{where}: choices must be an array of tables: [[scale.choice]]")
    choices: list[Choice] = []
    for entry in entries:
        choice = _choice(entry, languages, where)
        if choice.id in (c.id for c in choices):
            raise InstrumentError(f"{where}: duplicate choice id {choice.id!r}")
        choices.append(choice)
    values = [c.value for c in choices if c.value is not None]
    if len(values) < 2:
        raise InstrumentError(f"{where}: needs at least two scored choices")
    if len(set(values)) != len(values):
        raise InstrumentError(f"{where}: two scored choices share a value")
    favourable = raw.get("favourable", [])
    scored_ids = {c.id for c in choices if c.excluded is None}
    if not isinstance(favourable, list) or not set(favourable) <= scored_ids:
        raise InstrumentError(f"{where}: favourable must list scored choice ids")
    return Scale(scale_id, ScaleKind.CHOICE, tuple(choices), high, frozenset(favourable))


def _text_scale(raw: dict[str, Any], scale_id: str) -> Scale:
    where = f"scale {scale_id}"
    for key in ("high", "favourable", "choice"):
        if key in raw:
            raise InstrumentError(f"{where}: a text scale has no {key}")
    max_length = raw.get("max_length")
    if type(max_length) is not int or not 1 <= max_length <= MAX_TEXT_LENGTH:
        raise InstrumentError(f"{where}: max_length must be between 1 and {MAX_TEXT_LENGTH}")
    return Scale(scale_id, ScaleKind.TEXT, max_length=max_length)


def _choice(raw: dict[str, Any], languages: tuple[str, ...], parent: str) -> Choice:
    choice_id = check_id(raw.get("id"), f"{parent}: a choice")
    where = f"{parent}/{choice_id}"
    check_keys(raw, _CHOICE_KEYS, where)
    labels = texts(raw.get("label"), languages, f"{where}: label", MAX_LABEL)
    if "excluded" in raw:
        if "value" in raw:
            raise InstrumentError(f"{where}: an excluded choice has no value")
        try:
            excluded = Excluded(raw["excluded"])
        except ValueError:
            known = ", ".join(e.value for e in Excluded)
            raise InstrumentError(f"{where}: excluded must be one of {known}") from None
        return Choice(choice_id, None, excluded, labels)
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InstrumentError(f'{where}: needs a numeric value, or excluded = "dont_know"…')
    return Choice(choice_id, float(value), None, labels)
