"""A table of counts as a flow network, and what a reader can derive from it exactly.

Every entry of a table with row, column and grand totals is one arc of a small network: source →
row (the row total), row → column (a cell), column → sink (the column total), sink → source (the
grand total). A table that adds up is a circulation; each entry's bounds are the arc's lower and
upper capacity. So "which tables agree with what was published" is a circulation problem, and how
far an entry can move within them is a max-flow (Edmonds–Karp) in the residual network. This is
exact linear-programming reasoning for the reader of :mod:`flows.disclosure`, without a solver.
"""

from __future__ import annotations

from collections import deque

#: Index of the totals in a :data:`Position`: ``(i, TOTAL)`` is row i's total, ``(TOTAL, TOTAL)``
#: the grand total.
TOTAL = -1
Position = tuple[int, int]
#: What a reader knows of one entry: at least low, at most high (None: no upper bound).
Bound = tuple[int, int | None]


class Grid:
    """Nodes: 0 source, 1 sink, 2.. rows, then columns. Each entry is one arc."""

    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.nodes = 2 + rows + columns
        lines_r, lines_c = [*range(rows), TOTAL], [*range(columns), TOTAL]
        self.positions: tuple[Position, ...] = tuple((i, j) for i in lines_r for j in lines_c)

    def arc(self, position: Position) -> tuple[int, int]:
        i, j = position
        if i == TOTAL:
            return (1, 0) if j == TOTAL else (2 + self.rows + j, 1)
        return (0, 2 + i) if j == TOTAL else (2 + i, 2 + self.rows + j)

    def extend(self, rows: list[list[int]]) -> dict[Position, int]:
        """Cells plus row, column and grand totals."""
        values = {(i, j): v for i, row in enumerate(rows) for j, v in enumerate(row)}
        values |= {(i, TOTAL): sum(row) for i, row in enumerate(rows)}
        values |= {(TOTAL, j): sum(row[j] for row in rows) for j in range(self.columns)}
        values[(TOTAL, TOTAL)] = sum(map(sum, rows))
        return values

    def twins(self, position: Position) -> tuple[Position, ...]:
        """Entries always equal to this one: a line of a single cell equals its total."""
        i, j = position
        same_i = {0, TOTAL} if self.rows == 1 and i in (0, TOTAL) else {i}
        same_j = {0, TOTAL} if self.columns == 1 and j in (0, TOTAL) else {j}
        return tuple(sorted((a, b) for a in same_i for b in same_j))


# Exact bounds by max-flow ---------------------------------------------------------------------

_Capacities = list[dict[int, int]]


def feasible(grid: Grid, bounds: dict[Position, Bound]) -> dict[Position, int] | None:
    """Some table within ``bounds`` that adds up (a feasible circulation), or None."""
    source, sink = grid.nodes, grid.nodes + 1
    excess = [0] * grid.nodes
    for p, (low, high) in bounds.items():
        if high is not None and high < low:
            return None
        a, b = grid.arc(p)
        excess[a] -= low
        excess[b] += low
    need = sum(e for e in excess if e > 0)
    capacities: _Capacities = [{} for _ in range(grid.nodes + 2)]
    for p, (low, high) in bounds.items():
        _add(capacities, *grid.arc(p), need + 1 if high is None else high - low)
    for node, e in enumerate(excess):
        if e:
            _add(capacities, *((source, node, e) if e > 0 else (node, sink, -e)))
    if _max_flow(capacities, source, sink, need) < need:
        return None
    # No two entries join the same pair of nodes, so the reverse capacity is the arc's flow.
    return {p: low + capacities[grid.arc(p)[1]][grid.arc(p)[0]] for p, (low, _) in bounds.items()}


def slack(
    grid: Grid,
    bounds: dict[Position, Bound],
    values: dict[Position, int],
    p: Position,
    limit: int | None = None,
) -> tuple[int, int | None]:
    """How far entry ``p`` can go down and up from ``values`` (a consistent table), each capped
    at ``limit``; up is None when unbounded.

    Another consistent table differs from ``values`` by a circulation in the residual network;
    moving ``p``'s arc a→b up by d needs d units to flow back from b to a without using it.
    """
    finite = sum(
        (0 if high is None else high - values[q]) + values[q] - low
        for q, (low, high) in bounds.items()
        if q != p
    )
    infinite = finite + 1  # more than any flow that finite capacities allow
    residual: _Capacities = [{} for _ in range(grid.nodes)]
    for q, (low, high) in bounds.items():
        if q != p:
            a, b = grid.arc(q)
            _add(residual, a, b, infinite if high is None else high - values[q])
            _add(residual, b, a, values[q] - low)
    low, high = bounds[p]
    a, b = grid.arc(p)
    up_cap = infinite if high is None else high - values[p]
    down_cap = values[p] - low
    if limit is not None:
        up_cap, down_cap = min(up_cap, limit), min(down_cap, limit)
    up = _max_flow([dict(d) for d in residual], b, a, up_cap)
    down = _max_flow([dict(d) for d in residual], a, b, down_cap)
    return down, None if high is None and up >= infinite else up


def _add(capacities: _Capacities, a: int, b: int, capacity: int) -> None:
    capacities[a][b] = capacities[a].get(b, 0) + capacity
    capacities[b].setdefault(a, 0)


def _max_flow(capacities: _Capacities, source: int, sink: int, limit: int) -> int:
    """Edmonds–Karp, stopping at ``limit``; ``capacities`` becomes the residual network."""
    flow = 0
    while flow < limit:
        parent = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for nxt, capacity in capacities[node].items():
                if capacity > 0 and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if sink not in parent:
            return flow
        push, node = limit - flow, sink
        while node != source:
            push, node = min(push, capacities[parent[node]][node]), parent[node]
        node = sink
        while node != source:
            capacities[parent[node]][node] -= push
            capacities[node][parent[node]] += push
            node = parent[node]
        flow += push
    return flow
