"""The facilitators' grievance digest: counts by category and by area, this period and the last.

Storage counts grievances per (category, area, period) in SQL and passes the counts in; this
module decides what may be shown. Each published list (one per breakdown and period, with its
total) goes through :func:`flows.disclosure.suppress_list`, so every count below k reads "<k"
and no hidden count can be rebuilt from the total and the shown ones.

Periods overlap: this week usually lies inside this month, last week often too. Publishing both
"this month: 9" and "this week: 7" tells anyone that 2 grievances came earlier this month, a
count below k obtained by subtraction. So whenever a period lies within another (alone, or two
disjoint ones together), the difference of two shown counts must be 0 or at least k; otherwise
the larger period's count is hidden too (and its list re-protected), until no such difference
remains.

The digest should reach the same audience at most once per period (say weekly): two digests a
day apart differ by the day's reports, and subtraction works across messages too.

The change against the previous period is given only when both counts are shown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import combinations
from types import MappingProxyType

from flows.disclosure import DEFAULT_K, TOTAL, Cell, PublishedList, suppress_list


class Period(StrEnum):
    THIS_WEEK = "this_week"
    PREVIOUS_WEEK = "previous_week"
    THIS_MONTH = "this_month"
    PREVIOUS_MONTH = "previous_month"


@dataclass(frozen=True, slots=True)
class DateRange:
    """Days from ``start`` included to ``end`` excluded (storage: ``day >= ? AND day < ?``)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a date range cannot end before it starts")

    def within(self, other: DateRange) -> bool:
        return other.start <= self.start and self.end <= other.end

    def disjoint(self, other: DateRange) -> bool:
        return self.end <= other.start or other.end <= self.start


def digest_periods(today: date) -> dict[Period, DateRange]:
    """ISO week and calendar month so far (``today`` included), and the whole previous ones."""
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    previous_first = (first - timedelta(days=1)).replace(day=1)
    tomorrow = today + timedelta(days=1)
    return {
        Period.THIS_WEEK: DateRange(monday, tomorrow),
        Period.PREVIOUS_WEEK: DateRange(monday - timedelta(days=7), monday),
        Period.THIS_MONTH: DateRange(first, tomorrow),
        Period.PREVIOUS_MONTH: DateRange(previous_first, first),
    }


@dataclass(frozen=True, slots=True)
class DigestLine:
    """One category or area (``key``; None for the total line) across the periods."""

    key: str | None
    counts: Mapping[Period, Cell]
    week_change: int | None
    month_change: int | None


@dataclass(frozen=True, slots=True)
class Breakdown:
    lines: tuple[DigestLine, ...]
    total: DigestLine
    #: The published list of each period, as the disclosure audit sees it.
    published: Mapping[Period, PublishedList]


@dataclass(frozen=True, slots=True)
class Digest:
    k: int
    periods: Mapping[Period, DateRange]
    by_category: Breakdown
    by_area: Breakdown


def build_digest(
    counts: Mapping[tuple[str, str, Period], int],
    *,
    categories: Sequence[str],
    areas: Sequence[str],
    periods: Mapping[Period, DateRange],
    k: int = DEFAULT_K,
) -> Digest:
    """The digest from counts per (category, area, period); missing combinations count 0.

    ``categories`` and ``areas`` give the lines and their order (every one is listed, zeros
    included); a key found only in ``counts`` (an area since removed, the unspecified area) is
    added after them so that totals still add up.
    """
    by_category: dict[Period, dict[str, int]] = {Period(p): {} for p in periods}
    by_area: dict[Period, dict[str, int]] = {Period(p): {} for p in periods}
    for (category, area, period), count in counts.items():
        if Period(period) not in by_category:
            raise ValueError(f"counts for {period!r}, which has no date range")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"a count must be a non-negative integer, not {count!r}")
        cat, ar = by_category[Period(period)], by_area[Period(period)]
        cat[category] = cat.get(category, 0) + count
        ar[area] = ar.get(area, 0) + count
    ranges = {Period(p): r for p, r in periods.items()}
    # Both breakdowns share each period's total: shown in one and hidden in the other, it
    # would give the hidden one back (and with it the small counts it protects). So a total
    # hidden in either is hidden in both, and both are protected again until they agree.
    hidden: set[Period] = set()
    while True:
        by_cat = breakdown(by_category, categories, ranges, k, hidden_totals=hidden)
        by_ar = breakdown(by_area, areas, ranges, k, hidden_totals=hidden)
        now_hidden = {
            p
            for p in ranges
            if not by_cat.published[p].total.shown or not by_ar.published[p].total.shown
        }
        if now_hidden <= hidden:
            return Digest(k, MappingProxyType(ranges), by_cat, by_ar)
        hidden |= now_hidden


