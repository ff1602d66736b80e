"""What may go into an exported cell: numbers as numbers, text made harmless.

**Formula injection (OWASP "CSV Injection").** A spreadsheet program reads a cell whose text
begins with ``=``, ``+``, ``-`` or ``@`` as a formula, and tab, carriage return and line feed
at the start can smuggle one in too. Statements and grievances are typed by anyone, so any text
cell beginning with one of these characters gets a single quote in front (``'=1+1``), as OWASP
advises: the program then shows the text as typed and never evaluates it. The full-width forms
(``＝ ＋ － ＠``), which some input methods produce and some programs normalise, are treated the
same way. Only the first character matters: a text beginning with a space or a letter is text.
Numbers computed by Palabre (a negative change, a negative gap) stay numbers: they are written
as numeric cells, which no program evaluates.

**Characters XLSX cannot hold.** XML 1.0, inside every XLSX, forbids most control characters
(U+0000–U+0008, U+000B, U+000C, U+000E–U+001F), the non-characters U+FFFE and U+FFFF, and lone
surrogates (which cannot even be encoded in UTF-8). Each one is replaced by a visible marker
naming it, ``[U+0007]``, in XLSX and CSV alike, so the export never fails and a reader sees
that something was there. Tab, line feed and carriage return inside a text are kept.

**Length.** Excel holds at most 32,767 characters in a cell; a longer text is cut and ends
with ``…``. (Palabre's own limits keep statements and grievances far below it.)
"""

from __future__ import annotations

import math
import re
from datetime import date

#: First characters that make a spreadsheet read text as a formula (OWASP), with full-width ones.
DANGEROUS_FIRST = frozenset("=+-@\t\r\n＝＋－＠")
#: What is put in front of a dangerous text.
QUOTE = "'"
#: Characters an XLSX (XML 1.0) cannot hold.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MAX_CELL_TEXT = 32_767

CellValue = str | int | float | None


def marker(char: str) -> str:
    """The visible stand-in for a character XLSX cannot hold: ``[U+0007]``."""
    return f"[U+{ord(char):04X}]"


def neutralise(text: str) -> str:
    """``text`` as it may go into a cell: illegal characters shown, no formula possible."""
    cleaned = ILLEGAL.sub(lambda m: marker(m.group(0)), text)
    if cleaned and cleaned[0] in DANGEROUS_FIRST:
        cleaned = QUOTE + cleaned
    if len(cleaned) > MAX_CELL_TEXT:
        cleaned = cleaned[: MAX_CELL_TEXT - 1] + "…"
    return cleaned


def is_safe_text(text: str) -> bool:
    """Whether a text could be written as it is (what :func:`neutralise` guarantees)."""
    return (
        not ILLEGAL.search(text)
        and not (text and text[0] in DANGEROUS_FIRST)
        and len(text) <= MAX_CELL_TEXT
    )


def cell(value: object) -> CellValue:
    """Any value as an exported cell: None and "" stay empty, booleans read yes/no, dates ISO,
    finite numbers stay numbers, everything else is neutralised text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value)) or None
