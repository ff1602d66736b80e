"""The facilitators' digest: suppression per list, at k−1 and k, and no differencing by period."""

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.disclosure import TOTAL, Cell, Mark, exposures
from flows.grievances.digest import (
    DateRange,
    Digest,
    Period,
    build_digest,
    digest_periods,
)

TODAY = date(2026, 11, 21)  # a Saturday
PERIODS = digest_periods(TODAY)
CATEGORIES = ("police_conduct", "corruption", "theft")
AREAS = ("north", "south")
SMALL = Cell(None, Mark.SMALL)


def _counts(grievances, periods=PERIODS):
    """What storage does in SQL: count (category, area, day) rows per period."""
    counts: Counter = Counter()
    for category, area, day in grievances:
        for period, span in periods.items():
            if span.start <= day < span.end:
                counts[(category, area, period)] += 1
    return dict(counts)


def _digest(grievances, today=TODAY, k=5) -> Digest:
    periods = digest_periods(today)
    return build_digest(
        _counts(grievances, periods), categories=CATEGORIES, areas=AREAS, periods=periods, k=k
    )


def _check_safe(digest: Digest, grievances) -> None:
    """Every published number true and 0 or >= k; no list exposes; no small difference; the
    two breakdowns agree on which totals they show."""
    k = digest.k
    for period in digest.periods:
        by_category = digest.by_category.total.counts[period]
        by_area = digest.by_area.total.counts[period]
        assert by_category.shown == by_area.shown, period
    truth: Counter = Counter()
    for category, area, day in grievances:
        for period, span in digest.periods.items():
            if span.start <= day < span.end:
                truth[("category", category, period)] += 1
                truth[("area", area, period)] += 1
                truth[("category", None, period)] += 1
                truth[("area", None, period)] += 1
    for name, breakdown in (("category", digest.by_category), ("area", digest.by_area)):
        for published in breakdown.published.values():
            assert exposures(published.table) == ()
        for line in (*breakdown.lines, breakdown.total):
            for period, cell in line.counts.items():
                true = truth[(name, line.key, period)]
                if cell.shown:
                    assert cell.value == true and (true == 0 or true >= k)
                elif cell.mark is Mark.SMALL:
                    assert true < k
                else:
                    assert true >= k
            for outer in digest.periods:
                for inner in digest.periods:
                    a, b = line.counts[outer].value, line.counts[inner].value
                    nested = digest.periods[inner].within(digest.periods[outer])
                    if nested and a is not None and b is not None:
                        assert not 0 < a - b < k, (line.key, outer, inner)


def test_periods_are_the_iso_week_and_the_calendar_month() -> None:
    assert PERIODS == {
        Period.THIS_WEEK: DateRange(date(2026, 11, 16), date(2026, 11, 22)),
        Period.PREVIOUS_WEEK: DateRange(date(2026, 11, 9), date(2026, 11, 16)),
        Period.THIS_MONTH: DateRange(date(2026, 11, 1), date(2026, 11, 22)),
        Period.PREVIOUS_MONTH: DateRange(date(2026, 10, 1), date(2026, 11, 1)),
    }
    new_year = digest_periods(date(2026, 1, 3))
    assert new_year[Period.THIS_WEEK] == DateRange(date(2025, 12, 29), date(2026, 1, 4))
    assert new_year[Period.PREVIOUS_MONTH] == DateRange(date(2025, 12, 1), date(2026, 1, 1))
    assert not new_year[Period.THIS_WEEK].within(new_year[Period.THIS_MONTH])
    with pytest.raises(ValueError):
        DateRange(date(2026, 1, 2), date(2026, 1, 1))


def test_k_minus_one_reads_below_k() -> None:
    day = date(2026, 11, 17)
    digest = _digest([("police_conduct", "north", day)] * 4)
    police = digest.by_category.lines[0]
    assert police.key == "police_conduct"
    assert police.counts[Period.THIS_WEEK] == SMALL
    assert digest.by_category.total.counts[Period.THIS_WEEK] == SMALL
    assert digest.by_category.lines[1].counts[Period.THIS_WEEK] == Cell(0)
    assert digest.by_area.lines[0].counts[Period.THIS_MONTH] == SMALL
    assert police.week_change is None
    _check_safe(digest, [("police_conduct", "north", day)] * 4)


def test_k_is_shown() -> None:
    day = date(2026, 11, 17)
    digest = _digest([("police_conduct", "north", day)] * 5)
    police = digest.by_category.lines[0]
    assert police.counts[Period.THIS_WEEK] == Cell(5)
    assert police.counts[Period.THIS_MONTH] == Cell(5)
    assert digest.by_category.total.counts[Period.THIS_WEEK] == Cell(5)
    assert digest.by_area.lines[0].counts[Period.THIS_WEEK] == Cell(5)
    assert police.week_change == 5 and police.month_change == 5


