"""Spotting details in a description that could identify someone: phone numbers, e-mail addresses.

A description is stored without any link to its author, but the text itself can still point at
a person: the author's own number left "so they can call me back", or someone else's. Before
confirming, the person is warned and may edit. This is a warning, not a filter: a false alarm
costs one tap, a miss can cost far more, so doubtful cases lean towards warning.

Only the *kinds* found are returned, never the matched text, so nothing downstream (logs,
effects, errors) can carry the number itself.

Phone numbers: 8 to 15 digits (E.164 allows at most 15; local mobile numbers in the region have
8 to 11) written with spaces, dashes, dots or brackets between groups, optionally after ``+`` or
``00``; Arabic-Indic (``٠١٢``) and Persian (``۰۱۲``) digits count as digits. Not flagged:
numbers of fewer than 8 digits (years, ages, house numbers, most amounts), dates written as
day-month-year or year-month-day, runs of years (``2019 2020``), numbers with thousands
separated by commas, and amounts next to a currency (``15 000 000 CFA``, ``₦ 25 000 000``).
"/" and ":" never join groups, so ``12/05/2024`` and ``10:30`` are several short numbers.
"""

from __future__ import annotations

import re
from enum import StrEnum

from flows.typed_text import searchable


class IdentifyingKind(StrEnum):
    """A kind of identifying detail. Persisted in conversation state: never rename a value."""

    PHONE = "phone"
    EMAIL = "email"


MIN_PHONE_DIGITS = 8
MAX_PHONE_DIGITS = 15

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS |= {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}

# One group separator: a space (also no-break and narrow no-break), a dash or dot with at most
# one space either side, or brackets around an area code.
_SEP = r"(?:[ \u00a0\u202f]?[-.\u2010\u2011\u2013][ \u00a0\u202f]?|[ \u00a0\u202f]|[ ]?\(|\)[ ]?)"
_PHONE_RUN = re.compile(rf"(?<!\d)(?:\+[ ]?|\(\+?)?\d+(?:{_SEP}\d+)*\)?")

_CURRENCY_AFTER = re.compile(
    r"^[ \u00a0\u202f]*(?:(?:f\s?cfa|cfa|xof|xaf|francs?|fr|naira|ngn|cedis?|ghs|dollars?|usd|"
    r"euros?|eur|dinars?|dirhams?|pounds?|shillings?|ksh|birr|"
    r"فرنك|فرنكات|جنيه|جنيهات|دينار|دنانير|درهم|دراهم|ريال|نيرة|دولار|دولارات|يورو)(?!\w)"
    r"|[₦$€£])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?:[₦$€£]|(?<!\w)(?:cfa|fcfa|xof|xaf|ngn|usd|eur|ghs|ksh))[ \u00a0\u202f]*$", re.IGNORECASE
)

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_EMAIL_SPELLED = re.compile(
    r"[\w.+-]+\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*[\w-]+\s*(?:[\[(]\s*(?:dot|point)\s*[\])]|\.)"
    r"\s*[^\W\d_]{2,}",
    re.IGNORECASE,
)


def normalise_digits(text: str) -> str:
    """``text`` as checks read it (:func:`flows.typed_text.searchable`: invisible characters
    dropped, compatibility forms folded) with Arabic-Indic digits made ASCII."""
    return searchable(text).translate(_DIGITS)


def identifying_kinds(text: str) -> frozenset[IdentifyingKind]:
    """The kinds of identifying details ``text`` seems to contain (empty when none)."""
    plain = normalise_digits(text)
    kinds: set[IdentifyingKind] = set()
    if _EMAIL.search(plain) or _EMAIL_SPELLED.search(plain):
        kinds.add(IdentifyingKind.EMAIL)
    if any(_looks_like_phone(plain, m) for m in _PHONE_RUN.finditer(plain)):
        kinds.add(IdentifyingKind.PHONE)
    return frozenset(kinds)


def _looks_like_phone(text: str, match: re.Match[str]) -> bool:
    run = match.group()
    groups = re.findall(r"\d+", run)
    digits = sum(len(g) for g in groups)
    international = run.lstrip("(").startswith("+") or run.startswith("00")
    if not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
        return False
    if international:
        return True
    if _is_date(groups) or _is_years(groups):
        return False
    before, after = text[: match.start()], text[match.end() :]
    return not (_CURRENCY_AFTER.match(after) or _CURRENCY_BEFORE.search(before))


def _is_date(groups: list[str]) -> bool:
    """Three groups that read as day-month-year or year-month-day with plausible values."""
    if len(groups) != 3:
        return False
    a, b, c = groups
    if len(c) == 4 and len(a) <= 2 and len(b) <= 2:
        day, month, year = int(a), int(b), int(c)
        if 1 <= month <= 12 < day <= 31:  # month first (US style)
            day, month = month, day
        return 1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2099
    if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
        return 1900 <= int(a) <= 2099 and 1 <= int(b) <= 12 and 1 <= int(c) <= 31
    return False


def _is_years(groups: list[str]) -> bool:
    """Every group a four-digit year, as in "2019 2020" or "2019-2020"."""
    return all(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups)