def breakdown(
    per_period: Mapping[Period, Mapping[str, int]],
    keys: Sequence[str],
    periods: Mapping[Period, DateRange],
    k: int = DEFAULT_K,
    *,
    hidden_totals: Collection[Period] = (),
) -> Breakdown:
    """One breakdown (lines ``keys``, then any other key with a count) over the periods.

    ``hidden_totals`` names periods whose total must not be shown whatever its value.
    """
    extra = sorted({key for c in per_period.values() for key in c if key not in keys})
    ordered = [*keys, *extra]
    values = {p: [per_period[p].get(key, 0) for key in ordered] for p in per_period}
    published = _publish_periods(values, periods, k, hidden_totals)
    indices: list[int] = [*range(len(ordered)), TOTAL]
    lines = []
    for index in indices:
        cells = {p: _entry(published[p], index) for p in published}
        lines.append(
            DigestLine(
                None if index == TOTAL else ordered[index],
                MappingProxyType(cells),
                _change(cells, Period.THIS_WEEK, Period.PREVIOUS_WEEK),
                _change(cells, Period.THIS_MONTH, Period.PREVIOUS_MONTH),
            )
        )
    return Breakdown(tuple(lines[:-1]), lines[-1], MappingProxyType(published))


def _publish_periods(
    values: dict[Period, list[int]],
    periods: Mapping[Period, DateRange],
    k: int,
    hidden_totals: Collection[Period] = (),
) -> dict[Period, PublishedList]:
    forced: dict[Period, set[int]] = {p: {TOTAL} if p in hidden_totals else set() for p in values}
    while True:
        published = {p: suppress_list(values[p], k, force=forced[p]) for p in values}
        added = False
        for outer in values:
            for inner in _nested(outer, list(values), periods):
                for index in [*range(len(values[outer])), TOTAL]:
                    whole = _entry(published[outer], index).value
                    parts = [_entry(published[p], index).value for p in inner]
                    if whole is None or None in parts or index in forced[outer]:
                        continue
                    rest = whole - sum(v for v in parts if v is not None)
                    if 0 < rest < k:
                        forced[outer].add(index)
                        added = True
        if not added:
            return published


def _nested(
    outer: Period, present: list[Period], periods: Mapping[Period, DateRange]
) -> list[tuple[Period, ...]]:
    """Periods inside ``outer``: each alone, and each pair of disjoint ones."""
    inside = [
        p
        for p in present
        if p != outer and periods[p].within(periods[outer]) and periods[p] != periods[outer]
    ]
    alone: list[tuple[Period, ...]] = [(p,) for p in inside]
    pairs = [(a, b) for a, b in combinations(inside, 2) if periods[a].disjoint(periods[b])]
    return alone + pairs


def _entry(published: PublishedList, index: int) -> Cell:
    return published.total if index == TOTAL else published.cells[index]


def _change(cells: Mapping[Period, Cell], current: Period, previous: Period) -> int | None:
    now, before = cells.get(current), cells.get(previous)
    if now is None or before is None or now.value is None or before.value is None:
        return None
    return now.value - before.value
