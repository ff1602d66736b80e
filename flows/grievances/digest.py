"""The facilitators' grievance digest: counts by category and by area, this period and the last.

Storage counts grievances per (category, area, period) in SQL and passes the counts in; this
module decides what may be shown. Each published list (one per breakdown and period, with its
total) goes through :func:`flows.disclosure.suppress_list`, so every count below k reads "<k"
and no hidden count can be rebuilt from its own list.

Lists are not released alone, though: the four periods overlap (this week lies in this month,
last week can straddle two months) and both breakdowns share their totals. "This month: 9" and
"this week: 7" tell anyone that 2 grievances came earlier this month. So the whole digest is
audited as one release (:mod:`flows.grievances.digest_audit`): no hidden cell may be derivable,
and no count of 1..k−1 for any line over any stretch of days cut by the periods. While the
audit finds one, one more published cell of the line concerned is hidden (by a fixed order of
periods, never by value: previous month, previous week, this month, this week, zeros last; a
line with nothing left to hide passes the turn to the total line, then to every line in order),
and every list is protected again.

Before the audit, a line's count of 1..k−1 in one period hides that line in every overlapping
period where it is k or more (:func:`_beside_small`): that decision looks only at which counts
are 0, small or large, so a reader who re-runs this code on every table consistent with what
they see learns nothing from it (``tests/flows/grievances/test_digest_aware_reader.py``).

The audit's own widening depends on values: when no period is small but a difference of two
large ones is (this month 6, last week 5 inside it, this week 0 leaves 1 earlier this month),
it hides one more count of that line, and a reader who re-runs the digest could tell that the
difference was small (24 of 10,953 tiny digests, on a month's last days, before this). So every
line also takes one widening step *whatever its counts* when a secret, per dialogue and day,
says so (``decoy``: a quarter of the lines, drawn by ``services.grievances.digest``). A count
hidden that way looks the same as one hidden by the audit, and the re-running reader can no
longer pin anything (the same test, with decoys, at the end of a month).

The digest should reach the same audience at most once per period (say weekly): two digests a
day apart differ by the day's reports, and subtraction works across messages too.

The change against the previous period is given only when both counts are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from flows.disclosure import DEFAULT_K, TOTAL, Cell, PublishedList, suppress_list
from flows.grievances.digest_audit import (
    TOTAL_LINE,
    Line,
    Release,
    Slices,
    exposures,
    slice_counts,
    slices,
)


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


#: The order in which a line gives up its published cells when the audit finds something.
WIDENING_ORDER = (Period.PREVIOUS_MONTH, Period.PREVIOUS_WEEK, Period.THIS_MONTH, Period.THIS_WEEK)


def build_digest(
    counts: Mapping[tuple[str, str, Period], int],
    *,
    categories: Sequence[str],
    areas: Sequence[str],
    periods: Mapping[Period, DateRange],
    k: int = DEFAULT_K,
    decoy: Callable[[str], bool] | None = None,
) -> Digest:
    """The digest from counts per (category, area, period); missing combinations count 0.

    ``decoy(line)`` says, from a secret the reader does not hold, whether the line (``category:
    <id>``, ``area:<id>`` or ``total``) takes one widening step whatever its counts (see the
    module docstring); None: never.

    ``categories`` and ``areas`` give the lines and their order (every one is listed, zeros
    included); a key found only in ``counts`` (an area since removed, the unspecified area) is
    added after them so that totals still add up.
    """
    ranges = {Period(p): r for p, r in periods.items()}
    per_side: dict[str, dict[Period, dict[str, int]]] = {
        side: {p: {} for p in ranges} for side in _SIDES
    }
    for (category, area, period), count in counts.items():
        if Period(period) not in ranges:
            raise ValueError(f"counts for {period!r}, which has no date range")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"a count must be a non-negative integer, not {count!r}")
        for side, key in (("category", category), ("area", area)):
            found = per_side[side][Period(period)]
            found[key] = found.get(key, 0) + count
    keys = {
        side: _ordered(per_side[side], listed)
        for side, listed in (("category", categories), ("area", areas))
    }
    values = {
        (side, p): [per_side[side][p].get(key, 0) for key in keys[side]]
        for side in _SIDES
        for p in ranges
    }
    cut = slices({p: (r.start, r.end) for p, r in ranges.items()})
    truth = {
        (side, index): slice_counts({p: values[(side, p)][index] for p in ranges}, cut)
        for side in _SIDES
        for index in range(len(keys[side]))
    }
    truth[TOTAL_LINE] = slice_counts({p: sum(values[("category", p)]) for p in ranges}, cut)
    forced = _beside_small(values, ranges, k)
    if decoy is not None:
        first = {key: suppress_list(values[key], k, force=forced[key]) for key in values}
        for line in [*((s, i) for s in _SIDES for i in range(len(keys[s]))), TOTAL_LINE]:
            name = "total" if line == TOTAL_LINE else f"{line[0]}:{keys[line[0]][line[1]]}"
            hide = _widening(line, first, ranges) if decoy(name) else None
            if hide is not None and _value(values, hide) > 0:  # a hidden 0 would hide all 0s
                _hide(forced, *hide)
    while True:
        published = {key: suppress_list(values[key], k, force=forced[key]) for key in values}
        # A total shown in one breakdown and hidden in the other gives the hidden one back.
        unsynced = [
            (side, p)
            for p in ranges
            for side in _SIDES
            if published[(side, p)].total.shown
            and any(not published[(o, p)].total.shown for o in _SIDES)
        ]
        if unsynced:
            for shown in unsynced:
                forced[shown].add(TOTAL)
            continue
        release = _release(published, ranges, cut, k, {s: len(keys[s]) for s in _SIDES})
        widened = {
            _widening(exposure.line, published, ranges) for exposure in exposures(release, truth)
        }
        if not widened or widened == {None}:
            break
        for hide in widened:
            if hide is not None:
                _hide(forced, *hide)
    sides = {
        side: _breakdown({p: published[(side, p)] for p in ranges}, keys[side]) for side in _SIDES
    }
    return Digest(k, MappingProxyType(ranges), sides["category"], sides["area"])


_SIDES = ("category", "area")


def _hide(
    forced: dict[tuple[str, Period], set[int]], side: str, period: Period, index: int
) -> None:
    """Hide entry ``index`` of ``side``'s list for ``period``: a total in both breakdowns, which
    share it."""
    for s in _SIDES if index == TOTAL else (side,):
        forced[(s, period)].add(index)


def _value(values: Mapping[tuple[str, Period], list[int]], at: tuple[str, Period, int]) -> int:
    side, period, index = at
    counts = values[(side, period)]
    return sum(counts) if index == TOTAL else counts[index]


def _beside_small(
    values: Mapping[tuple[str, Period], list[int]], ranges: Mapping[Period, DateRange], k: int
) -> dict[tuple[str, Period], set[int]]:
    """Cells hidden because a small count of their line lies in an overlapping period.

    A line's count of 1..k−1 in one period is hidden, and with it the line's count in every
    period that shares days with it (unless that count is 0, which says nothing, or small and
    so hidden already). The rule
    looks only at which counts are 0, small or k and more, never at the values themselves, so
    a reader who re-runs this code on every table consistent with what they see learns nothing
    from which cells it hid (the audit afterwards only confirms; it rarely has to widen).
    """
    forced: dict[tuple[str, Period], set[int]] = {key: set() for key in values}
    lines: dict[tuple[str, int], dict[Period, int]] = {}
    for (side, period), counts in values.items():
        for index, count in enumerate(counts):
            lines.setdefault((side, index), {})[period] = count
        lines.setdefault((side, TOTAL), {})[period] = sum(counts)
    for (side, index), by_period in lines.items():
        for period, count in by_period.items():
            if not 0 < count < k:
                continue
            for other, other_count in by_period.items():
                overlaps = other != period and not ranges[other].disjoint(ranges[period])
                if overlaps and other_count >= k:  # a small one is hidden anyway, 0 tells nothing
                    _hide(forced, side, other, index)
    return forced


def _ordered(per_period: Mapping[Period, Mapping[str, int]], listed: Sequence[str]) -> list[str]:
    extra = sorted({key for c in per_period.values() for key in c if key not in listed})
    return [*listed, *extra]


def _release(
    published: Mapping[tuple[str, Period], PublishedList],
    ranges: Mapping[Period, DateRange],
    cut: Slices,
    k: int,
    sizes: Mapping[str, int],
) -> Release:
    cells: dict[Line, dict[str, list[tuple[Cell, bool]]]] = {}
    for (side, period), listed in published.items():
        zeros = listed.table.zeros_shown
        for index in [*range(sizes[side]), TOTAL]:
            line = TOTAL_LINE if index == TOTAL else (side, index)
            cells.setdefault(line, {}).setdefault(period, []).append((_entry(listed, index), zeros))
    return Release(k, cut, cells, sizes["category"], sizes["area"])


def _widening(
    line: Line,
    published: Mapping[tuple[str, Period], PublishedList],
    ranges: Mapping[Period, DateRange],
) -> tuple[str, Period, int] | None:
    """The next published cell to hide for an exposure on ``line`` (see the docstring)."""
    order = [p for p in WIDENING_ORDER if p in ranges]
    others = sorted(
        {
            (side, index)
            for side, _ in published
            for index in range(len(published[(side, order[0])].cells))
        }
    )
    for candidate in (line, TOTAL_LINE, *others):
        side, index = ("category", TOTAL) if candidate == TOTAL_LINE else candidate
        shown = [
            (published[(side, p)].cells[index] if index != TOTAL else published[(side, p)].total, p)
            for p in order
        ]
        for _cell, period in sorted(
            ((c, p) for c, p in shown if c.shown), key=lambda cp: cp[0].value == 0
        ):
            return side, period, index
    return None


def _breakdown(published: Mapping[Period, PublishedList], ordered: Sequence[str]) -> Breakdown:
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
    return Breakdown(tuple(lines[:-1]), lines[-1], MappingProxyType(dict(published)))


def _entry(published: PublishedList, index: int) -> Cell:
    return published.total if index == TOTAL else published.cells[index]


def _change(cells: Mapping[Period, Cell], current: Period, previous: Period) -> int | None:
    now, before = cells.get(current), cells.get(previous)
    if now is None or before is None or now.value is None or before.value is None:
        return None
    return now.value - before.value
