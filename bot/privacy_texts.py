"""/privacy, rendered from the threat model (``flows.privacy``) for one reader.

The start shows the title and the introduction; a button per section shows that section in the
same message, each one short enough for a phone and for Telegram's 4,096 characters. The two
marks of the model become HTML: ``**bold**`` and backticks for names of files and settings.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.buttons.info import PrivacyTopic
from bot.i18n import Translator
from bot.keyboards import typed
from bot.texts import bold, esc
from flows.privacy import THREAT_MODEL, Chapter, Section

#: The key of the start (never a section's key).
INTRO = "intro"
#: Buttons whose labels are at most this long go two to a row.
SHORT_LABEL = 20
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def paragraph(t: Translator, message_id: str, k: int) -> str:
    """One paragraph translated, escaped, its marks made HTML (a name inside bold too)."""
    text = esc(t._(message_id, k=t.number(k)))
    text = _CODE.sub(lambda found: f"<code>{found.group(1)}</code>", text)
    return _BOLD.sub(lambda found: bold(found.group(1)), text)


def intro(t: Translator, k: int) -> str:
    parts = [bold(esc(t._(THREAT_MODEL.title)))]
    parts += [paragraph(t, p, k) for p in THREAT_MODEL.intro]
    parts.append(t._("Read more, topic by topic, with the buttons below."))
    return "\n\n".join(parts)


def section(t: Translator, chapter: Chapter, shown: Section, k: int) -> str:
    head = f"<i>{esc(t._(chapter.heading))}</i>\n{bold(esc(t._(shown.heading)))}"
    return "\n\n".join([head, *(paragraph(t, p, k) for p in shown.paragraphs)])


def topic(t: Translator, key: str, k: int) -> str | None:
    """The start or one section; None for a key that is neither (a forged button)."""
    if key == INTRO:
        return intro(t, k)
    found = THREAT_MODEL.find(key)
    return section(t, *found, k) if found is not None else None


def keyboard(t: Translator, current: str = INTRO) -> InlineKeyboardMarkup:
    """A button per section, chapter after chapter (short labels two to a row); the section
    shown is marked, and a last button goes back to the start."""
    rows: list[list[InlineKeyboardButton]] = []
    for chapter in THREAT_MODEL.chapters:
        pending: list[InlineKeyboardButton] = []
        for s in chapter.sections:
            label = t._(s.heading)
            button = typed(("• " if s.key == current else "") + label, PrivacyTopic(s.key))
            if len(label) > SHORT_LABEL:
                rows += [pending, [button]] if pending else [[button]]
                pending = []
            elif pending:
                rows.append([*pending, button])
                pending = []
            else:
                pending = [button]
        if pending:
            rows.append(pending)
    if current != INTRO:
        rows.append([typed(t._("Back to the start"), PrivacyTopic(INTRO))])
    return InlineKeyboardMarkup(rows)