def test_a_small_count_takes_its_total_with_it() -> None:
    day = date(2026, 11, 18)
    grievances = [("police_conduct", "north", day)] * 6 + [("corruption", "north", day)] * 2
    grievances += [("theft", "south", day)] * 9
    digest = _digest(grievances)
    week = {line.key: line.counts[Period.THIS_WEEK] for line in digest.by_category.lines}
    assert week["corruption"] == SMALL
    assert week["police_conduct"] == Cell(6) and week["theft"] == Cell(9)
    # Not another count: which one would depend on the hidden values.
    assert digest.by_category.total.counts[Period.THIS_WEEK].mark is Mark.COMPLEMENTARY
    assert digest.by_area.total.counts[Period.THIS_WEEK].mark is Mark.COMPLEMENTARY
    _check_safe(digest, grievances)


def test_this_week_inside_this_month_cannot_be_subtracted() -> None:
    this_week, earlier = date(2026, 11, 17), date(2026, 11, 3)
    grievances = [("police_conduct", "north", this_week)] * 7
    grievances += [("police_conduct", "north", earlier)] * 2
    grievances += [("theft", "south", this_week)] * 10
    digest = _digest(grievances)
    police = digest.by_category.lines[0]
    assert police.counts[Period.THIS_WEEK] == Cell(7)
    assert not police.counts[Period.THIS_MONTH].shown  # 9 - 7 would expose the other 2
    assert police.month_change is None
    _check_safe(digest, grievances)


def test_two_weeks_inside_a_month_cannot_be_subtracted_either() -> None:
    this_week, last_week, earlier = date(2026, 11, 17), date(2026, 11, 10), date(2026, 11, 2)
    grievances = [("theft", "south", this_week)] * 6 + [("theft", "south", last_week)] * 5
    grievances += [("theft", "south", earlier)] * 1 + [("police_conduct", "north", earlier)] * 8
    digest = _digest(grievances)
    theft = digest.by_category.lines[2]
    # 12 - 6 - 5 would expose the 1: one of the three is hidden.
    spans = (Period.THIS_WEEK, Period.PREVIOUS_WEEK, Period.THIS_MONTH)
    assert not all(theft.counts[p].shown for p in spans)
    _check_safe(digest, grievances)


def test_changes_need_both_counts_shown() -> None:
    this_week, last_week = date(2026, 11, 16), date(2026, 11, 9)
    grievances = [("theft", "south", this_week)] * 12 + [("theft", "south", last_week)] * 10
    grievances += [("police_conduct", "north", this_week)] * 3
    grievances += [("police_conduct", "north", last_week)] * 8
    grievances += [("corruption", "north", this_week)] * 6
    grievances += [("corruption", "north", last_week)] * 6
    digest = _digest(grievances)
    lines = {line.key: line for line in digest.by_category.lines}
    assert lines["theft"].week_change == 2
    assert lines["police_conduct"].week_change is None  # 3 is hidden
    assert lines["corruption"].week_change == 0
    assert digest.by_category.total.week_change is None  # hidden to protect the 3
    _check_safe(digest, grievances)


def test_keys_only_in_the_counts_come_after_the_listed_ones() -> None:
    day = date(2026, 11, 17)
    grievances = [("theft", "unspecified", day)] * 5 + [("theft", "old_area", day)] * 6
    grievances += [("theft", "north", day)] * 7
    digest = _digest(grievances)
    assert [line.key for line in digest.by_area.lines] == [
        "north",
        "south",
        "old_area",
        "unspecified",
    ]
    assert digest.by_area.total.counts[Period.THIS_WEEK] == Cell(18)
    assert digest.by_area.total.key is None


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        build_digest(
            {("theft", "north", Period.THIS_WEEK): -1},
            categories=CATEGORIES,
            areas=AREAS,
            periods=PERIODS,
        )
    with pytest.raises(ValueError):
        build_digest(
            {("theft", "north", Period.THIS_WEEK): 1},
            categories=CATEGORIES,
            areas=AREAS,
            periods={Period.THIS_MONTH: PERIODS[Period.THIS_MONTH]},
        )


grievance = st.tuples(
    st.sampled_from((*CATEGORIES, "other")),
    st.sampled_from((*AREAS, "unspecified")),
    st.integers(0, 75).map(lambda n: TODAY - timedelta(days=n)),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(grievance, max_size=80),
    st.integers(0, 40).map(lambda n: TODAY - timedelta(days=n)),
    st.sampled_from([3, 5]),
)
def test_any_digest_is_safe(grievances, today, k) -> None:
    grievances = [g for g in grievances if g[2] <= today]
    _check_safe(_digest(grievances, today, k), grievances)


def test_the_total_line_is_last_and_indexed_apart() -> None:
    digest = _digest([])
    assert [line.key for line in digest.by_category.lines] == list(CATEGORIES)
    assert all(c == Cell(0) for c in digest.by_category.total.counts.values())
    assert TOTAL == -1


def test_a_total_hidden_by_one_breakdown_is_hidden_by_the_other() -> None:
    # By subject: 5 police, 1 corruption, 1 theft, 1 other; all in the north. Shown in the
    # area breakdown, a total of 8 would tell that the three small subjects are 1 each.
    day = TODAY
    grievances = [("police_conduct", "north", day)] * 5 + [
        ("corruption", "north", day),
        ("theft", "north", day),
        ("other", "north", day),
    ]
    digest = _digest(grievances)
    week = Period.THIS_WEEK
    assert not digest.by_category.total.counts[week].shown
    assert not digest.by_area.total.counts[week].shown
    _check_safe(digest, grievances)
