"""Grievance categories and "when" choices, as data in three languages.

The defaults ship in ``flows/definitions/grievances/categories.toml``; a dialogue may replace
the category list with its own (same format, see :func:`with_custom_categories`), because what
people complain about differs from one site to another. Everything is validated when loaded, so
a broken definition fails loudly at start-up or when a facilitator submits it, never halfway
through someone's report.

Ids are persisted with each grievance and travel in button callback data, hence the strict id
pattern: short, lower case, no ``:``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from flows.languages import DEFAULT_LANGUAGE, SHIPPED_LANGUAGES

SPEC_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
#: Labels end up on buttons: keep them short enough to read on a small phone.
MAX_LABEL = 64


class DefinitionError(ValueError):
    """A categories definition that cannot be used, with what is wrong in it."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One choice offered to the person: a stable id and its label in each language."""

    id: str
    labels: Mapping[str, str] = field(hash=False)
    urgent: bool = False
    confidential: bool = False

    def label(self, language: str) -> str:
        """The label in ``language``, falling back to English for an unknown language."""
        return self.labels.get(language) or self.labels[DEFAULT_LANGUAGE]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The categories, when-choices and the "no area" choice offered by one dialogue."""

    categories: tuple[Choice, ...]
    when: tuple[Choice, ...]
    unspecified_area: Choice

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    @property
    def when_ids(self) -> tuple[str, ...]:
        return tuple(w.id for w in self.when)

    @property
    def urgent_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.categories if c.urgent)

    @property
    def confidential_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.categories if c.confidential)

    def category(self, category_id: str) -> Choice | None:
        """The category with this id, or None (an id from an old list, or a forged button)."""
        return next((c for c in self.categories if c.id == category_id), None)


def parse_catalogue(
    data: Mapping[str, Any], languages: tuple[str, ...] = SHIPPED_LANGUAGES
) -> Catalogue:
    """Validate a parsed definition (the TOML as a dict) and build the catalogue."""
    _check_version(data)
    categories = _choices(data.get("categories"), "categories", languages, flags=True)
    when = _choices(data.get("when"), "when", languages, flags=False)
    unspecified = data.get("unspecified_area")
    if not isinstance(unspecified, Mapping):
        raise DefinitionError("unspecified_area: missing table")
    (unspecified_choice,) = _choices([unspecified], "unspecified_area", languages, flags=False)
    return Catalogue(categories, when, unspecified_choice)


def parse_catalogue_text(text: str, languages: tuple[str, ...] = SHIPPED_LANGUAGES) -> Catalogue:
    """Parse and validate TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"not valid TOML: {exc}") from None
    return parse_catalogue(data, languages)


def with_custom_categories(
    base: Catalogue, data: Mapping[str, Any], languages: tuple[str, ...] = SHIPPED_LANGUAGES
) -> Catalogue:
    """``base`` with its categories replaced by a dialogue's own list.

    ``data`` has the file's shape: ``{"spec_version": 1, "categories": [{"id": ..., "label":
    {"en": ..., "fr": ..., "ar": ...}, "urgent": false}, ...]}``. The when-choices stay.
    """
    _check_version(data)
    categories = _choices(data.get("categories"), "categories", languages, flags=True)
    return Catalogue(categories, base.when, base.unspecified_area)


@cache
def default_catalogue() -> Catalogue:
    """The shipped categories and choices."""
    text = (
        resources.files("flows.definitions.grievances")
        .joinpath("categories.toml")
        .read_text(encoding="utf-8")
    )
    return parse_catalogue_text(text)


def _check_version(data: Mapping[str, Any]) -> None:
    if not isinstance(data, Mapping):
        raise DefinitionError("expected a table with spec_version and categories")
    version = data.get("spec_version")
    if version != SPEC_VERSION or isinstance(version, bool):
        raise DefinitionError(
            f"unknown spec_version {version!r} (this Palabre reads version {SPEC_VERSION})"
        )


def _choices(
    raw: object, where: str, languages: tuple[str, ...], *, flags: bool
) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise DefinitionError(f"{where}: expected a non-empty list")
    found: list[Choice] = []
    seen: set[str] = set()
    allowed = {"id", "label", "urgent", "confidential"} if flags else {"id", "label"}
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            raise DefinitionError(f"{where} #{position}: expected a table")
        choice_id = item.get("id")
        if not isinstance(choice_id, str) or not ID_PATTERN.match(choice_id):
            raise DefinitionError(
                f"{where} #{position}: id {choice_id!r} must match {ID_PATTERN.pattern}"
            )
        name = f"{where} {choice_id!r}"
        if choice_id in seen:
            raise DefinitionError(f"{name}: duplicate id")
        seen.add(choice_id)
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise DefinitionError(f"{name}: unknown keys {unknown}")
        flag_values = {key: item.get(key, False) for key in ("urgent", "confidential")}
        for key, value in flag_values.items():
            if not isinstance(value, bool):
                raise DefinitionError(f"{name}: {key} must be true or false")
        labels = _labels(item.get("label"), name, languages)
        found.append(Choice(choice_id, labels, **flag_values))
    return tuple(found)


def _labels(raw: object, name: str, languages: tuple[str, ...]) -> Mapping[str, str]:
    if not isinstance(raw, Mapping):
        raise DefinitionError(f"{name}: expected a label table with {', '.join(languages)}")
    unknown = sorted(set(raw) - set(languages))
    if unknown:
        raise DefinitionError(f"{name}: labels in unknown languages {unknown}")
    labels: dict[str, str] = {}
    for language in languages:
        value = raw.get(language)
        if not isinstance(value, str) or not value.strip():
            raise DefinitionError(f"{name}: missing or empty label in {language!r}")
        if len(value) > MAX_LABEL:
            raise DefinitionError(f"{name}: {language!r} label over {MAX_LABEL} characters")
        labels[language] = value.strip()
    return MappingProxyType(labels)
