"""What Pol.is reports about a conversation, computed over Palabre's shown groups.

Three lists, reimplemented from Pol.is's formulas (``math/src/polismath/math/repness.clj`` and
``stats.clj``; the uncertainty ranking from ``client-report/src/components/app.js``). The first
two are checked against Pol.is's outputs for five real conversations, the statistics against
its unit tests (``tests/flows/rounds/test_polis_lists.py``); Pol.is publishes no uncertainty
values to check against, so that ranking is checked by hand.

- **Representative statements** of each group ("what sets each group apart", Pol.is's
  *repness*): for a statement and a group, pa = (A+1)/(S+2) and pd = (D+1)/(S+2), their tests
  pat = prop_test(A, S) and pdt = prop_test(D, S); against the rest of the groups together, the
  ratios ra = pa / ((A_rest+1)/(S_rest+2)) and rd, and the two-proportion tests
  rat = two_prop_test(A, A_rest, S, S_rest) and rdt. A statement is kept for a group when
  rat and pat are both significant at 90 % (z > 1.2816), or rdt and pdt; it is
  representative for agreeing when rat > rdt, for disagreeing otherwise. The group's list is
  its best agreed statement first (Pol.is's "best agree" rule), then the kept ones by
  ra·rat·pa·pat (rd·rdt·pd·pdt for disagreeing), five at most, agreed before disagreed. When
  none is kept the list is the single best agreed statement, or failing that the statement
  with the largest rat or rdt. The best agreed statement may itself be marked "disagree"
  (rdt > rat); Pol.is's clients then show the group's agreement with it, and so does
  ``Representative.shown_side``.
- **Majority opinion** (Pol.is's *consensus* list): over the votes of every shown group
  together (Pol.is: every participant, grouped or not), the five statements with the largest
  pa·pat among those with pa > ½ and pat > 1.2816, and the same for disagreeing.
- **Areas of uncertainty**, ranked: passes / votes over 0.3, largest unc²·passes first
  (Pol.is's report keeps the first five); ``results.round_result`` ranks its list so.

Pol.is's statistics add one to every count (``prop_test``: 2·√(n+1)·((s+1)/(n+1) − ½);
``two_prop_test``: the pooled z-test on s₁+1, s₂+1, n₁+1, n₂+1, zero when the pooled share is
one). Pol.is stores the chosen test value as a 32-bit float before ranking by it; so does this.
Statements Pol.is moderates out are left out of its lists: here a caller passes only the
statements that were put to the vote.

**Over shown groups only (a decision, documented here).** The tallies given for a statement
are its shown groups: a group with fewer than k voters on it is not a group of its own there,
and its votes are neither in "the rest" nor in the totals. Counting them would let a reader
subtract the shown groups' published counts from "the rest" or from the majority's totals and
recover the hidden group's. So every figure and every choice below is a function of counts
that are published anyway. A statement with fewer than two shown groups has no "rest" and is
representative of no group; its majority figures are its one shown group's.

The functions take groups and statements as generic keys, so that they can be checked on
Pol.is's own groups; a round passes its roles.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

#: One-sided 90 % significance for a z statistic (Pol.is's ``z-sig-90?``).
Z_90 = 1.2816
#: How many statements Pol.is keeps per group, per majority side, and as uncertainty.
KEPT = 5
#: A statement is an area of uncertainty when passes / votes exceeds this.
UNCERTAIN_SHARE = 0.3

S = TypeVar("S", bound=Hashable)  # a statement's key
G = TypeVar("G", bound=Hashable)  # a group's key


class Counts(Protocol):
    """One group's votes on one statement (``results.Tally`` is one)."""

    @property
    def agrees(self) -> int: ...

    @property
    def disagrees(self) -> int: ...

    @property
    def passes(self) -> int: ...

    @property
    def votes(self) -> int: ...


class Side(StrEnum):
    """Which way a statement sets a group apart, or which way a majority goes."""

    AGREE = "agree"
    DISAGREE = "disagree"


def prop_test(successes: int, trials: int) -> float:
    """Pol.is's one-proportion test against ½, with one added to both counts."""
    s, n = successes + 1, trials + 1
    return 2 * math.sqrt(n) * (s / n - 0.5)


def two_prop_test(success_in: int, success_out: int, trials_in: int, trials_out: int) -> float:
    """Pol.is's two-proportion z-test (in against out), with one added to each count."""
    s1, s2, n1, n2 = success_in + 1, success_out + 1, trials_in + 1, trials_out + 1
    pooled = (s1 + s2) / (n1 + n2)
    if pooled == 1:
        return 0.0
    return (s1 / n1 - s2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))


