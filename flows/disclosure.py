"""Publishing tables of counts without exposing small groups (statistical disclosure control).

Every count Palabre shows (grievance digests, survey tables, round summaries) goes through here.
A count of 1 to k−1 (k = 5 by default) can point at a person, so it is not published: it is
*suppressed* and shown as "<k". Suppressing it is not enough when totals are published: a lone
suppressed cell in a row equals the row total minus the others, two suppressed cells in a row
with total 2 are both 1, and chains of suppressed cells across rows and columns ("bridges") can
be solved. So after this *primary* suppression, more cells are suppressed (*complementary*
suppression) until an audit can derive none of them.

Decisions, and why:

- **Totals are counts too.** Row, column and grand totals get the same primary suppression as
  cells. This also settles "a small cell that is the only non-zero cell of its line": its line
  total equals it, so that total is small and suppressed with it.
- **Zeros are shown** by default: "nobody reported this" points at no one. But then a reader
  knows that every "<k" hides 1 to k−1, and some tables cannot be protected under that
  knowledge at all (a row of four 1s with a total of 4: four cells of at least 1 adding up to
  less than 5 must each be 1). For those tables zeros are hidden as well: every count below k,
  0 included, becomes "<k" (``PublishedTable.zeros_shown`` is then False). Should even that
  fail (rare: an exhaustive run over small tables found cases only for k below 5, e.g. with
  k = 4, [[1, 1, 1], [3, 3, 3]], where "column ≥ 4" and "cell ≤ 3" pin every cell), only the
  grand total is published and ``PublishedTable.withheld`` is True. ``show_zeros=False`` hides
  zeros from the start.
- **Complementary cells are marked differently** from small ones (``Mark.COMPLEMENTARY``; the
  edge may show "≥k" or a dash), because calling a count of 12 "<5" would be false. The reader
  is assumed to know the difference, and the audit gives them that knowledge.
- **Which entries are sacrificed does not depend on hidden values.** A hidden entry takes the
  totals of its row and column with it, and those theirs, so the grand total too; a line where
  an entry would be the only one hidden (a forced total) hides its first published count of k
  or more, cells before totals. That depends only on where the small counts are, which "<k"
  publishes anyway. The audit then only confirms (it fails only on the traps of the previous
  point, handled by hiding zeros, then by withholding). Choosing "the smallest other count
  that hides it" instead told a reader who re-runs the algorithm on every completion which
  completion they are looking at: [6, 5, 3] became [6, ≥k, <5] only when the hidden value was
  3. Totals are the price: a list with a small count publishes its counts, not its total.

The audit (:func:`audit`) is what a careful reader can do with the published table: they know
every published number, that rows and columns add up to their totals, that counts are
non-negative integers, that a "<k" is 1..k−1 (0..k−1 when zeros are hidden) and that a
complementary cell is k or more. For each suppressed entry it computes the smallest and largest
value consistent with all of that. A two-way table with totals is a flow network (source → row
→ column → sink, grand total back to the source: conservation at each node is exactly "the
cells add up to the total"), so these bounds are exact and integral; they are computed with
max-flow on the residual network. An entry is **exposed** when its bounds meet (min == max):
its value can be derived. Bounds entirely below k are not an exposure here, because "<k" says
exactly that already; narrower ranges within 1..k−1 (say "1 or 2") are accepted, as in common
statistical practice, since a published total always leaks that much.

Limits: the audit covers one table. Overlapping tables released together (the digest's periods
and breakdowns) are audited jointly by their caller (``flows.grievances.digest_audit``); tables
released one after the other (today's and yesterday's digest) can be differenced, so callers
release them once per period. A reader who re-runs this algorithm gains nothing beyond the
audit while the first rule succeeds, since the hidden set is then a function of what is
published (tests/flows/test_disclosure_reader.py re-runs it on every completion of small
tables: nothing pinned); in the fallbacks, knowing that the first rule failed tells a little.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from flows.table_network import TOTAL as TOTAL  # re-exported: tables are read by position
from flows.table_network import Bound, Grid, feasible, slack
from flows.table_network import Position as Position

DEFAULT_K = 5
#: The smallest k every published figure supports (survey trends refuse less: no survey tool
#: reviewed allows a reporting minimum under 3); settings refuse a smaller one at load.
MIN_K = 3


class Mark(StrEnum):
    """Why an entry is not published."""

    SMALL = "small"  # below k: render "<k"
    COMPLEMENTARY = "complementary"  # k or more, hidden so that a small one stays hidden
    WITHHELD = "withheld"  # the table could not be broken down safely: only its total is shown


@dataclass(frozen=True, slots=True)
class Cell:
    """A published count, or a suppressed one (``value`` None and a ``mark``)."""

    value: int | None
    mark: Mark | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.mark is None):
            raise ValueError("a cell has either a value or a mark")

    @property
    def shown(self) -> bool:
        return self.mark is None


@dataclass(frozen=True, slots=True)
class Bounds:
    """What can be inferred about a suppressed entry: low..high (high None: no upper bound)."""

    low: int
    high: int | None

    @property
    def exact(self) -> bool:
        return self.high == self.low


@dataclass(frozen=True, slots=True)
class PublishedTable:
    k: int
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell
    zeros_shown: bool = True
    withheld: bool = False

    def at(self, position: Position) -> Cell:
        i, j = position
        if i == TOTAL:
            return self.total if j == TOTAL else self.column_totals[j]
        return self.row_totals[i] if j == TOTAL else self.cells[i][j]

    def positions(self) -> tuple[Position, ...]:
        return Grid(len(self.row_totals), len(self.column_totals)).positions


@dataclass(frozen=True, slots=True)
class PublishedList:
    """A list of counts with its total: a table of one column."""

    table: PublishedTable

    @property
    def cells(self) -> tuple[Cell, ...]:
        return tuple(row[0] for row in self.table.cells)

    @property
    def total(self) -> Cell:
        return self.table.total


def suppress_below(count: int, k: int = DEFAULT_K, *, show_zero: bool = True) -> Cell:
    """A single count on its own: shown when 0 (unless ``show_zero`` is False) or at least k."""
    _check_count(count)
    if count >= k or (count == 0 and show_zero):
        return Cell(count)
    return Cell(None, Mark.SMALL)


def suppress_table(
    counts: Sequence[Sequence[int]],
    k: int = DEFAULT_K,
    *,
    show_zeros: bool = True,
    force: Collection[Position] = (),
) -> PublishedTable:
    """Publish ``counts`` (rows of cells) with row, column and grand totals, safely.

    ``force`` names entries that must not be published whatever their value (a caller's own
    rule, e.g. a difference with another table); they are hidden like complementary cells.
    """
    rows = [list(r) for r in counts]
    grid = Grid(len(rows), len(rows[0]) if rows else 0)
    if k < 1 or any(len(r) != grid.columns for r in rows):
        raise ValueError("k must be at least 1 and every row needs the same number of cells")
    for count in (c for row in rows for c in row):
        _check_count(count)
    values = grid.extend(rows)
    if not set(force) <= set(values):
        raise ValueError(f"no entry at some of {sorted(force)}")
    for zeros_shown in (True, False) if show_zeros else (False,):
        marks = _protect(grid, values, k, zeros_shown, force)
        if marks is not None:
            return _publish(grid, values, marks, k, zeros_shown)
    return _publish(grid, values, _withhold(grid, values, k, force), k, False)


def suppress_list(
    counts: Sequence[int],
    k: int = DEFAULT_K,
    *,
    show_zeros: bool = True,
    force: Collection[int] = (),
) -> PublishedList:
    """Publish a list of counts and their total; ``force`` holds indices, or TOTAL."""
    positions = [(TOTAL, TOTAL) if i == TOTAL else (i, 0) for i in force]
    table = suppress_table([[c] for c in counts], k, show_zeros=show_zeros, force=positions)
    return PublishedList(table)


def audit(table: PublishedTable) -> dict[Position, Bounds]:
    """The bounds a reader can derive for every suppressed entry (see the module docstring).

    Raises ValueError when the published numbers contradict each other.
    """
    grid = Grid(len(table.row_totals), len(table.column_totals))
    bounds = {p: _reader_bounds(table.at(p), table.k, table.zeros_shown) for p in grid.positions}
    flow = feasible(grid, bounds)
    if flow is None:
        raise ValueError("the published table contradicts itself")
    found = {}
    for p in grid.positions:
        if not table.at(p).shown:
            down, up = slack(grid, bounds, flow, p)
            found[p] = Bounds(flow[p] - down, None if up is None else flow[p] + up)
    return found


def exposures(table: PublishedTable) -> tuple[Position, ...]:
    """Suppressed entries whose value the audit can derive exactly (should be none)."""
    return tuple(p for p, b in audit(table).items() if b.exact)


def _check_count(count: object) -> None:
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise ValueError(f"a count must be a non-negative integer, not {count!r}")


def _reader_bounds(cell: Cell, k: int, zeros_shown: bool) -> Bound:
    if cell.value is not None:
        return cell.value, cell.value
    if cell.mark is Mark.SMALL:
        return (1 if zeros_shown else 0), k - 1
    return (k, None) if cell.mark is Mark.COMPLEMENTARY else (0, None)


# Suppression ----------------------------------------------------------------------------------


def _protect(
    grid: Grid, values: dict[Position, int], k: int, zeros_shown: bool, force: Collection[Position]
) -> dict[Position, Mark] | None:
    """Marks that leave no suppressed entry exposed, or None when this rule cannot.

    Which entries are hidden depends only on where the small counts are (published anyway, as
    "<k") and on ``force``, never on a hidden value: each hidden entry takes the totals of its
    lines with it, and those theirs (so the grand total too). The audit then only confirms.
    """
    marks = {p: Mark.SMALL for p, v in values.items() if 0 < v < k or (v < k and not zeros_shown)}
    for p in force:
        if p not in marks and values[p] == 0:
            return None  # a zero can only be hidden among "<k" cells, with zeros hidden
    hidden = [*marks, *force]
    while hidden:
        p = hidden.pop()
        for q in (p, (p[0], TOTAL), (TOTAL, p[1]), *_partners(grid, values, k, marks, p)):
            for twin in grid.twins(q):
                if twin not in marks:
                    small = values[twin] < k
                    marks[twin] = Mark.SMALL if small else Mark.COMPLEMENTARY
                    hidden.append(twin)
    for p in force:
        if marks.get(p) is not Mark.SMALL:
            marks.update(dict.fromkeys(grid.twins(p), Mark.COMPLEMENTARY))
    bounds = {
        p: _reader_bounds(Cell(None, marks[p]) if p in marks else Cell(v), k, zeros_shown)
        for p, v in values.items()
    }
    if any(_pinned(grid, bounds, values, p) for p in marks):
        return None
    return marks


def _partners(
    grid: Grid, values: dict[Position, int], k: int, marks: dict[Position, Mark], p: Position
) -> list[Position]:
    """For each line through ``p`` where it would be the only hidden entry (a forced total, say),
    the first published entry of k or more there, cells before totals: alone it is derivable."""
    found = []
    for line in (
        [(p[0], j) for j in (*range(grid.columns), TOTAL)],
        [(i, p[1]) for i in (*range(grid.rows), TOTAL)],
    ):
        groups = {grid.twins(q) for q in line}
        if len(groups) > 1 and sum(any(q in marks for q in g) for g in groups) <= 1:
            shown = [q for q in line if q not in marks and values[q] >= k]
            shown.sort(key=lambda q: (TOTAL in q, q))
            found += shown[:1]
    return found


def _pinned(
    grid: Grid, bounds: dict[Position, Bound], values: dict[Position, int], p: Position
) -> bool:
    """Whether no other table consistent with ``bounds`` gives entry ``p`` another value."""
    return slack(grid, bounds, values, p, limit=1) == (0, 0)


def _withhold(
    grid: Grid, values: dict[Position, int], k: int, force: Collection[Position]
) -> dict[Position, Mark]:
    """The last resort: every entry withheld but the grand total (and what always equals it).

    With at least two cells and nothing else known, every withheld entry can be anything from
    0 to the total, so none can be derived; the total itself is shown, or "<k" when small (or
    when forced: "≥k", or "<k" even for a zero, since zeros are hidden here).
    """
    grand = grid.twins((TOTAL, TOTAL))
    marks = {p: Mark.WITHHELD for p in grid.positions if p not in grand}
    if values[(TOTAL, TOTAL)] >= k and any(p in grand for p in force):
        marks.update(dict.fromkeys(grand, Mark.COMPLEMENTARY))
    elif 0 < values[(TOTAL, TOTAL)] < k or any(p in grand for p in force):
        marks.update(dict.fromkeys(grand, Mark.SMALL))
    return marks


def _publish(
    grid: Grid, values: dict[Position, int], marks: dict[Position, Mark], k: int, zeros: bool
) -> PublishedTable:
    def cell(p: Position) -> Cell:
        return Cell(None, marks[p]) if p in marks else Cell(values[p])

    return PublishedTable(
        k=k,
        cells=tuple(tuple(cell((i, j)) for j in range(grid.columns)) for i in range(grid.rows)),
        row_totals=tuple(cell((i, TOTAL)) for i in range(grid.rows)),
        column_totals=tuple(cell((TOTAL, j)) for j in range(grid.columns)),
        total=cell((TOTAL, TOTAL)),
        zeros_shown=zeros,
        withheld=any(m is Mark.WITHHELD for m in marks.values()),
    )
