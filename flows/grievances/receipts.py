"""Receipt codes, and the statuses a grievance goes through.

A grievance is stored with no link to its author, so the author cannot be looked up to tell
them what happened. Instead they get a receipt code and ask with ``/status CODE``. The code must
survive being read aloud, written on paper and typed on a cheap phone, in French or Arabic
surroundings: 10 characters of Crockford's base 32 (digits and upper-case letters without
I, L, O and U), shown in groups as ``K7MX-P3QD-9T``. That is exactly 50 bits, enough that
guessing someone's code is hopeless at the rate the bot answers ``/status``.

Reading back is forgiving: case, spaces, dashes and dots are ignored, O is read as 0, I and L
as 1, Arabic-Indic digits as digits.

Storage should keep only :func:`receipt_key` of the code (an HMAC under a secret kept outside
the database), so whoever holds a copy of the database cannot query statuses with it.
"""

from __future__ import annotations

import hashlib
import hmac
from enum import StrEnum

from flows.grievances.identifying import normalise_digits
from flows.text import N_

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
BITS_PER_CHARACTER = 5
CODE_BITS = CODE_LENGTH * BITS_PER_CHARACTER
#: Random bytes to pass in: 7 bytes give 56 bits, of which the code uses the first 50.
RANDOM_BYTES = (CODE_BITS + 7) // 8
GROUPS = (4, 4, 2)
MIN_SECRET_BYTES = 16

_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -._\u00a0\u202f\u2010\u2011\u2013\u2014\t\n")


class GrievanceStatus(StrEnum):
    """Where a grievance stands. Persisted: never rename a value."""

    RECEIVED = "received"
    ON_AGENDA = "on_agenda"
    ACTION_TAKEN = "action_taken"
    CLOSED = "closed"


#: What ``/status`` shows, as message ids for the edge to translate.
STATUS_LABELS: dict[GrievanceStatus, str] = {
    GrievanceStatus.RECEIVED: N_("Received"),
    GrievanceStatus.ON_AGENDA: N_("To be discussed at the dialogue"),
    GrievanceStatus.ACTION_TAKEN: N_("Action taken"),
    GrievanceStatus.CLOSED: N_("Closed"),
}


def parse_status(value: str) -> GrievanceStatus | None:
    """The status named ``value``, or None (forged button, unknown value)."""
    try:
        return GrievanceStatus(value)
    except ValueError:
        return None


def receipt_code(random_bytes: bytes) -> str:
    """A receipt code, grouped for display, from at least ``RANDOM_BYTES`` random bytes."""
    if len(random_bytes) < RANDOM_BYTES:
        raise ValueError(f"a receipt code needs at least {RANDOM_BYTES} random bytes")
    number = int.from_bytes(random_bytes[:RANDOM_BYTES], "big") >> (RANDOM_BYTES * 8 - CODE_BITS)
    characters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        characters.append(ALPHABET[index])
    return format_code("".join(reversed(characters)))


def format_code(compact: str) -> str:
    """``K7MXP3QD9T`` → ``K7MX-P3QD-9T``."""
    parts, start = [], 0
    for size in GROUPS:
        parts.append(compact[start : start + size])
        start += size
    return "-".join(parts)


def normalise_code(text: str) -> str | None:
    """What the person typed, as the canonical grouped code; None when it cannot be one."""
    compact = normalise_digits(text).upper().translate(_IGNORED).translate(_CONFUSABLE)
    if len(compact) != CODE_LENGTH or any(c not in ALPHABET for c in compact):
        return None
    return format_code(compact)


def receipt_key(secret: bytes, code: str) -> str | None:
    """The lookup key to store for ``code``: HMAC-SHA256 under ``secret``, hex; None if invalid.

    Any spelling of the same code gives the same key, so look-ups need no normalising first.
    """
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the secret must have at least {MIN_SECRET_BYTES} bytes")
    canonical = normalise_code(code)
    if canonical is None:
        return None
    message = b"palabre/grievance-receipt/v1\x1f" + canonical.encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