def _single(value: float) -> float:
    """``value`` as a 32-bit float, as Pol.is stores a representative statement's test."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


@dataclass(frozen=True)
class _Stats:
    """Pol.is's comment stats for one group and statement, against the rest of the groups."""

    na: int
    nd: int
    ns: int
    rest_na: int
    rest_nd: int
    rest_ns: int

    @property
    def pa(self) -> float:
        return (self.na + 1) / (self.ns + 2)

    @property
    def pd(self) -> float:
        return (self.nd + 1) / (self.ns + 2)

    @property
    def pat(self) -> float:
        return prop_test(self.na, self.ns)

    @property
    def pdt(self) -> float:
        return prop_test(self.nd, self.ns)

    @property
    def ra(self) -> float:
        return self.pa / ((self.rest_na + 1) / (self.rest_ns + 2))

    @property
    def rd(self) -> float:
        return self.pd / ((self.rest_nd + 1) / (self.rest_ns + 2))

    @property
    def rat(self) -> float:
        return two_prop_test(self.na, self.rest_na, self.ns, self.rest_ns)

    @property
    def rdt(self) -> float:
        return two_prop_test(self.nd, self.rest_nd, self.ns, self.rest_ns)

    def significant(self) -> bool:
        return (self.rat > Z_90 and self.pat > Z_90) or (self.rdt > Z_90 and self.pdt > Z_90)

    def agree_score(self) -> float:
        return self.ra * self.rat * self.pa * self.pat


@dataclass(frozen=True)
class Representative(Generic[S]):
    """A statement that sets a group apart: the group's share on ``side`` against the rest's.

    ``successes`` of ``trials`` are the group's votes on that side (passes count in trials);
    ``others`` of ``others_trials`` the other shown groups' together. ``p_success``,
    ``p_test``, ``repness`` and ``repness_test`` are Pol.is's pa/pd, pat/pdt, ra/rd, rat/rdt.
    ``best_agree`` marks the group's best agreed statement, put first by Pol.is's rule; its
    ``side`` may still be "disagree" (rdt > rat), and Pol.is's clients then show its agreement
    when the group has any: ``shown_side``, ``shown_share`` and ``shown_others_share``.
    """

    statement: S
    side: Side
    successes: int
    trials: int
    others: int
    others_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    agrees: int = 0
    others_agrees: int = 0
    best_agree: bool = False

    @property
    def share(self) -> float:
        return self.successes / self.trials if self.trials else 0.0

    @property
    def others_share(self) -> float:
        return self.others / self.others_trials if self.others_trials else 0.0

    @property
    def metric(self) -> float:
        """What Pol.is ranks a group's representative statements by."""
        return self.repness * self.repness_test * self.p_success * self.p_test

    @property
    def shown_side(self) -> Side:
        """The side a reader is told about (Pol.is: a best agreed statement shows agreement)."""
        return Side.AGREE if self.best_agree and self.agrees > 0 else self.side

    @property
    def shown_share(self) -> float:
        if self.shown_side is self.side:
            return self.share
        return self.agrees / self.trials if self.trials else 0.0

    @property
    def shown_others_share(self) -> float:
        if self.shown_side is self.side:
            return self.others_share
        return self.others_agrees / self.others_trials if self.others_trials else 0.0


def _finalize(statement: S, st: _Stats, best_agree: bool = False) -> Representative[S]:
    if st.rat > st.rdt:
        return Representative(
            statement, Side.AGREE, st.na, st.ns, st.rest_na, st.rest_ns,
            st.pa, st.pat, st.ra, _single(st.rat), st.na, st.rest_na, best_agree,
        )  # fmt: skip
    return Representative(
        statement, Side.DISAGREE, st.nd, st.ns, st.rest_nd, st.rest_ns,
        st.pd, st.pdt, st.rd, _single(st.rdt), st.na, st.rest_na, best_agree,
    )  # fmt: skip


def _beats_best_agree(st: _Stats, best: _Stats | None) -> bool:
    """Pol.is's "best agree" rule: one agreed statement to put first in every group's list."""
    if st.na == 0 and st.nd == 0:
        return False
    if best is not None and best.ra > 1.0:
        return st.agree_score() > best.agree_score()
    if best is not None:
        return st.pa * st.pat > best.pa * best.pat
    return st.pat > Z_90 or (st.ra > 1.0 and st.pa > 0.5)


@dataclass
class _Pick(Generic[S]):
    """One group's choice so far, statement by statement."""

    kept: list[Representative[S]]
    best: Representative[S] | None = None
    best_agree: tuple[S, _Stats] | None = None

    def consider(self, statement: S, st: _Stats) -> None:
        if st.significant():
            self.kept.append(_finalize(statement, st))
        if not self.kept and (self.best is None or max(st.rat, st.rdt) > self.best.repness_test):
            self.best = _finalize(statement, st)
        if _beats_best_agree(st, self.best_agree[1] if self.best_agree else None):
            self.best_agree = (statement, st)

    def chosen(self) -> tuple[Representative[S], ...]:
        head = _finalize(*self.best_agree, best_agree=True) if self.best_agree else None
        if not self.kept:
            return (head,) if head else (self.best,) if self.best else ()
        rest = [r for r in self.kept if head is None or r.statement != head.statement]
        ranked = ([head] if head else []) + sorted(rest, key=lambda r: -r.metric)
        top = ranked[:KEPT]
        return tuple(r for r in top if r.side is Side.AGREE) + tuple(
            r for r in top if r.side is Side.DISAGREE
        )


