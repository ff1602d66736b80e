"""What a closed round found: tallies, common ground, divides, areas of uncertainty.

Per statement and role: A agrees, D disagrees, P passes, S = A + D + P votes. A role with fewer
than k voters on a statement is not shown separately for it, and nothing published for that
statement is computed from it: consensus, divides and uncertainty use the shown roles only, so
no hidden group's counts can be recovered by dividing or subtracting.

Group-informed consensus (as Pol.is computes it): the product over roles of (A+1)/(S+2).
Common ground: statements that a majority of every addressed role agrees with, every addressed
role being shown, ranked by consensus. Divides: the largest gap in agree rate between two shown
roles, with who is on which side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from flows.roles import Role

DEFAULT_K = 5
UNCERTAINTY = 0.3


@dataclass(frozen=True)
class Tally:
    agrees: int = 0
    disagrees: int = 0
    passes: int = 0

    @property
    def votes(self) -> int:
        return self.agrees + self.disagrees + self.passes

    @property
    def agree_rate(self) -> float:
        return self.agrees / self.votes if self.votes else 0.0


@dataclass(frozen=True)
class Divide:
    gap: float
    higher: Role
    lower: Role


@dataclass(frozen=True)
class StatementResult:
    statement_id: str
    shown: dict[Role, Tally]
    hidden: tuple[Role, ...]
    consensus: float | None  # over shown roles only
    divide: Divide | None
    uncertain: bool

    @property
    def common_ground(self) -> bool:
        return (
            self.consensus is not None
            and not self.hidden
            and all(t.agree_rate > 0.5 for t in self.shown.values())
        )


@dataclass(frozen=True)
class RoundResult:
    statements: tuple[StatementResult, ...]
    common_ground: tuple[StatementResult, ...]
    divides: tuple[StatementResult, ...]
    uncertainty: tuple[StatementResult, ...]


def group_consensus(tallies: list[Tally]) -> float:
    return math.prod((t.agrees + 1) / (t.votes + 2) for t in tallies)


def polis_pa(t: Tally) -> float:
    return (t.agrees + 1) / (t.votes + 2)


def polis_pat(t: Tally) -> float:
    return 2 * math.sqrt(t.votes + 1) * ((t.agrees + 1) / (t.votes + 1) - 0.5)


def largest_divide(shown: dict[Role, Tally]) -> Divide | None:
    best: Divide | None = None
    for a, b in combinations(sorted(shown), 2):
        ra, rb = shown[a].agree_rate, shown[b].agree_rate
        gap = abs(ra - rb)
        if gap > 0 and (best is None or gap > best.gap):
            best = Divide(gap, a if ra > rb else b, b if ra > rb else a)
    return best


def statement_result(
    statement_id: str, tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int = DEFAULT_K
) -> StatementResult:
    shown = {r: tallies.get(r, Tally()) for r in roles if tallies.get(r, Tally()).votes >= k}
    hidden = tuple(r for r in roles if r not in shown)
    consensus = group_consensus(list(shown.values())) if len(shown) >= 2 else None
    divide = largest_divide(shown) if len(shown) >= 2 else None
    shown_votes = sum(t.votes for t in shown.values())
    shown_passes = sum(t.passes for t in shown.values())
    uncertain = bool(shown_votes) and shown_passes / shown_votes > UNCERTAINTY
    return StatementResult(statement_id, shown, hidden, consensus, divide, uncertain)


def round_result(
    tallies: dict[str, dict[Role, Tally]], roles: tuple[Role, ...], k: int = DEFAULT_K
) -> RoundResult:
    rows = tuple(statement_result(sid, t, roles, k) for sid, t in tallies.items())
    common = sorted((r for r in rows if r.common_ground), key=lambda r: -(r.consensus or 0))
    divides = sorted(
        (r for r in rows if r.divide), key=lambda r: -(r.divide.gap if r.divide else 0)
    )
    return RoundResult(rows, tuple(common), tuple(divides), tuple(r for r in rows if r.uncertain))
