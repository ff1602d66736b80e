"""Another table a reader could believe in: an exact search over non-negative integers.

A release of counts is, for its reader, a system of linear constraints over unknown counts
(each published number, "<k", "≥k", the sums that tie breakdowns together). A hidden number is
safe when two solutions of that system give it different values. :func:`another` looks for a
solution in which a linear form differs from its value in a known one (the true counts), by
bound propagation and depth-first branching over integer domains.

Why this is safe: every solution it returns is checked against every constraint in integers, so
"not pinned" is only ever claimed with a real second table in hand. A search that runs out of
its node budget answers None, as if pinned: the caller then hides more, never less. Unbounded
counts are capped (the caller gives a cap above every plausible count); capping can only hide
solutions, so it errs the same way. Pure Python and exact: no floating point, no solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Nodes explored per search before it gives up (and the caller treats the form as pinned).
NODE_BUDGET = 4000


@dataclass(frozen=True, slots=True)
class Constraint:
    """low ≤ Σ coefficient·x[variable] ≤ high (None: no bound); coefficients are ±1."""

    terms: tuple[tuple[int, int], ...]
    low: int | None
    high: int | None


class System:
    """Constraints over ``size`` integers, each in 0..cap."""

    def __init__(self, size: int, constraints: Sequence[Constraint], cap: int) -> None:
        if any(c not in (1, -1) for con in constraints for _, c in con.terms):
            raise ValueError("coefficients must be 1 or -1")
        self.size, self.cap = size, cap
        self.constraints = list(constraints)
        self.watching: list[list[int]] = [[] for _ in range(size)]
        for index, con in enumerate(self.constraints):
            for v, _ in con.terms:
                self.watching[v].append(index)

    def holds(self, point: Sequence[int]) -> bool:
        return all(0 <= x <= self.cap for x in point) and all(
            _inside(sum(c * point[v] for v, c in con.terms), con) for con in self.constraints
        )


def another(
    system: System, point: Sequence[int], form: Sequence[int], budget: int = NODE_BUDGET
) -> list[int] | None:
    """A solution where Σ x[v] for v in ``form`` differs from its value at ``point``, or None
    (none exists within the cap, or the budget ran out)."""
    value = sum(point[v] for v in form)
    terms = tuple((v, 1) for v in form)
    for extra in (Constraint(terms, None, value - 1), Constraint(terms, value + 1, None)):
        found = _solve(system, extra, point, budget)
        if found is not None:
            return found
    return None


def _inside(total: int, con: Constraint) -> bool:
    return (con.low is None or con.low <= total) and (con.high is None or total <= con.high)


def _solve(system: System, extra: Constraint, near: Sequence[int], budget: int) -> list[int] | None:
    constraints = [*system.constraints, extra]
    watching = [list(w) for w in system.watching]
    for v, _ in extra.terms:
        watching[v].append(len(constraints) - 1)
    stack = [([0] * system.size, [system.cap] * system.size)]
    nodes = 0
    while stack and nodes < budget:
        nodes += 1
        low, high = stack.pop()
        if not _propagate(constraints, watching, low, high):
            continue
        free = [v for v in range(system.size) if low[v] < high[v]]
        if not free:
            if system.holds(low) and _inside(sum(c * low[v] for v, c in extra.terms), extra):
                return low
            continue
        v = min(free, key=lambda u: (high[u] - low[u], u))
        target = min(max(near[v], low[v]), high[v])
        branches = []  # pushed last is tried first: the true value, then either side of it
        if target < high[v]:
            branches.append((v, target + 1, high[v]))
        if low[v] < target:
            branches.append((v, low[v], target - 1))
        branches.append((v, target, target))
        for u, a, b in branches:
            lo, hi = list(low), list(high)
            lo[u], hi[u] = a, b
            stack.append((lo, hi))
    return None


def _propagate(
    constraints: list[Constraint], watching: list[list[int]], low: list[int], high: list[int]
) -> bool:
    """Tighten the domains in place until nothing changes; False when some constraint fails."""
    queue = list(range(len(constraints)))
    queued = set(queue)
    while queue:
        index = queue.pop()
        queued.discard(index)
        con = constraints[index]
        least = sum(low[v] if c > 0 else -high[v] for v, c in con.terms)
        most = sum(high[v] if c > 0 else -low[v] for v, c in con.terms)
        if (con.high is not None and least > con.high) or (con.low is not None and most < con.low):
            return False
        for v, c in con.terms:
            own_least = low[v] if c > 0 else -high[v]
            own_most = high[v] if c > 0 else -low[v]
            # c·x must lie in [con.low - (most - own_most), con.high - (least - own_least)]
            top = None if con.high is None else con.high - (least - own_least)
            bottom = None if con.low is None else con.low - (most - own_most)
            if c > 0:
                new_low = low[v] if bottom is None else max(low[v], bottom)
                new_high = high[v] if top is None else min(high[v], top)
            else:
                new_low = low[v] if top is None else max(low[v], -top)
                new_high = high[v] if bottom is None else min(high[v], -bottom)
            if new_low > new_high:
                return False
            if (new_low, new_high) != (low[v], high[v]):
                low[v], high[v] = new_low, new_high
                least = sum(low[u] if d > 0 else -high[u] for u, d in con.terms)
                most = sum(high[u] if d > 0 else -low[u] for u, d in con.terms)
                for other in watching[v]:
                    if other not in queued:
                        queued.add(other)
                        queue.append(other)
    return True
