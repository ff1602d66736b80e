"""The digest audited as one release: every period and both breakdowns at once.

The four periods overlap (a previous week can straddle two months), so no table of the digest
can be audited alone. The reader's unknowns are the counts of each line (a category, an area,
the total) over each *slice of days*: the date ranges cut by all four periods' boundaries (at
most four, see :func:`slices`). Every published cell is a constraint on the sum of its line's
slices within its period (a number, "<k" = 1..k−1 or 0..k−1 when the list hides zeros, "≥k");
in every slice the categories add up to the total and so do the areas. Nothing else ties them:
any split by category and by area with the same slice totals is a table of (category, area)
counts, so this is all a reader can use.

Exposed (:func:`exposures`): a hidden cell whose value no other solution changes, or a count of
1..k−1 for some line over some set of slices that no other solution changes (a difference of
published numbers, such as this month minus this week). The search is exact in integers
(:mod:`flows.integer_search`) and errs only towards calling something exposed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from flows.disclosure import TOTAL, Cell, Mark
from flows.integer_search import Constraint, System, another

#: A line of the release: ("category", index), ("area", index), or ("total", TOTAL).
Line = tuple[str, int]
TOTAL_LINE: Line = ("total", TOTAL)


@dataclass(frozen=True, slots=True)
class Slices:
    """The days cut by every period boundary, and which of them each period covers."""

    bounds: tuple[tuple[date, date], ...]
    of_period: Mapping[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Exposure:
    line: Line
    slices: tuple[int, ...]
    #: The published cell this is, when it is one.
    period: str | None


def slices(periods: Mapping[str, tuple[date, date]]) -> Slices:
    """Every stretch between two consecutive period boundaries that some period covers."""
    points = sorted({d for span in periods.values() for d in span})
    bounds = tuple(
        (a, b)
        for a, b in zip(points, points[1:], strict=False)
        if any(s <= a and b <= e for s, e in periods.values())
    )
    of_period = {
        p: tuple(i for i, (a, b) in enumerate(bounds) if s <= a and b <= e)
        for p, (s, e) in periods.items()
    }
    return Slices(bounds, of_period)


def slice_counts(per_period: Mapping[str, int], cut: Slices) -> tuple[int, ...]:
    """A line's count per slice, from its count per period (ValueError if they disagree)."""
    known: dict[int, int] = {}
    open_ = {p: set(s) for p, s in cut.of_period.items()}
    while len(known) < len(cut.bounds):
        solvable = next((p for p, s in open_.items() if len(s - known.keys()) == 1), None)
        if solvable is None:
            raise ValueError("the periods do not determine the count of every slice of days")
        (index,) = open_[solvable] - known.keys()
        known[index] = per_period.get(solvable, 0) - sum(
            known[i] for i in open_[solvable] if i != index
        )
    counts = tuple(known[i] for i in range(len(cut.bounds)))
    for p, s in cut.of_period.items():
        if any(c < 0 for c in counts) or sum(counts[i] for i in s) != per_period.get(p, 0):
            raise ValueError("counts per period that no count of days can give")
    return counts


@dataclass(frozen=True, slots=True)
class Release:
    """What the digest publishes: each line's cell per period, and whether its list shows 0."""

    k: int
    cut: Slices
    cells: Mapping[Line, Mapping[str, Sequence[tuple[Cell, bool]]]]
    categories: int
    areas: int


def exposures(release: Release, truth: Mapping[Line, tuple[int, ...]]) -> list[Exposure]:
    """Everything a reader can pin (see the module docstring); ``truth`` per line and slice."""
    k, width = release.k, len(release.cut.bounds)
    lines = [("category", i) for i in range(release.categories)]
    lines += [("area", i) for i in range(release.areas)] + [TOTAL_LINE]
    variable = {
        (line, s): n for n, (line, s) in enumerate((ln, s) for ln in lines for s in range(width))
    }
    constraints = []
    shown_sum = 0
    for line in lines:
        for period, seen in release.cells[line].items():
            terms = tuple((variable[(line, s)], 1) for s in release.cut.of_period[period])
            for cell, zeros_shown in seen:
                low, high = _reader_bounds(cell, k, zeros_shown)
                constraints.append(Constraint(terms, low, high))
                shown_sum += cell.value or 0
    for side, count in (("category", release.categories), ("area", release.areas)):
        for s in range(width):
            terms = tuple((variable[((side, i), s)], 1) for i in range(count))
            constraints.append(Constraint((*terms, (variable[(TOTAL_LINE, s)], -1)), 0, 0))
    truths = {n: truth[line][s] for (line, s), n in variable.items()}
    point = [truths[n] for n in range(len(variable))]
    cap = max(point, default=0) + shown_sum + 2 * k
    system = System(len(variable), constraints, cap)
    if not system.holds(point):
        raise ValueError("the release does not hold for the true counts")
    targets: list[Exposure] = []
    for line in lines:
        for period, seen in release.cells[line].items():
            if not any(cell.shown for cell, _ in seen):
                targets.append(Exposure(line, release.cut.of_period[period], period))
        for size in range(1, width + 1):
            for chosen in combinations(range(width), size):
                if 0 < sum(truth[line][s] for s in chosen) < k:
                    targets.append(Exposure(line, chosen, None))
    found: list[list[int]] = []
    exposed = []
    for target in targets:
        form = [variable[(target.line, s)] for s in target.slices]
        value = sum(point[v] for v in form)
        if any(sum(w[v] for v in form) != value for w in found):
            continue
        witness = another(system, point, form)
        if witness is None:
            exposed.append(target)
        else:
            found.append(witness)
    return exposed


def _reader_bounds(cell: Cell, k: int, zeros_shown: bool) -> tuple[int | None, int | None]:
    if cell.value is not None:
        return cell.value, cell.value
    if cell.mark is Mark.SMALL:
        return (1 if zeros_shown else 0), k - 1
    return (k, None) if cell.mark is Mark.COMPLEMENTARY else (0, None)
