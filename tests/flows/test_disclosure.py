"""Small-cell suppression: nothing below k is published, and nothing hidden can be derived."""

import math
from itertools import product

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from flows.disclosure import (
    TOTAL,
    Bounds,
    Cell,
    Mark,
    PublishedTable,
    audit,
    exposures,
    suppress_below,
    suppress_list,
    suppress_table,
)


def _entries(counts: list[list[int]]) -> dict[tuple[int, int], int]:
    values = {}
    for i, row in enumerate(counts):
        for j, v in enumerate(row):
            values[(i, j)] = v
        values[(i, TOTAL)] = sum(row)
    columns = len(counts[0]) if counts else 0
    for j in range(columns):
        values[(TOTAL, j)] = sum(row[j] for row in counts)
    values[(TOTAL, TOTAL)] = sum(map(sum, counts))
    return values


def _consistent_tables(table: PublishedTable, cap: int):
    """Every table a reader could believe in, cells capped at ``cap`` (brute force)."""
    rows, columns = len(table.row_totals), len(table.column_totals)
    k, small_low = table.k, 1 if table.zeros_shown else 0

    def allowed(cell: Cell, value: int) -> bool:
        if cell.value is not None:
            return value == cell.value
        if cell.mark is Mark.SMALL:
            return small_low <= value <= k - 1
        return value >= k if cell.mark is Mark.COMPLEMENTARY else value >= 0

    choices = []
    for i in range(rows):
        for j in range(columns):
            cell = table.cells[i][j]
            choices.append([v for v in range(cap + 1) if allowed(cell, v)])
    if math.prod(len(c) for c in choices) > MAX_CANDIDATES:
        return None
    return _candidates(table, choices, rows, columns, allowed)


#: Brute force stays a check, not a benchmark: larger searches are skipped (hypothesis draws
#: again), which also keeps the suite's time independent of the random examples drawn.
MAX_CANDIDATES = 200_000


def _candidates(table: PublishedTable, choices, rows: int, columns: int, allowed):
    for combo in product(*choices):
        counts = [list(combo[i * columns : (i + 1) * columns]) for i in range(rows)]
        values = _entries(counts)
        if all(allowed(table.at(p), v) for p, v in values.items()):
            yield values


def _assert_safe(counts: list[list[int]], table: PublishedTable) -> None:
    values = _entries(counts)
    for p, v in values.items():
        cell = table.at(p)
        if cell.shown:
            assert cell.value == v, "a published number must be the true one"
            assert v == 0 or v >= table.k, f"{v} below k published at {p}"
            assert v != 0 or table.zeros_shown
        elif cell.mark is Mark.SMALL:
            assert v < table.k and (v > 0 or not table.zeros_shown)
        elif cell.mark is Mark.COMPLEMENTARY:
            assert v >= table.k, "a complementary cell must honestly be k or more"
    assert exposures(table) == ()


# Single numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, Cell(0)), (1, Cell(None, Mark.SMALL)), (4, Cell(None, Mark.SMALL)), (5, Cell(5))],
)
def test_suppress_below_k(count: int, expected: Cell) -> None:
    assert suppress_below(count, 5) == expected


def test_suppress_below_can_hide_zero_and_refuses_nonsense() -> None:
    assert suppress_below(0, 5, show_zero=False) == Cell(None, Mark.SMALL)
    assert suppress_below(3, 3) == Cell(3)
    with pytest.raises(ValueError):
        suppress_below(-1)
    with pytest.raises(ValueError):
        Cell(3, Mark.SMALL)
    with pytest.raises(ValueError):
        Cell(None)


# Known traps ---------------------------------------------------------------------------------


def test_a_lone_small_cell_is_not_recoverable_from_the_row_total() -> None:
    table = suppress_table([[10, 2, 7]])
    assert table.cells[0][1].mark is Mark.SMALL
    # The line's totals go with it (not another cell: which one would depend on the values).
    assert table.row_totals[0].mark is Mark.COMPLEMENTARY
    assert table.total.mark is Mark.COMPLEMENTARY
    assert table.cells[0][0] == Cell(10) and table.cells[0][2] == Cell(7)
    _assert_safe([[10, 2, 7]], table)


def test_two_small_cells_with_total_two_are_protected() -> None:
    counts = [[1, 1, 9], [6, 7, 8]]
    table = suppress_table(counts)
    assert table.cells[0][0].mark is Mark.SMALL and table.cells[0][1].mark is Mark.SMALL
    # 11 and 9 both shown would give 1 + 1 = 2: one of them must go too.
    assert not (table.cells[0][2].shown and table.row_totals[0].shown)
    _assert_safe(counts, table)