def representative(
    tallies: Mapping[S, Mapping[G, Counts]],
) -> dict[G, tuple[Representative[S], ...]]:
    """Each group's representative statements (Pol.is's repness), in Pol.is's order.

    ``tallies`` maps each statement, in the round's order (ties keep it), to its shown groups'
    counts. Groups come out in the order they first appear; one with nothing to show maps to ().
    """
    picks: dict[G, _Pick[S]] = {}
    for statement, groups in tallies.items():
        for group in groups:
            picks.setdefault(group, _Pick([]))
        if len(groups) < 2:
            continue
        na = sum(c.agrees for c in groups.values())
        nd = sum(c.disagrees for c in groups.values())
        ns = sum(c.votes for c in groups.values())
        for group, c in groups.items():
            st = _Stats(
                c.agrees, c.disagrees, c.votes,
                na - c.agrees, nd - c.disagrees, ns - c.votes,
            )  # fmt: skip
            picks[group].consider(statement, st)
    return {group: pick.chosen() for group, pick in picks.items()}


@dataclass(frozen=True)
class Majority(Generic[S]):
    """A statement a majority of the shown voters agree (or disagree) with, by Pol.is's test."""

    statement: S
    successes: int
    trials: int
    p_success: float
    p_test: float

    @property
    def share(self) -> float:
        return self.successes / self.trials if self.trials else 0.0


def _majority_side(totals: list[tuple[S, int, int]], limit: int) -> tuple[Majority[S], ...]:
    found = [
        Majority(s, n, trials, (n + 1) / (trials + 2), prop_test(n, trials))
        for s, n, trials in totals
    ]
    kept = [m for m in found if m.p_success > 0.5 and m.p_test > Z_90]
    kept.sort(key=lambda m: -(m.p_success * m.p_test))
    return tuple(kept[:limit])


def majority(
    tallies: Mapping[S, Mapping[G, Counts]], limit: int = KEPT
) -> dict[Side, tuple[Majority[S], ...]]:
    """Pol.is's majority ("consensus") lists over the shown groups' votes taken together."""
    totals = {s: _sum(groups.values()) for s, groups in tallies.items()}
    return {
        Side.AGREE: _majority_side([(s, a, n) for s, (a, _, _, n) in totals.items()], limit),
        Side.DISAGREE: _majority_side([(s, d, n) for s, (_, d, _, n) in totals.items()], limit),
    }


def _sum(counts: Iterable[Counts]) -> tuple[int, int, int, int]:
    listed = list(counts)
    return (
        sum(c.agrees for c in listed),
        sum(c.disagrees for c in listed),
        sum(c.passes for c in listed),
        sum(c.votes for c in listed),
    )


def uncertainty_weight(passes: int, votes: int) -> float | None:
    """Pol.is's report's rank for an area of uncertainty, unc²·passes with unc = passes / votes;
    None when the statement is not one (unc at most 0.3)."""
    if not votes or passes / votes <= UNCERTAIN_SHARE:
        return None
    return (passes / votes) ** 2 * passes


def ranked_uncertainty(
    tallies: Mapping[S, Mapping[G, Counts]], limit: int | None = KEPT
) -> tuple[S, ...]:
    """The areas of uncertainty over the shown groups' votes, heaviest first (ties keep the
    statements' order), ``limit`` of them (None: all)."""
    weighed = []
    for statement, groups in tallies.items():
        _, _, passes, votes = _sum(groups.values())
        weight = uncertainty_weight(passes, votes)
        if weight is not None:
            weighed.append((statement, weight))
    weighed.sort(key=lambda sw: -sw[1])
    return tuple(s for s, _ in weighed[:limit])


@dataclass(frozen=True)
class PolisLists(Generic[S, G]):
    """What Pol.is would report beside the areas of uncertainty, over the shown groups: each
    group's representative statements and the majority lists (five at most each)."""

    representative: dict[G, tuple[Representative[S], ...]]
    majority: dict[Side, tuple[Majority[S], ...]]


def polis_lists(tallies: Mapping[S, Mapping[G, Counts]]) -> PolisLists[S, G]:
    """Both lists from each statement's shown groups' counts (in the round's order)."""
    return PolisLists(representative(tallies), majority(tallies))
