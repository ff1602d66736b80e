"""A reader who knows the algorithm: among the tables consistent with what is published, they keep
those on which :func:`suppress_table` gives the very same publication, and look for a hidden
entry with one value left. The suppression must leave them nothing: 0 pinned."""

import random
from itertools import product

import pytest

from flows.disclosure import TOTAL, Cell, Mark, PublishedTable, suppress_table


def _entries(rows):
    values = {(i, j): v for i, row in enumerate(rows) for j, v in enumerate(row)}
    values |= {(i, TOTAL): sum(row) for i, row in enumerate(rows)}
    values |= {(TOTAL, j): sum(row[j] for row in rows) for j in range(len(rows[0]))}
    values[(TOTAL, TOTAL)] = sum(map(sum, rows))
    return values


def _allowed(cell: Cell, value: int, k: int, zeros_shown: bool) -> bool:
    if cell.value is not None:
        return value == cell.value
    if cell.mark is Mark.SMALL:
        return (1 if zeros_shown else 0) <= value <= k - 1
    return value >= k if cell.mark is Mark.COMPLEMENTARY else True


def _pinned_by_a_reader_who_reruns(published: PublishedTable, shape, cap: int) -> list:
    """Hidden entries with a single value over every table of cells 0..cap that reproduces the
    publication (the cap only removes candidates, so it can only make pinning easier)."""
    rows, columns = shape
    k, zeros = published.k, published.zeros_shown
    hidden = [p for p in published.positions() if not published.at(p).shown]
    seen: dict = {p: set() for p in hidden}
    for combo in product(range(cap + 1), repeat=rows * columns):
        table = [list(combo[i * columns : (i + 1) * columns]) for i in range(rows)]
        values = _entries(table)
        if not all(_allowed(published.at(p), v, k, zeros) for p, v in values.items()):
            continue
        if suppress_table(table, k) != published:
            continue
        for p in hidden:
            seen[p].add(values[p])
    return [p for p in hidden if len(seen[p]) == 1]


def _check(tables, shape, cap, k=5) -> int:
    verdicts: dict = {}
    checked = 0
    for table in tables:
        published = suppress_table([list(r) for r in table], k)
        if all(published.at(p).shown for p in published.positions()):
            continue
        if published not in verdicts:
            verdicts[published] = _pinned_by_a_reader_who_reruns(published, shape, cap)
        assert verdicts[published] == [], (table, verdicts[published])
        checked += 1
    return checked


def _all(shape, top):
    rows, columns = shape
    for combo in product(range(top + 1), repeat=rows * columns):
        yield tuple(tuple(combo[i * columns : (i + 1) * columns]) for i in range(rows))


@pytest.mark.parametrize("shape", [(1, 3), (3, 1)])
def test_every_line_of_three_counts_up_to_nine(shape) -> None:
    assert _check(_all(shape, 9), shape, cap=11) == 784


def test_a_seeded_sample_of_two_by_two_tables() -> None:
    tables = random.Random(13).sample(list(_all((2, 2), 9)), 150)
    assert _check(tables, (2, 2), cap=10) > 100


def test_the_smallest_first_trap_is_gone() -> None:
    # [6, 5, 3] used to become [6, ≥k, <5]: only a hidden 3 made the algorithm choose the 5.
    published = suppress_table([[6, 5, 3]])
    assert published.cells[0][2].mark is Mark.SMALL
    assert _pinned_by_a_reader_who_reruns(published, (1, 3), cap=11) == []