def test_the_two_cells_with_total_two_trap_is_what_the_audit_catches() -> None:
    # Suppressing only the two 1s and publishing everything else exposes both.
    naive = PublishedTable(
        k=5,
        cells=((Cell(None, Mark.SMALL), Cell(None, Mark.SMALL), Cell(9)),),
        row_totals=(Cell(11),),
        column_totals=(Cell(None, Mark.SMALL), Cell(None, Mark.SMALL), Cell(9)),
        total=Cell(11),
    )
    assert set(exposures(naive)) >= {(0, 0), (0, 1)}
    assert audit(naive)[(0, 0)] == Bounds(1, 1)


def _bridge(row_totals, column_totals, total) -> PublishedTable:
    small, other = Cell(None, Mark.SMALL), Cell(None, Mark.COMPLEMENTARY)
    return PublishedTable(
        k=5,
        cells=((small, other, Cell(6)), (other, small, Cell(6))),
        row_totals=tuple(map(Cell, row_totals)),
        column_totals=tuple(map(Cell, column_totals)),
        total=Cell(total),
    )


def test_a_bridge_across_rows_and_columns_is_solved_by_the_audit() -> None:
    # Hidden x, a / b, y form a cycle: one degree of freedom t = x, a = r0 - t, b = c0 - t,
    # y = t - 1. With true table [[2, 6], [7, 1]] the labels leave t in 2..3: safe.
    loose = _bridge((14, 14), (9, 7, 12), 28)
    assert audit(loose)[(0, 0)] == Bounds(2, 3)
    assert exposures(loose) == ()
    # With [[2, 5], [7, 1]]: a = 7 - t >= 5 gives t <= 2 and y = t - 1 >= 1 gives t >= 2.
    pinned = _bridge((13, 14), (9, 6, 12), 27)
    assert audit(pinned)[(0, 0)] == Bounds(2, 2)
    assert audit(pinned)[(1, 1)] == Bounds(1, 1)
    assert set(exposures(pinned)) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    # And the suppression itself never leaves such a bridge behind.
    _assert_safe([[2, 5, 6], [7, 1, 6]], suppress_table([[2, 5, 6], [7, 1, 6]]))


def test_only_non_zero_cell_of_its_line_hides_the_line_total() -> None:
    counts = [[3, 0, 0], [6, 8, 9]]
    table = suppress_table(counts)
    assert table.cells[0][0].mark is Mark.SMALL
    assert table.row_totals[0].mark is Mark.SMALL
    assert table.cells[0][1] == Cell(0)
    _assert_safe(counts, table)


def test_unprotectable_with_zeros_shown_falls_back_to_hiding_zeros() -> None:
    # Four cells of at least 1 adding up to less than 5 must all be 1.
    counts = [[1, 1, 1, 1, 0]]
    table = suppress_table(counts)
    assert table.zeros_shown is False
    assert all(c.mark is Mark.SMALL for c in table.cells[0])
    assert all(b.low == 0 and b.high == 4 for b in audit(table).values())
    _assert_safe(counts, table)


def test_nothing_small_publishes_everything() -> None:
    counts = [[5, 0, 7], [0, 12, 9]]
    table = suppress_table(counts)
    assert all(table.at(p).shown for p in table.positions())
    assert audit(table) == {}


def test_forced_entries_are_hidden_and_still_protected() -> None:
    table = suppress_list([9, 8, 20], force=[0])
    assert table.cells[0].mark is Mark.COMPLEMENTARY
    assert not table.total.shown  # else 9 = 37 - 8 - 20
    assert table.cells[1] == Cell(8) and table.cells[2] == Cell(20)
    assert exposures(table.table) == ()


def test_forcing_a_zero_hides_zeros() -> None:
    table = suppress_list([0, 8, 20], force=[0])
    assert table.cells[0].mark is Mark.SMALL and not table.table.zeros_shown


def test_lists_have_their_total() -> None:
    published = suppress_list([6, 1, 0, 9])
    assert published.cells[1].mark is Mark.SMALL
    assert published.cells[2] == Cell(0)
    assert published.total.mark is Mark.COMPLEMENTARY  # else 1 = 16 - 6 - 0 - 9
    assert published.cells[0] == Cell(6) and published.cells[3] == Cell(9)
    assert exposures(published.table) == ()


def test_an_empty_list_publishes_a_zero_total() -> None:
    assert suppress_list([]).total == Cell(0)
    assert suppress_table([]).total == Cell(0)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        suppress_table([[1, 2], [3]])
    with pytest.raises(ValueError):
        suppress_table([[1, -2]])
    with pytest.raises(ValueError):
        suppress_table([[1, True]])
    with pytest.raises(ValueError):
        suppress_table([[1]], k=0)
    with pytest.raises(ValueError):
        suppress_table([[1]], force=[(3, 3)])


