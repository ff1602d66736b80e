"""Translation and locale-aware formatting, with an explicit translator per recipient.

Scheduled sends have no "current user", so nothing here is global: the edge asks ``Catalogs``
for the translator of the person it is writing to. Message ids are English source text with
named ``{placeholders}``; formatting happens after translation.
"""

from __future__ import annotations

import io
from datetime import date, datetime, tzinfo
from functools import cached_property

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

import locales
from flows.languages import DEFAULT_LANGUAGE, RIGHT_TO_LEFT, SHIPPED_LANGUAGES

# Unicode marks that keep numbers and Latin fragments in place inside right-to-left text.
RLM = "\u200f"


class Translator:
    """Everything needed to write to one person in their language."""

    def __init__(self, language: str, translations: NullTranslations) -> None:
        self.language = language
        self._translations = translations

    def _(self, message: str, **values: object) -> str:  # noqa: N802 - gettext's name
        text = self._translations.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        text = self._translations.ngettext(singular, plural, count)
        return text.format(**values)

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.language)

    @property
    def right_to_left(self) -> bool:
        return self.language in RIGHT_TO_LEFT

    def number(self, value: float | int, digits: int | None = None) -> str:
        fmt = None if digits is None else "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(value, format=fmt, locale=self.locale)

    def percent(self, ratio: float) -> str:
        return format_percent(ratio, locale=self.locale)

    def date(self, day: date, style: str = "medium") -> str:
        return format_date(day, format=style, locale=self.locale)

    def datetime(self, moment: datetime, zone: tzinfo, style: str = "medium") -> str:
        return format_datetime(moment, format=style, tzinfo=zone, locale=self.locale)


def _load(language: str) -> NullTranslations:
    """The compiled catalog, or the .po compiled in memory when the .mo is missing or stale."""
    folder = locales.DIRECTORY / language / "LC_MESSAGES"
    po, mo = folder / f"{locales.DOMAIN}.po", folder / f"{locales.DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return Translations(fh, domain=locales.DOMAIN)
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return Translations(buffer, domain=locales.DOMAIN)
    return NullTranslations()


class Catalogs:
    """One loaded catalog per language, read once at start-up."""

    def __init__(self, languages: tuple[str, ...] = SHIPPED_LANGUAGES) -> None:
        self.languages = languages
        self._translators = {lang: Translator(lang, _load(lang)) for lang in languages}

    def translator(self, language: str | None) -> Translator:
        if language in self._translators:
            return self._translators[language]
        fallback = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in self._translators else self.languages[0]
        return self._translators[fallback]
