"""What a closed round found: tallies, common ground, divides, areas of uncertainty.

Exactly as ``shared/design/maths.md`` sets out. Per statement and role: A agrees, D disagrees,
P passes, S = A + D + P votes (one per voter, the latest). The storage layer aggregates votes
into these counts; everything here is arithmetic on them.

Small groups (the k rule): a role with fewer than k voters on a statement is not shown
separately for it, and nothing published for that statement is computed from it: consensus,
divides and uncertainty use the shown roles only. Publishing a consensus over all roles next to
the shown roles' counts would let a reader divide out the hidden role's (A+1)/(S+2) and recover
its agree count; nor is a per-statement total over all roles offered, for the same reason.

Group-informed consensus (as Pol.is computes it): the product over roles of (A+1)/(S+2).

Full and partial (a decision): a consensus over fewer roles than the round addressed (one was
hidden) is *partial*. It is a product of fewer factors, so it is larger than a full one would
be and the two are never ranked in the same list or column.

Common ground (a decision, documented here): a statement that a majority (agree rate > 0.5,
passes counting as not agreeing) of *every addressed role* agrees with, which needs every
addressed role shown and at least two of them. A claim that "all groups agree" cannot be made
about a group we may not show, and a round put to a single role has no ground in common
between groups. Ranked by consensus over the shown roles (here: all addressed ones). The answer
has three values (:class:`Ground`): yes; no (a shown role has no agreeing majority, or the
round addressed one role only); unknown (every shown role agrees by majority but an addressed
role was hidden, or none was shown). Statements where every shown role, two at least, agrees by
majority while a role was hidden are *partial ground*: their own list, ranked by their partial
consensus, and said to cover the groups shown only.

Passes are not a divide (a decision): a role *mostly passed* on a statement when more than half
of its votes are passes (P > S/2); nothing it said sides with or against the statement, and the
results say so ("most of the community passed") instead of reading its low agree rate as
disagreement. A divide compares only shown roles that did not mostly pass, and compares their
*agree share among those who took a side*, A / (A + D): a role where half passed and the other
half agreed agrees as much as one where everybody agreed. The largest such gap is the divide,
with which role is on the higher side and which on the lower; a statement with fewer than two
such roles has none. Ranked by gap, largest first; ties keep the statements' order.

Areas of uncertainty: more than 30 % of the shown votes passed (Pol.is's figure); the roles that
mostly passed are named with it. Ranked as Pol.is's report ranks them (unc² · passes, largest
first; ties keep the statements' order). What else Pol.is reports (each group's representative
statements, the majority lists) is ``RoundResult.polis``, computed in ``flows/rounds/polis.py``
over the shown roles only.

Intervals: each shown role's agree rate (and agree share among those who took a side) has a
95 % Wilson interval (:func:`flows.surveys.stats.wilson`), computed from that role's own shown
counts only, so it tells nothing about a hidden role.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from itertools import combinations

from flows.roles import Role
from flows.rounds.polis import PolisLists, polis_lists, uncertainty_weight
from flows.surveys.stats import ProportionEstimate, wilson

DEFAULT_K = 5
#: A statement is an area of uncertainty when passes / votes exceeds this (Pol.is's figure).
UNCERTAINTY = 0.3
#: Pol.is's majority list keeps pat above this (one-sided 90 % z).
POLIS_PAT_THRESHOLD = 1.2816
#: Consensus cut-offs Pol.is's later reports use, by number of groups (5 or more: 0.24).
POLIS_REPORT_THRESHOLDS: dict[int, float] = {2: 0.7, 3: 0.47, 4: 0.32, 5: 0.24}


@dataclass(frozen=True)
class Tally:
    """One role's votes on one statement."""

    agrees: int = 0
    disagrees: int = 0
    passes: int = 0

    def __post_init__(self) -> None:
        if min(self.agrees, self.disagrees, self.passes) < 0:
            raise ValueError(f"negative count in {self!r}")

    @property
    def votes(self) -> int:
        return self.agrees + self.disagrees + self.passes

    @property
    def agree_rate(self) -> float:
        return self.agrees / self.votes if self.votes else 0.0

    @property
    def sided(self) -> int:
        """Votes that took a side: agrees and disagrees."""
        return self.agrees + self.disagrees

    @property
    def side_rate(self) -> float:
        """Agrees among those who took a side, A / (A + D); 0 when nobody did."""
        return self.agrees / self.sided if self.sided else 0.0

    @property
    def mostly_passed(self) -> bool:
        """More than half of the votes are passes."""
        return 2 * self.passes > self.votes

    @property
    def agree_interval(self) -> ProportionEstimate | None:
        """The agree rate's 95 % Wilson interval; None without votes."""
        return wilson(self.agrees, self.votes) if self.votes else None

    @property
    def side_interval(self) -> ProportionEstimate | None:
        """The 95 % Wilson interval of the agree share among those who took a side."""
        return wilson(self.agrees, self.sided) if self.sided else None


