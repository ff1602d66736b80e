"""The daily limit on grievances per person, without recording who filed what.

Flooding the queue (by a prankster, or by someone trying to bury real complaints) must be
stopped, yet grievances carry no person link. The count is kept apart, per day, under a keyed
pseudonym: HMAC-SHA256 of the person under a secret that rotates every day and lives outside
the database. Whoever holds the database sees "some pseudonym filed 3 today" and cannot turn it
into a person (an unkeyed hash of a Telegram id can be reversed by brute force in hours), nor
link it to yesterday's pseudonym, nor to any grievance. Storage should drop the previous days'
counters, and the edge should destroy each day's secret once the day is over.

Check the limit when /grievance starts (so nobody types a description for nothing) and again,
authoritatively, when the grievance is confirmed.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

DAILY_LIMIT = 5
MIN_SECRET_BYTES = 16


@dataclass(frozen=True, slots=True)
class LimitDecision:
    """Whether one more grievance is allowed today, and how many remain after it."""

    allowed: bool
    remaining: int


def check_daily_limit(count_today: int, limit: int = DAILY_LIMIT) -> LimitDecision:
    """Decide for someone who has already filed ``count_today`` grievances today."""
    if count_today < 0:
        raise ValueError("a count cannot be negative")
    if limit < 1:
        raise ValueError("the limit must allow at least one grievance a day")
    if count_today >= limit:
        return LimitDecision(allowed=False, remaining=0)
    return LimitDecision(allowed=True, remaining=limit - count_today - 1)


def pseudonym(secret: bytes, person_id: int, day: date) -> str:
    """The person's pseudonym for ``day``'s counter: hex HMAC-SHA256, domain-separated.

    The day is part of the message too, so even a secret that failed to rotate gives unlinkable
    pseudonyms from one day to the next.
    """
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the secret must have at least {MIN_SECRET_BYTES} bytes")
    message = f"palabre/grievance-limit/v1\x1f{day.isoformat()}\x1f{person_id}".encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
