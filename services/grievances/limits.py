"""The daily limit on grievances per person, counted under a pseudonym of the day.

This module owns the day's secret (``Runtime.daily_secret``): it is read from its own file once
a day and kept in memory, and nothing else reads it.
"""

from __future__ import annotations

from datetime import date

from flows.grievances.limits import LimitDecision, check_daily_limit, pseudonym
from services.daily_key import daily_secret
from services.runtime import Runtime
from storage.repositories import Transaction


def pseudonym_today(rt: Runtime, telegram_id: int) -> tuple[date, str]:
    """Today, and the person's pseudonym for today's count."""
    day = rt.today()
    cached = rt.daily_secret
    if cached is None or cached[0] != day:
        path = rt.settings.secret_path.with_name(rt.settings.secret_path.name + ".daily")
        cached = (day, daily_secret(path, day, rt.random_bytes))
        rt.daily_secret = cached
    return day, pseudonym(cached[1], telegram_id, day)


async def limit_today(rt: Runtime, tx: Transaction, telegram_id: int) -> LimitDecision:
    """Whether the person may file one more grievance today."""
    day, name = pseudonym_today(rt, telegram_id)
    return check_daily_limit(
        await tx.grievance_limits.filed(day, name), rt.settings.grievances_per_day
    )
