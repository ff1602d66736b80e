"""Loading survey instruments from TOML, validated, and finding the items for a role.

The shipped file is ``flows/definitions/surveys/default.toml`` (the package's own data). A
deployment may add its own file on top: the use case reads it (``services.surveys``) and hands
its text to :func:`parse_instruments` with the shipped set as ``base``. It may add scales, add
instruments, or replace a shipped instrument by reusing its id. It may not redefine a shipped
scale, because shipped instruments would silently change meaning.

Everything that could break a survey in the field is refused at load with a message naming the
place: unknown ``spec_version``, unknown keys (a typo such as ``skipable`` would otherwise be
ignored), duplicate ids, an unknown scale or source, a missing language, a role wording for a
role that is not asked, a mirrored item pointing nowhere, a scale that cannot be scored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from flows.languages import SHIPPED_LANGUAGES
from flows.roles import Role, parse_role
from flows.surveys.items import Instrument, Item, Scale, ScaleKind, Source
from flows.surveys.scales import InstrumentError, check_id, check_keys, parse_scale, texts

SPEC_VERSION = 1
DEFAULT_INSTRUMENT = "jsd_trust_v1"
MAX_ITEM_TEXT = 500
MAX_TITLE = 100
MAX_INTRO = 1000

_TOP_KEYS = {"spec_version", "scale", "instrument"}
_INSTRUMENT_KEYS = {"id", "title", "intro", "item"}
_ITEM_KEYS = {
    "id", "scale", "source", "reference", "roles", "skippable", "in_index", "mirrors", "text",
    "role_text",
}  # fmt: skip

__all__ = [
    "DEFAULT_INSTRUMENT",
    "SPEC_VERSION",
    "InstrumentError",
    "InstrumentSet",
    "default_instrument",
    "items_for",
    "parse_instruments",
    "shipped_instruments",
]


@dataclass(frozen=True, slots=True)
class InstrumentSet:
    """The scales and instruments available to a deployment, by id, in file order."""

    scales: MappingProxyType[str, Scale]
    instruments: MappingProxyType[str, Instrument]

    def instrument(self, instrument_id: str) -> Instrument:
        try:
            return self.instruments[instrument_id]
        except KeyError:
            raise KeyError(f"no survey instrument {instrument_id!r}") from None


def parse_instruments(
    text: str,
    *,
    languages: tuple[str, ...] = SHIPPED_LANGUAGES,
    base: InstrumentSet | None = None,
) -> InstrumentSet:
    """The instruments in TOML ``text``, on top of ``base`` (add or replace by id)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"not valid TOML: {exc}") from None
    version = data.get("spec_version")
    if type(version) is not int or version != SPEC_VERSION:
        raise InstrumentError(f"unknown spec_version {version!r} (this Palabre reads 1)")
    check_keys(data, _TOP_KEYS, "file")
    scales = dict(base.scales) if base else {}
    for raw in _tables(data, "scale", "file"):
        scale = parse_scale(raw, languages)
        if scale.id in scales:
            raise InstrumentError(f"duplicate scale id {scale.id!r}")
        scales[scale.id] = scale
    instruments = dict(base.instruments) if base else {}
    seen: set[str] = set()
    for raw in _tables(data, "instrument", "file"):
        instrument = _instrument(raw, scales, languages)
        if instrument.id in seen:
            raise InstrumentError(f"duplicate instrument id {instrument.id!r}")
        seen.add(instrument.id)
        instruments[instrument.id] = instrument
    if not instruments:
        raise InstrumentError("no instruments: write at least one [[instrument]]")
    return InstrumentSet(MappingProxyType(scales), MappingProxyType(instruments))


@cache
def shipped_instruments() -> InstrumentSet:
    """The instruments shipped with Palabre (validated once, then cached)."""
    text = (
        resources.files("flows.definitions.surveys")
        .joinpath("default.toml")
        .read_text(encoding="utf-8")
    )
    return parse_instruments(text)


def default_instrument() -> Instrument:
    return shipped_instruments().instrument(DEFAULT_INSTRUMENT)


def items_for(role: Role, instrument: Instrument | None = None) -> tuple[Item, ...]:
    """The items ``role`` answers in ``instrument`` (the default instrument when None)."""
    return (instrument or default_instrument()).items_for(role)


