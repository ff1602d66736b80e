"""Five-field cron expressions (minute hour day-of-month month day-of-week), for survey waves.

Standard (Vixie) cron semantics: ``*``, numbers, ranges ``a-b``, steps ``*/n``, ``a-b/n`` and
``a/n``, lists, month names (jan…dec) and day names (sun…sat, 0 or 7 = Sunday). When both the
day of month and the day of week are restricted (neither field starts with ``*``), a date
matches when **either** does, as cron has always done: ``0 9 1 * mon`` fires on the 1st and on
every Monday.

A wave is a survey sent to everyone, so a schedule may fire **at most once a day**: the minute
and hour fields must be single values. An expression that can never fire (``0 9 31 2 *``) is
refused at parse time rather than discovered as silence months later.

The errors live here because both this module and :mod:`flows.surveys.schedules` raise them:
the edge maps each :class:`ScheduleProblem` id onto a translated message.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum


class ScheduleProblem(StrEnum):
    EMPTY = "empty"
    UNKNOWN_CADENCE = "unknown_cadence"
    MISSING_PARTS = "missing_parts"
    EXTRA_PARTS = "extra_parts"
    BAD_WEEKDAY = "bad_weekday"
    BAD_TIME = "bad_time"
    BAD_WEEK_OF_MONTH = "bad_week_of_month"
    BAD_START_DATE = "bad_start_date"
    NEEDS_START = "needs_start"
    CRON_FIELDS = "cron_fields"
    CRON_VALUE = "cron_value"
    CRON_TOO_FREQUENT = "cron_too_frequent"
    CRON_NEVER_FIRES = "cron_never_fires"


class ScheduleError(ValueError):
    """A schedule text that cannot be used; ``problem`` is the id the edge translates."""

    def __init__(self, problem: ScheduleProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_DAYS = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
#: (lowest, highest, names) per field. Day of week accepts 7 for Sunday, folded onto 0.
_FIELDS: tuple[tuple[int, int, dict[str, int]], ...] = (
    (0, 59, {}),
    (0, 23, {}),
    (1, 31, {}),
    (1, 12, _MONTHS),
    (0, 7, _DAYS),
)


@dataclass(frozen=True, slots=True)
class CronExpr:
    text: str
    minute: int
    hour: int
    days: frozenset[int]
    months: frozenset[int]
    #: Python weekdays: 0 = Monday … 6 = Sunday.
    weekdays: frozenset[int]
    days_restricted: bool
    weekdays_restricted: bool

    @property
    def at(self) -> time:
        return time(self.hour, self.minute)

    def matches(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        by_day = day.day in self.days
        by_weekday = day.weekday() in self.weekdays
        if self.days_restricted and self.weekdays_restricted:
            return by_day or by_weekday
        if self.days_restricted:
            return by_day
        return by_weekday if self.weekdays_restricted else True


def parse_cron(text: str) -> CronExpr:
    fields = text.lower().split()
    if len(fields) != 5:
        raise ScheduleError(ScheduleProblem.CRON_FIELDS, f"expected 5 fields, got {len(fields)}")
    values = [_field(f, *spec) for f, spec in zip(fields, _FIELDS, strict=True)]
    minutes, hours, days, months, cron_weekdays = values
    if len(minutes) != 1 or len(hours) != 1:
        raise ScheduleError(ScheduleProblem.CRON_TOO_FREQUENT, "one minute and one hour only")
    weekdays = frozenset((d + 6) % 7 for d in cron_weekdays)  # cron 0/7 = Sunday → 6
    expr = CronExpr(
        " ".join(fields),
        min(minutes),
        min(hours),
        frozenset(days),
        frozenset(months),
        weekdays,
        days_restricted=not fields[2].startswith("*"),
        weekdays_restricted=not fields[4].startswith("*"),
    )
    if expr.days_restricted and not expr.weekdays_restricted:
        longest = {m: 29 if m == 2 else calendar.monthrange(2001, m)[1] for m in expr.months}
        if not any(d <= longest[m] for m in expr.months for d in expr.days):
            raise ScheduleError(ScheduleProblem.CRON_NEVER_FIRES, text)
    return expr


def _field(text: str, low: int, high: int, names: dict[str, int]) -> set[int]:
    found: set[int] = set()
    for part in text.split(","):
        base, _, step_text = part.partition("/")
        step = _number(step_text, 1, high, {}) if step_text else 1
        if base == "*":
            start, end = low, high
        elif "-" in base:
            first, _, last = base.partition("-")
            start, end = _number(first, low, high, names), _number(last, low, high, names)
            if start > end:
                raise ScheduleError(ScheduleProblem.CRON_VALUE, f"range {base!r} runs backwards")
        else:
            start = _number(base, low, high, names)
            end = high if step_text else start
        found.update(range(start, end + 1, step))
    if high == 7:  # day of week: 7 is Sunday too
        found = {0 if d == 7 else d for d in found}
    return found


def _number(text: str, low: int, high: int, names: dict[str, int]) -> int:
    if text in names:
        return names[text]
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise ScheduleError(ScheduleProblem.CRON_VALUE, f"{text!r} is not in {low}-{high}")
    return int(text)
