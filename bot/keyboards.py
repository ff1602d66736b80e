"""Inline keyboards, rendered per reader. Buttons carry typed ids (``bot.buttons``), never text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.buttons import Button
from bot.buttons.people import LanguageChosen
from flows.languages import NATIVE_NAMES


def typed(text: str, pressed: Button) -> InlineKeyboardButton:
    """A button showing ``text`` that sends the typed button ``pressed`` when tapped."""
    return InlineKeyboardButton(text, callback_data=pressed.encode())


def rows(buttons: Iterable[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    out: list[list[InlineKeyboardButton]] = []
    for b in buttons:
        if not out or len(out[-1]) >= width:
            out.append([])
        out[-1].append(b)
    return out


def markup(*button_rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(r) for r in button_rows if r])


def language_picker(languages: Sequence[str]) -> InlineKeyboardMarkup:
    """Each language written in its own script, so anyone can find theirs."""
    return InlineKeyboardMarkup(
        rows((typed(NATIVE_NAMES[lang], LanguageChosen(lang)) for lang in languages), 3)
    )