def test_the_audit_refuses_a_table_that_contradicts_itself() -> None:
    broken = PublishedTable(5, ((Cell(7), Cell(8)),), (Cell(99),), (Cell(7), Cell(8)), Cell(15))
    with pytest.raises(ValueError):
        audit(broken)


def test_a_table_that_cannot_be_broken_down_shows_only_its_total() -> None:
    # k = 4: "column total >= 4" with "cell <= 3" forces every cell of the first row >= 1,
    # and a row total "<4" over three such cells pins them all to 1, zeros hidden or not.
    counts = [[1, 1, 1], [3, 3, 3]]
    table = suppress_table(counts, 4)
    assert table.withheld
    assert table.total == Cell(12)
    assert all(table.at(p).mark is Mark.WITHHELD for p in table.positions() if p != (-1, -1))
    assert all(b == Bounds(0, 12) for b in audit(table).values())
    _assert_safe(counts, table)


@pytest.mark.parametrize("k", [3, 5])
@pytest.mark.parametrize("shape", [(1, 3), (2, 2), (3, 1)])
def test_a_table_with_a_small_total_is_all_below_k_and_never_withheld(k, shape) -> None:
    rows, columns = shape
    for combo in product(range(k), repeat=rows * columns):
        if 0 < sum(combo) < k:
            counts = [list(combo[i * columns : (i + 1) * columns]) for i in range(rows)]
            table = suppress_table(counts, k)
            assert not table.withheld and table.total == Cell(None, Mark.SMALL)
            assert not any(table.at(p).shown and table.at(p).value for p in table.positions())
            _assert_safe(counts, table)


# Properties ----------------------------------------------------------------------------------

small_counts = st.one_of(st.integers(0, 6), st.integers(0, 30))


@st.composite
def tables(draw, max_rows: int = 5, max_columns: int = 5):
    rows = draw(st.integers(1, max_rows))
    columns = draw(st.integers(1, max_columns))
    return [[draw(small_counts) for _ in range(columns)] for _ in range(rows)]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(max_rows=6, max_columns=6), st.sampled_from([2, 3, 4, 5, 10]), st.booleans())
def test_suppression_passes_its_own_audit(counts, k, show_zeros) -> None:
    table = suppress_table(counts, k, show_zeros=show_zeros)
    _assert_safe(counts, table)


@settings(max_examples=200, deadline=None)
@given(st.lists(small_counts, max_size=12), st.sampled_from([3, 5]))
def test_lists_pass_their_own_audit(counts, k) -> None:
    published = suppress_list(counts, k)
    _assert_safe([[c] for c in counts], published.table)
    assert len(published.cells) == len(counts)


@settings(max_examples=300, deadline=None)
@given(tables(max_rows=2, max_columns=3), st.sampled_from([2, 3]))
def test_brute_force_agrees_with_the_audit_and_finds_nothing_derivable(counts, k) -> None:
    counts = [[min(v, 4) for v in row] for row in counts]
    table = suppress_table(counts, k)
    bounds = audit(table)
    finite = [b.high for b in bounds.values() if b.high is not None]
    cap = max([*finite, *(v for row in counts for v in row), k]) + 1
    seen: dict[tuple[int, int], set[int]] = {p: set() for p in bounds}
    candidates = _consistent_tables(table, cap)
    assume(candidates is not None)
    for candidate in candidates:
        for p in bounds:
            seen[p].add(candidate[p])
    for p, b in bounds.items():
        assert min(seen[p]) == b.low, p
        assert max(seen[p]) == (b.high if b.high is not None else max(seen[p])), p
        if b.high is None:
            assert max(seen[p]) >= cap, p  # unbounded really is unbounded
        assert len(seen[p]) >= 2, f"{p} is derivable"


@settings(max_examples=150, deadline=None)
@given(tables(max_rows=3, max_columns=3), st.data())
def test_audit_bounds_hold_the_truth_for_any_suppression_pattern(counts, data) -> None:
    """Hide an arbitrary set of entries (honestly marked): the truth lies within the bounds."""
    k = 5
    values = _entries(counts)
    hidden = data.draw(st.sets(st.sampled_from(sorted(values))))

    def cell(p):
        v = values[p]
        if p in hidden or 0 < v < k:
            return Cell(None, Mark.SMALL if v < k else Mark.COMPLEMENTARY)
        return Cell(v)

    rows, columns = len(counts), len(counts[0])
    table = PublishedTable(
        k,
        tuple(tuple(cell((i, j)) for j in range(columns)) for i in range(rows)),
        tuple(cell((i, TOTAL)) for i in range(rows)),
        tuple(cell((TOTAL, j)) for j in range(columns)),
        cell((TOTAL, TOTAL)),
        zeros_shown=not any(values[p] == 0 for p in hidden),
    )
    for p, b in audit(table).items():
        assert b.low <= values[p] and (b.high is None or values[p] <= b.high)
