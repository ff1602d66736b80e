"""The languages Palabre speaks and how a Telegram language tag maps onto them."""

from __future__ import annotations

#: Shipped languages, in the order the language picker shows them.
SHIPPED_LANGUAGES: tuple[str, ...] = ("en", "fr", "ar")

#: Each language's name in its own script: what the picker's buttons say.
NATIVE_NAMES: dict[str, str] = {"en": "English", "fr": "Français", "ar": "العربية"}

#: Languages written right to left.
RIGHT_TO_LEFT: frozenset[str] = frozenset({"ar"})

DEFAULT_LANGUAGE = "en"


def negotiate(language_code: str | None, available: tuple[str, ...] = SHIPPED_LANGUAGES) -> str:
    """Map Telegram's IETF tag (``fr``, ``pt-br``, ``ar-EG``, None) onto an available language."""
    if language_code:
        primary = language_code.replace("_", "-").split("-", 1)[0].lower()
        if primary in available:
            return primary
    return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in available else available[0]
