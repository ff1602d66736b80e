"""What Palabre keeps of a text a person typed: one rule, applied where every typed text arrives.

Typed text reaches Palabre in one place (the edge's text handler) and is cleaned there, before
any step, statement offer or check sees it:

- Unicode NFC, so the same words are stored the same way however the phone composed them;
- control characters are dropped (a tab becomes a space; line breaks stay, ``\\r\\n`` and a lone
  ``\\r`` become ``\\n``);
- invisible format characters are dropped: zero-width space, word joiner, byte-order mark, soft
  hyphen, and every bidirectional embedding, override, isolate and mark (U+202A–U+202E,
  U+2066–U+2069, U+200E, U+200F, U+061C). An override can make a statement read backwards or
  pass a fake line off as Palabre's; Palabre isolates people's text itself where directions
  mix. The zero-width joiner and non-joiner stay: Nepali, Burmese, Persian and emoji need them;
- spaces at the ends of lines, and blank lines at either end, are dropped.

Checks that look *for* something in a text (phone numbers, e-mail addresses) read
:func:`searchable`, which also drops the joiners and folds compatibility forms, so that
``9\\u200d6…`` or ``ali\\u200d@example.com`` are still found.
"""

from __future__ import annotations

import unicodedata

#: Format characters kept: they shape letters in several scripts and join emoji.
_KEPT_FORMAT = frozenset("\u200c\u200d")
#: Emoji tag characters (subdivision flags) are format characters that belong to an emoji.
_TAGS = range(0xE0020, 0xE0080)


def _kept(char: str) -> bool:
    if char == "\n":
        return True
    category = unicodedata.category(char)
    if category == "Cc":
        return False
    if category == "Cf":
        return char in _KEPT_FORMAT or ord(char) in _TAGS
    return True


def clean(text: str) -> str:
    """``text`` as Palabre keeps it (see the module docstring)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c for c in text.replace("\t", " ") if _kept(c))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").rstrip()


def one_line(text: str) -> str:
    """``text`` cleaned and on one line: line breaks and runs of spaces become one space
    (statements are quoted inside Palabre's own lines, where a line break could fake one)."""
    return " ".join(clean(text).split())


def searchable(text: str) -> str:
    """``text`` for checks that look for details in it: cleaned, joiners dropped, NFKC."""
    plain = clean(text).replace("\u200c", "").replace("\u200d", "")
    return unicodedata.normalize("NFKC", plain)