def _tables(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InstrumentError(f"{where}: {key} must be an array of tables: write [[{key}]]")
    return entries


def _instrument(
    raw: dict[str, Any], scales: dict[str, Scale], languages: tuple[str, ...]
) -> Instrument:
    instrument_id = check_id(raw.get("id"), "an instrument")
    check_keys(raw, _INSTRUMENT_KEYS, instrument_id)
    title = texts(raw.get("title"), languages, f"{instrument_id}: title", MAX_TITLE)
    intro = texts(raw.get("intro"), languages, f"{instrument_id}: intro", MAX_INTRO)
    items: dict[str, Item] = {}
    for entry in _tables(raw, "item", instrument_id):
        item = _item(entry, scales, languages, instrument_id)
        if item.id in items:
            raise InstrumentError(f"{instrument_id}: duplicate item id {item.id!r}")
        items[item.id] = item
    if not items:
        raise InstrumentError(f"{instrument_id}: no items")
    for item in items.values():
        _check_mirror(item, items, instrument_id)
    return Instrument(instrument_id, title, intro, tuple(items.values()))


def _item(
    raw: dict[str, Any], scales: dict[str, Scale], languages: tuple[str, ...], parent: str
) -> Item:
    item_id = check_id(raw.get("id"), f"{parent}: an item")
    where = f"{parent}/{item_id}"
    check_keys(raw, _ITEM_KEYS, where)
    scale_id = raw.get("scale")
    scale = scales.get(scale_id) if isinstance(scale_id, str) else None
    if scale is None:
        raise InstrumentError(f"{where}: unknown scale {scale_id!r}")
    try:
        source = Source(str(raw.get("source")))
    except ValueError:
        known = ", ".join(s.value for s in Source)
        raise InstrumentError(f"{where}: unknown source {raw.get('source')!r} ({known})") from None
    roles = _roles(raw.get("roles"), where)
    flags = {name: raw.get(name, False) for name in ("skippable", "in_index")}
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise InstrumentError(f"{where}: {name} must be true or false")
    if flags["in_index"] and scale.kind is ScaleKind.TEXT:
        raise InstrumentError(f"{where}: an open question cannot be in the index")
    reference = raw.get("reference", "")
    mirrors = raw.get("mirrors")
    if not isinstance(reference, str) or not (mirrors is None or isinstance(mirrors, str)):
        raise InstrumentError(f"{where}: reference and mirrors must be strings")
    role_text_raw = raw.get("role_text", {})
    if not isinstance(role_text_raw, dict):
        raise InstrumentError(f"{where}: role_text must be a table of roles")
    role_texts: dict[Role, MappingProxyType[str, str]] = {}
    for name, table in role_text_raw.items():
        role = parse_role(name)
        if role not in roles:
            raise InstrumentError(f"{where}: role_text for {name!r}, which is not asked")
        role_texts[role] = texts(table, languages, f"{where}: {name} text", MAX_ITEM_TEXT)
    if "text" in raw or len(role_texts) < len(roles):
        base_text = texts(raw.get("text"), languages, f"{where}: text", MAX_ITEM_TEXT)
    else:  # every role has its own wording
        base_text = MappingProxyType({})
    return Item(
        id=item_id,
        scale=scale,
        source=source,
        roles=roles,
        skippable=flags["skippable"],
        in_index=flags["in_index"],
        texts=base_text,
        role_texts=MappingProxyType(role_texts),
        mirrors=mirrors,
        reference=reference,
    )


def _roles(value: object, where: str) -> tuple[Role, ...]:
    if not isinstance(value, list) or not value:
        raise InstrumentError(f"{where}: roles must be a non-empty list")
    roles = []
    for name in value:
        role = parse_role(name) if isinstance(name, str) else None
        if role is None:
            raise InstrumentError(f"{where}: unknown role {name!r}")
        if role in roles:
            raise InstrumentError(f"{where}: role {name!r} listed twice")
        roles.append(role)
    return tuple(roles)


def _check_mirror(item: Item, items: dict[str, Item], parent: str) -> None:
    if item.mirrors is None:
        return
    where = f"{parent}/{item.id}"
    target = items.get(item.mirrors)
    if target is None:
        raise InstrumentError(f"{where}: mirrors {item.mirrors!r}, which is not an item here")
    if target.mirrors is not None:
        raise InstrumentError(f"{where}: mirrors {target.id!r}, itself a mirrored item")
    if item.is_text or target.is_text:
        raise InstrumentError(f"{where}: open questions cannot mirror or be mirrored")
    if Role.COMMUNITY not in target.roles or Role.COMMUNITY in item.roles:
        raise InstrumentError(
            f"{where}: a mirror asks police or officials about an item the community answers"
        )