class Ground(Enum):
    """Whether a statement is common ground: yes, no, or unknown (a role was hidden)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Divide:
    """The two shown roles furthest apart among those who took a side: ``higher`` agrees
    more than ``lower`` by ``gap`` (in agree share among their votes that took a side)."""

    gap: float
    higher: Role
    lower: Role


@dataclass(frozen=True)
class StatementResult:
    """One row of the results: what may be shown about one statement."""

    statement_id: str
    shown: dict[Role, Tally]
    hidden: tuple[Role, ...]
    consensus: float | None  # over shown roles only
    divide: Divide | None
    uncertain: bool

    @property
    def common_ground(self) -> bool:
        """Every addressed role shown (two at least) and each agrees by majority."""
        return self.ground is Ground.YES

    @property
    def ground(self) -> Ground:
        """Common ground, three-valued (see the module's docstring)."""
        if not all(t.agree_rate > 0.5 for t in self.shown.values()):
            return Ground.NO
        if self.hidden or not self.shown:
            return Ground.UNKNOWN
        return Ground.YES if self.consensus is not None else Ground.NO

    @property
    def partial(self) -> bool:
        """The consensus covers fewer roles than the round addressed (one was hidden)."""
        return self.consensus is not None and bool(self.hidden)

    @property
    def partial_ground(self) -> bool:
        """A majority of every shown role (two at least) agrees, but a role was hidden."""
        return self.partial and self.ground is Ground.UNKNOWN

    @property
    def passed(self) -> tuple[Role, ...]:
        """Shown roles where more than half of the votes are passes."""
        return tuple(role for role, t in self.shown.items() if t.mostly_passed)


@dataclass(frozen=True)
class RoundResult:
    """Every statement's row, and the lists drawn from them, best first. ``partial_ground``
    holds what a majority of every *shown* role agrees with while a role was hidden, ranked
    apart from ``common_ground``."""

    statements: tuple[StatementResult, ...]
    common_ground: tuple[StatementResult, ...]
    divides: tuple[StatementResult, ...]
    uncertainty: tuple[StatementResult, ...]
    partial_ground: tuple[StatementResult, ...] = ()

    @cached_property
    def polis(self) -> PolisLists[str, Role]:
        """Pol.is's representative statements per role and majority lists, shown roles only."""
        return polis_lists({r.statement_id: r.shown for r in self.statements})


def group_consensus(tallies: list[Tally]) -> float:
    """Pol.is's group-informed consensus: the product of (A+1)/(S+2) over the given groups.

    Pass only the groups that will be shown (see the module's docstring).
    """
    return math.prod((t.agrees + 1) / (t.votes + 2) for t in tallies)


def polis_pa(t: Tally) -> float:
    """Pol.is's smoothed agree probability pa = (A+1)/(S+2)."""
    return (t.agrees + 1) / (t.votes + 2)


def polis_pat(t: Tally) -> float:
    """Pol.is's test statistic pat = 2·√(S+1)·((A+1)/(S+1) − ½)."""
    return 2 * math.sqrt(t.votes + 1) * ((t.agrees + 1) / (t.votes + 1) - 0.5)


def polis_majority(t: Tally) -> bool:
    """Whether Pol.is would list this tally as majority agreement (pa > ½ and pat > 1.2816)."""
    return polis_pa(t) > 0.5 and polis_pat(t) > POLIS_PAT_THRESHOLD


def polis_majority_score(t: Tally) -> float:
    """What Pol.is sorts its majority list by: pa · pat."""
    return polis_pa(t) * polis_pat(t)


def polis_report_threshold(groups: int) -> float:
    """The consensus cut-off Pol.is's reports use for ``groups`` groups (2 or more)."""
    if groups < 2:
        raise ValueError("a consensus threshold needs two groups or more")
    return POLIS_REPORT_THRESHOLDS[min(groups, 5)]


def largest_divide(shown: dict[Role, Tally]) -> Divide | None:
    """The largest gap in agree share among those who took a side between two of ``shown``
    that did not mostly pass; None when fewer than two took a side or their shares are equal.

    Roles are compared in a fixed order, so ties resolve the same whatever order they come in.
    """
    sided = {r: t for r, t in shown.items() if not t.mostly_passed}
    best: Divide | None = None
    for a, b in combinations(sorted(sided), 2):
        ra, rb = sided[a].side_rate, sided[b].side_rate
        gap = abs(ra - rb)
        if gap > 0 and (best is None or gap > best.gap):
            best = Divide(gap, a if ra > rb else b, b if ra > rb else a)
    return best


def statement_result(
    statement_id: str, tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int = DEFAULT_K
) -> StatementResult:
    """The row for one statement; ``roles`` are the round's addressed roles (others ignored)."""
    shown = {r: tallies.get(r, Tally()) for r in roles if tallies.get(r, Tally()).votes >= k}
    hidden = tuple(r for r in roles if r not in shown)
    consensus = group_consensus(list(shown.values())) if len(shown) >= 2 else None
    divide = largest_divide(shown) if len(shown) >= 2 else None
    shown_votes = sum(t.votes for t in shown.values())
    shown_passes = sum(t.passes for t in shown.values())
    uncertain = bool(shown_votes) and shown_passes / shown_votes > UNCERTAINTY
    return StatementResult(statement_id, shown, hidden, consensus, divide, uncertain)


def round_result(
    tallies: dict[str, dict[Role, Tally]],
    roles: tuple[Role, ...],
    k: int = DEFAULT_K,
    order: Sequence[str] | None = None,
) -> RoundResult:
    """Results of a round from its tallies per statement and role.

    Rows follow ``order`` (e.g. the voting order; statements nobody voted on get a row with
    nothing shown), then any other statement in ``tallies``; without ``order``, ``tallies``'s.
    """
    ids = list(dict.fromkeys([*(order or ()), *tallies]))
    rows = tuple(statement_result(sid, tallies.get(sid, {}), roles, k) for sid in ids)
    common = sorted((r for r in rows if r.common_ground), key=lambda r: -(r.consensus or 0))
    partial = sorted((r for r in rows if r.partial_ground), key=lambda r: -(r.consensus or 0))
    divides = sorted(
        (r for r in rows if r.divide), key=lambda r: -(r.divide.gap if r.divide else 0)
    )
    uncertain = sorted((r for r in rows if r.uncertain), key=lambda r: -_uncertainty_weight(r))
    return RoundResult(rows, tuple(common), tuple(divides), tuple(uncertain), tuple(partial))


def _uncertainty_weight(r: StatementResult) -> float:
    passes = sum(t.passes for t in r.shown.values())
    return uncertainty_weight(passes, sum(t.votes for t in r.shown.values())) or 0.0
