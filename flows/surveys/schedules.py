"""When survey waves fall due: schedule specs as data, parsed from a facilitator's text.

Texts (case-insensitive; weekdays in English or French, full or short; time ``09:00``,
``9:00`` or ``9h00``):

- ``weekly mon 09:00``
- ``biweekly fri 18:30`` (every two weeks; optionally ``from 2025-03-07``: the first firing
  week is the one holding the first such weekday on or after that date, or after ``today``)
- ``monthly 1 mon 10:00`` (1–4 or first…fourth, or ``last``: the 5th weekday exists only in
  some months, so it is not offered)
- ``cron 0 9 * * mon`` (see :mod:`flows.surveys.cron`; at most once a day)

:meth:`ScheduleSpec.to_text` gives a canonical text that parses back to the same spec, with
the biweekly start date written out: that text is what storage persists.

Times are wall-clock times in the dialogue's time zone, computed with ``zoneinfo``:

- on the spring-forward day, a time that does not exist (02:30 in Paris) fires when the clock
  has jumped, at the same instant as "02:30 standard time" (03:30 summer time), as cron does;
- on the fall-back day, a time that happens twice fires **once**, at its first occurrence;
- instants are compared in UTC, since Python compares two datetimes of one zone by wall time.

The database is the source of truth (see the architecture notes): the edge stores when a
schedule last fired, and at every tick and at start-up asks :func:`missed_fire` whether a wave
has fallen due since. After downtime that covered several due times it gets only the latest,
so one wave starts, once; it then stores that due time as the new "last fired".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from flows.surveys.cron import CronExpr, ScheduleError, ScheduleProblem, parse_cron

__all__ = [
    "Cadence",
    "ScheduleError",
    "ScheduleProblem",
    "ScheduleSpec",
    "missed_fire",
    "next_fire",
    "parse_schedule",
    "previous_fire",
]

#: Far enough to find "29 February, 09:00" across a century year (8 years without one).
HORIZON_DAYS = 366 * 9
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAYS = {
    **{name: n for n, name in enumerate(DAY_NAMES)},
    **{name.lower(): n for n, name in enumerate(calendar.day_name)},
    "tues": 1, "thur": 3, "thurs": 3,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6,
}  # fmt: skip
_NTH = {
    "1": 1, "2": 2, "3": 3, "4": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": -1,
}  # fmt: skip
_TIME = re.compile(r"(\d{1,2})(?::(\d{2})|h(\d{2})?)")


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    CRON = "cron"


@dataclass(frozen=True, slots=True)
class ScheduleSpec:
    """A schedule: one fire time on each matching local date."""

    cadence: Cadence
    at: time
    weekday: int | None = None  # 0 = Monday; every preset has one
    week_of_month: int | None = None  # monthly: 1–4, or -1 for the last
    anchor: date | None = None  # biweekly: the Monday of a week that fires
    cron: CronExpr | None = None

    def __post_init__(self) -> None:
        preset = self.cadence is not Cadence.CRON
        ok = (
            (self.cron is None) == preset
            and (self.weekday is not None) == preset
            and (self.week_of_month is not None) == (self.cadence is Cadence.MONTHLY)
            and (self.anchor is not None) == (self.cadence is Cadence.BIWEEKLY)
            and self.at.tzinfo is None
            and self.at.second == self.at.microsecond == 0
            and (self.weekday is None or 0 <= self.weekday <= 6)
            and self.week_of_month in (None, -1, 1, 2, 3, 4)
            and (self.anchor is None or self.anchor.weekday() == 0)
            and (self.cron is None or self.cron.at == self.at)
        )
        if not ok:
            raise ValueError(f"inconsistent schedule spec: {self!r}")

    def matches(self, day: date) -> bool:
        """Whether the schedule fires on local date ``day``."""
        if self.cron is not None:
            return self.cron.matches(day)
        if day.weekday() != self.weekday:
            return False
        if self.anchor is not None:
            return (day - self.anchor).days // 7 % 2 == 0
        if self.week_of_month == -1:
            return day.day + 7 > calendar.monthrange(day.year, day.month)[1]
        if self.week_of_month is not None:
            return (day.day - 1) // 7 + 1 == self.week_of_month
        return True

    def to_text(self) -> str:
        if self.cron is not None:
            return f"cron {self.cron.text}"
        assert self.weekday is not None
        parts = [self.cadence.value]
        if self.week_of_month is not None:
            parts.append("last" if self.week_of_month == -1 else str(self.week_of_month))
        parts += [DAY_NAMES[self.weekday], self.at.strftime("%H:%M")]
        if self.anchor is not None:
            parts += ["from", self.anchor.isoformat()]
        return " ".join(parts)


def parse_schedule(text: str, *, today: date | None = None) -> ScheduleSpec:
    """The spec a facilitator typed; ScheduleError with a problem id otherwise.

    ``today`` (the dialogue's local date) starts a biweekly schedule that names no start date.
    """
    words = text.strip().lower().split()
    if not words:
        raise ScheduleError(ScheduleProblem.EMPTY)
    head, rest = words[0], words[1:]
    if head == "cron":
        expr = parse_cron(" ".join(rest))
        return ScheduleSpec(Cadence.CRON, expr.at, cron=expr)
    if head == "fortnightly":
        head = Cadence.BIWEEKLY.value
    try:
        cadence = Cadence(head)
    except ValueError:
        raise ScheduleError(ScheduleProblem.UNKNOWN_CADENCE, head) from None
    week_of_month = None
    if cadence is Cadence.MONTHLY:
        if not rest:
            raise ScheduleError(ScheduleProblem.MISSING_PARTS, "monthly 1 mon 10:00")
        if rest[0] not in _NTH:
            raise ScheduleError(ScheduleProblem.BAD_WEEK_OF_MONTH, rest[0])
        week_of_month, rest = _NTH[rest[0]], rest[1:]
    start = None
    if cadence is Cadence.BIWEEKLY and len(rest) == 4 and rest[2] == "from":
        start, rest = _date(rest[3]), rest[:2]
    if len(rest) < 2:
        raise ScheduleError(ScheduleProblem.MISSING_PARTS, f"{cadence.value} <day> <hh:mm>")
    if len(rest) > 2:
        raise ScheduleError(ScheduleProblem.EXTRA_PARTS, " ".join(rest[2:]))
    if rest[0] not in _WEEKDAYS:
        raise ScheduleError(ScheduleProblem.BAD_WEEKDAY, rest[0])
    weekday, at = _WEEKDAYS[rest[0]], _time(rest[1])
    anchor = None
    if cadence is Cadence.BIWEEKLY:
        start = start or today
        if start is None:
            raise ScheduleError(ScheduleProblem.NEEDS_START, "add: from YYYY-MM-DD")
        first = start + timedelta(days=(weekday - start.weekday()) % 7)
        anchor = first - timedelta(days=first.weekday())
    return ScheduleSpec(cadence, at, weekday, week_of_month, anchor)


def next_fire(spec: ScheduleSpec, after: datetime, tz: ZoneInfo) -> datetime:
    """The first fire strictly after the aware instant ``after``, as an aware time in ``tz``."""
    limit = _utc(after)
    start = limit.astimezone(tz).date() - timedelta(days=1)
    for offset in range(HORIZON_DAYS):
        day = start + timedelta(days=offset)
        if spec.matches(day) and _utc(instant := _instant(day, spec.at, tz)) > limit:
            return instant
    raise ValueError(f"{spec.to_text()!r} does not fire within {HORIZON_DAYS} days")


def previous_fire(spec: ScheduleSpec, at_or_before: datetime, tz: ZoneInfo) -> datetime | None:
    """The last fire at or before the aware instant, or None within the horizon."""
    limit = _utc(at_or_before)
    start = limit.astimezone(tz).date() + timedelta(days=1)
    for offset in range(HORIZON_DAYS):
        day = start - timedelta(days=offset)
        if spec.matches(day) and _utc(instant := _instant(day, spec.at, tz)) <= limit:
            return instant
    return None


def missed_fire(
    spec: ScheduleSpec, last_fired: datetime, now: datetime, tz: ZoneInfo
) -> datetime | None:
    """The latest fire in (last_fired, now], or None: the wave to start now, if any.

    ``last_fired`` is the due time stored when the last wave started (for a new schedule: when
    it was created, so that it does not fire for the past). Several fires missed while the bot
    was down give one answer, the latest; storing it as ``last_fired`` makes the next call
    return None until the following fire.
    """
    latest = previous_fire(spec, now, tz)
    if latest is None or _utc(latest) <= _utc(last_fired):
        return None
    return latest


def _instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    # fold=0: a repeated wall time means its first occurrence, a skipped one the instant it
    # would have had before the change; normalising through UTC shows the real clock time.
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("schedules need aware datetimes")
    return moment.astimezone(UTC)


def _time(text: str) -> time:
    match = _TIME.fullmatch(text)
    if match is None:
        raise ScheduleError(ScheduleProblem.BAD_TIME, text)
    hour, minute = int(match[1]), int(match[2] or match[3] or 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(ScheduleProblem.BAD_TIME, text)
    return time(hour, minute)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ScheduleError(ScheduleProblem.BAD_START_DATE, text) from None
