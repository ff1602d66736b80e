"""The daily limit on grievances per person, counted in memory under a pseudonym of the day.

This module owns the day's secret and counts (``Runtime.daily_secret``, ``Runtime.filed_today``).
Both live only in this process's memory: nothing about who filed how many ever reaches the
disk, so no file can be set beside a grievance to tell who filed it. A restart resets the day's
counts (a little less protection against floods, none less against being found out).
"""

from __future__ import annotations

from datetime import date

from flows.grievances.limits import LimitDecision, check_daily_limit, pseudonym
from services.runtime import Runtime

SECRET_BYTES = 32


def pseudonym_today(rt: Runtime, telegram_id: int) -> tuple[date, str]:
    """Today, and the person's pseudonym for today's count (a new secret each day)."""
    day = rt.today()
    if rt.daily_secret is None or rt.daily_secret[0] != day:
        rt.daily_secret = (day, rt.random_bytes(SECRET_BYTES))
        rt.filed_today.clear()  # yesterday's counts go with yesterday's secret
    return day, pseudonym(rt.daily_secret[1], telegram_id, day)


def filed_today(rt: Runtime, telegram_id: int) -> int:
    return rt.filed_today.get(pseudonym_today(rt, telegram_id)[1], 0)


def limit_today(rt: Runtime, telegram_id: int) -> LimitDecision:
    """Whether the person may file one more grievance today."""
    return check_daily_limit(filed_today(rt, telegram_id), rt.settings.grievances_per_day)


def count_one(rt: Runtime, telegram_id: int) -> None:
    name = pseudonym_today(rt, telegram_id)[1]
    rt.filed_today[name] = rt.filed_today.get(name, 0) + 1
