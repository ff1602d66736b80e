"""An independent attacker on the whole digest: exact integer programming (scipy's MILP) over
every number published together. Nothing hidden and no count of 1..k−1 over some days may be
pinned, in hundreds of seeded random digests at month and year boundaries."""

import random
from collections import Counter
from datetime import date, timedelta
from itertools import combinations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from flows.disclosure import Mark
from flows.grievances.digest import Digest, build_digest, digest_periods

CATEGORIES = ("police_conduct", "corruption", "theft")
AREAS = ("north", "south")


def _today_choices() -> list[date]:
    days = [date(2025, 10, 6), date(2026, 1, 1), date(2028, 2, 29), date(2028, 3, 1)]
    for year in (2025, 2026, 2027):
        for month in range(1, 13):
            first = date(year, month, 1)
            days += [first + timedelta(days=n) for n in range(8)]
            days.append(first - timedelta(days=1))
    return days


def _release(grievances, today, k, extra_categories=(), extra_areas=()):
    periods = digest_periods(today)
    counts: Counter = Counter()
    for category, area, day in grievances:
        for period, span in periods.items():
            if span.start <= day < span.end:
                counts[(category, area, period)] += 1
    digest = build_digest(
        dict(counts),
        categories=(*CATEGORIES, *extra_categories),
        areas=(*AREAS, *extra_areas),
        periods=periods,
        k=k,
    )
    return digest


def attack(digest: Digest, grievances) -> list[str]:
    """What an exact reader pins. Unknowns: grievances per (category, area, kind of day), a kind
    being the set of periods a day lies in (found day by day, not by the code under test)."""
    periods = digest.periods
    first = min(s.start for s in periods.values())
    last = max(s.end for s in periods.values())
    kinds: dict[frozenset, list[date]] = {}
    day = first
    while day < last:
        inside = frozenset(p for p, s in periods.items() if s.start <= day < s.end)
        if inside:
            kinds.setdefault(inside, []).append(day)
        day += timedelta(days=1)
    kind_of = {d: kind for kind, days in kinds.items() for d in days}
    kind_list = sorted(kinds, key=lambda kd: min(kinds[kd]))
    cats = [line.key for line in digest.by_category.lines]
    areas = [line.key for line in digest.by_area.lines]
    index = {
        (c, a, kd): n
        for n, (c, a, kd) in enumerate((c, a, kd) for c in cats for a in areas for kd in kind_list)
    }
    truth = np.zeros(len(index))
    for c, a, d in grievances:
        if d in kind_of:
            truth[index[(c, a, kind_of[d])]] += 1
    rows, lows, highs = [], [], []
    k = digest.k

    def form(side, key, kinds_in):
        row = np.zeros(len(index))
        for (c, a, kd), n in index.items():
            if kd in kinds_in and (key is None or (c if side == "category" else a) == key):
                row[n] = 1
        return row

    for side, breakdown in (("category", digest.by_category), ("area", digest.by_area)):
        for period, listed in breakdown.published.items():
            zeros = listed.table.zeros_shown
            within = {kd for kd in kind_list if period in kd}
            for line in (*breakdown.lines, breakdown.total):
                cell = line.counts[period]
                if cell.shown:
                    low, high = cell.value, cell.value
                elif cell.mark is Mark.SMALL:
                    low, high = (1 if zeros else 0), k - 1
                elif cell.mark is Mark.COMPLEMENTARY:
                    low, high = k, np.inf
                else:
                    low, high = 0, np.inf
                rows.append(form(side, line.key, within))
                lows.append(low)
                highs.append(high)
    matrix = np.array(rows)
    assert np.all(matrix @ truth >= np.array(lows)) and np.all(matrix @ truth <= np.array(highs))
    constraint = LinearConstraint(matrix, lows, highs)
    integral = np.ones(len(index))
    cap = 10 * (len(grievances) + k)  # far above any count; the reader may believe in any table

    seen = [truth]  # every table found so far: one that moves a number shows it is not pinned

    def pinned(objective) -> bool:
        value = objective @ truth
        if any(objective @ table != value for table in seen):
            return False
        for sign in (1, -1):
            found = milp(
                sign * objective,
                constraints=[constraint],
                integrality=integral,
                bounds=Bounds(0, cap),
            )
            assert found.status == 0, found.message
            if round(found.fun * sign) != value:
                seen.append(np.round(found.x))
                return False
        return True

    found = []
    for side, breakdown in (("category", digest.by_category), ("area", digest.by_area)):
        for line in (*breakdown.lines, breakdown.total):
            for period, cell in line.counts.items():
                within = {kd for kd in kind_list if period in kd}
                if not cell.shown and pinned(form(side, line.key, within)):
                    found.append(f"{side} {line.key} {period} hidden but pinned")
            for size in range(1, len(kind_list) + 1):
                for chosen in combinations(kind_list, size):
                    objective = form(side, line.key, set(chosen))
                    if 0 < objective @ truth < k and pinned(objective):
                        found.append(f"{side} {line.key} over {sorted(map(sorted, chosen))}")
    return found


def test_the_straddling_week_of_the_issue_pins_nothing() -> None:
    # Monday 6 October 2025: five grievances on 1–5 October (the previous week, this month),
    # one today. Published naively: this week <5, previous week 5, this month 6, previous
    # month 0 gives this week = 1.
    today = date(2025, 10, 6)
    grievances = [("theft", "north", date(2025, 10, n)) for n in range(1, 6)]
    grievances.append(("theft", "north", today))
    digest = _release(grievances, today, 5)
    assert attack(digest, grievances) == []
    theft = digest.by_category.lines[2].counts
    assert not all(c.shown for p, c in theft.items() if p != "this_week")


def test_no_digest_at_month_and_year_boundaries_pins_anything() -> None:
    rng = random.Random(20251006)
    days = _today_choices()
    releases = 0
    for _ in range(300):
        today = rng.choice(days)
        k = rng.choice((3, 5, 5))
        start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        span = (today - start).days
        size = rng.choice((0, 2, 5, 8, 12, 20, 35))
        grievances = [
            (
                rng.choice((*CATEGORIES, "other")),
                rng.choice((*AREAS, "unspecified")),
                start + timedelta(days=rng.randrange(span + 1)),
            )
            for _ in range(size)
        ]
        digest = _release(grievances, today, k)
        assert attack(digest, grievances) == [], (today, k, grievances)
        releases += 1
    assert releases == 300
