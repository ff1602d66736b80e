"""Round results: consensus, common ground, divides, uncertainty, and small-group suppression.

Hand-computed examples first, then properties (hypothesis) that hold for any tallies.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations, permutations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.results import (
    DEFAULT_K,
    POLIS_PAT_THRESHOLD,
    UNCERTAINTY,
    Divide,
    Ground,
    RoundResult,
    StatementResult,
    Tally,
    group_consensus,
    largest_divide,
    polis_majority,
    polis_majority_score,
    polis_pa,
    polis_pat,
    polis_report_threshold,
    round_result,
    statement_result,
)

COM, POL, OFF = Role.COMMUNITY, Role.POLICE, Role.OFFICIAL


def tally(agrees: int, of: int, passes: int = 0) -> Tally:
    """`agrees` of `of` votes, `passes` of the rest passes, the others disagree."""
    assert agrees + passes <= of
    return Tally(agrees, of - agrees - passes, passes)


def exact_consensus(tallies: list[Tally]) -> Fraction:
    return math.prod((Fraction(t.agrees + 1, t.votes + 2) for t in tallies), start=Fraction(1))


# -- constants and tallies ----------------------------------------------------------------------


def test_defaults_follow_the_design() -> None:
    assert DEFAULT_K == 5
    assert UNCERTAINTY == 0.3


def test_tally_counts_passes_as_votes() -> None:
    t = Tally(agrees=3, disagrees=2, passes=5)
    assert t.votes == 10
    assert t.agree_rate == 0.3


def test_empty_tally_has_rate_zero() -> None:
    assert Tally().votes == 0
    assert Tally().agree_rate == 0.0


# -- hand-computed examples ---------------------------------------------------------------------


def test_divide_community_8_of_10_police_1_of_6() -> None:
    r = statement_result("s", {COM: tally(8, 10), POL: tally(1, 6)}, (COM, POL))
    assert r.hidden == ()
    assert r.shown == {COM: Tally(8, 2, 0), POL: Tally(1, 5, 0)}
    assert r.consensus == pytest.approx((9 / 12) * (2 / 8))  # 0.1875
    assert r.consensus == pytest.approx(0.1875, abs=1e-15)
    assert r.divide is not None
    assert r.divide.higher is COM and r.divide.lower is POL
    assert r.divide.gap == pytest.approx(0.8 - 1 / 6)
    assert not r.uncertain
    assert not r.common_ground
    result = round_result({"s": {COM: tally(8, 10), POL: tally(1, 6)}}, (COM, POL))
    assert [x.statement_id for x in result.divides] == ["s"]
    assert result.common_ground == () and result.uncertainty == ()


def test_divide_sides_do_not_depend_on_which_role_is_higher() -> None:
    r = statement_result("s", {COM: tally(1, 6), POL: tally(8, 10)}, (COM, POL))
    assert r.divide is not None
    assert (r.divide.higher, r.divide.lower) == (POL, COM)
    assert r.divide.gap == pytest.approx(0.8 - 1 / 6)
    assert isinstance(r.divide, Divide)


def test_common_ground_three_roles() -> None:
    tallies = {COM: tally(9, 10), POL: tally(5, 6), OFF: tally(4, 5)}
    r = statement_result("s", tallies, STAKEHOLDER_ROLES)
    assert r.common_ground
    assert r.consensus == pytest.approx((10 / 12) * (6 / 8) * (5 / 7))
    assert r.divide is not None
    assert (r.divide.higher, r.divide.lower) == (COM, OFF)
    assert r.divide.gap == pytest.approx(0.1)


def test_exact_half_is_not_a_majority() -> None:
    tallies = {COM: tally(5, 10), POL: tally(6, 6)}
    r = statement_result("s", tallies, (COM, POL))
    assert not r.common_ground
    assert statement_result("s", {COM: tally(6, 10), POL: tally(6, 6)}, (COM, POL)).common_ground


def test_passes_count_against_a_majority() -> None:
    # 5 agree, 0 disagree, 5 pass: not a majority of the 10 who voted.
    r = statement_result("s", {COM: tally(5, 10, passes=5), POL: tally(6, 6)}, (COM, POL))
    assert not r.common_ground


def test_equal_rates_make_no_divide() -> None:
    r = statement_result(
        "s", {COM: tally(3, 6), POL: tally(5, 10), OFF: tally(4, 8)}, STAKEHOLDER_ROLES
    )
    assert r.divide is None
    result = round_result({"s": {COM: tally(3, 6), POL: tally(5, 10)}}, (COM, POL))
    assert result.divides == ()


def test_group_with_no_votes_contributes_one_half() -> None:
    assert group_consensus([Tally(), Tally(3, 1, 0)]) == pytest.approx(0.5 * 4 / 6)


def test_polis_pa_and_pat_by_hand() -> None:
    t = Tally(15, 1, 0)
    assert polis_pa(t) == pytest.approx(16 / 18)
    assert polis_pat(t) == pytest.approx(2 * math.sqrt(17) * (16 / 17 - 0.5))
    assert polis_pat(Tally(6, 0, 0)) == pytest.approx(math.sqrt(7))
    assert polis_pa(Tally()) == 0.5
    assert polis_pat(Tally()) == pytest.approx(1.0)


def test_roles_that_were_not_asked_are_ignored() -> None:
    tallies = {
        COM: tally(8, 10),
        POL: tally(7, 10),
        OFF: tally(0, 50),
        Role.FACILITATOR: tally(0, 9),
    }
    r = statement_result("s", tallies, (COM, POL))
    assert set(r.shown) == {COM, POL}
    assert r.hidden == ()
    assert r.common_ground
    assert r.consensus == pytest.approx((9 / 12) * (8 / 12))


def test_a_missing_role_is_hidden() -> None:
    r = statement_result("s", {COM: tally(8, 10), POL: tally(7, 10)}, STAKEHOLDER_ROLES)
    assert r.hidden == (OFF,)
    assert not r.common_ground  # an addressed role was not shown
    assert r.consensus == pytest.approx((9 / 12) * (8 / 12))


def test_one_shown_role_has_no_consensus_or_divide() -> None:
    r = statement_result("s", {COM: tally(8, 10, passes=2), POL: tally(0, 3)}, (COM, POL))
    assert set(r.shown) == {COM} and r.hidden == (POL,)
    assert r.consensus is None and r.divide is None
    assert not r.common_ground
    assert not r.uncertain


def test_nothing_shown() -> None:
    r = statement_result("s", {COM: tally(2, 4, passes=2)}, STAKEHOLDER_ROLES)
    assert r.shown == {} and r.hidden == STAKEHOLDER_ROLES
    assert (r.consensus, r.divide, r.uncertain, r.common_ground) == (None, None, False, False)


# -- k rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [5, 3, 8, 2])
def test_k_rule_hides_k_minus_one_and_shows_k(k: int) -> None:
    base = {COM: tally(k, k + 5)}
    under = statement_result("s", {**base, POL: tally(k - 1, k - 1)}, (COM, POL), k=k)
    at = statement_result("s", {**base, POL: tally(k, k)}, (COM, POL), k=k)
    assert under.hidden == (POL,) and POL not in under.shown
    assert at.hidden == () and at.shown[POL] == Tally(k, 0, 0)
    assert under.consensus is None and at.consensus is not None


@pytest.mark.parametrize("k", [5, 3])
def test_k_counts_passes_as_voters(k: int) -> None:
    base = {COM: tally(k, k + 5)}
    r = statement_result("s", {**base, POL: Tally(0, 0, k)}, (COM, POL), k=k)
    assert POL in r.shown
    r = statement_result("s", {**base, POL: Tally(0, 0, k - 1)}, (COM, POL), k=k)
    assert r.hidden == (POL,)


def test_default_k_is_five() -> None:
    base = {COM: tally(6, 10)}
    assert statement_result("s", {**base, POL: tally(4, 4)}, (COM, POL)).hidden == (POL,)
    assert statement_result("s", {**base, POL: tally(5, 5)}, (COM, POL)).hidden == ()


def test_k_is_applied_per_statement_in_a_round() -> None:
    result = round_result(
        {
            "big": {COM: tally(8, 10), POL: tally(5, 6)},
            "small": {COM: tally(8, 10), POL: tally(4, 4)},
        },
        (COM, POL),
    )
    by_id = {r.statement_id: r for r in result.statements}
    assert by_id["big"].hidden == () and by_id["small"].hidden == (POL,)
    assert [r.statement_id for r in result.common_ground] == ["big"]


# -- uncertainty --------------------------------------------------------------------------------


def test_uncertainty_is_strictly_more_than_three_tenths() -> None:
    at = statement_result(
        "s", {COM: tally(4, 10, passes=3), POL: tally(5, 10, passes=3)}, (COM, POL)
    )
    over = statement_result(
        "s", {COM: tally(4, 10, passes=4), POL: tally(5, 10, passes=3)}, (COM, POL)
    )
    assert not at.uncertain  # 6 / 20 = 0.3
    assert over.uncertain  # 7 / 20 = 0.35


def test_uncertainty_pools_shown_roles() -> None:
    # community 2 / 10, police 5 / 10: pooled 7 / 20 > 0.3 though community alone is not.
    r = statement_result(
        "s", {COM: tally(5, 10, passes=2), POL: tally(2, 10, passes=5)}, (COM, POL)
    )
    assert r.uncertain


def test_uncertainty_ignores_hidden_roles() -> None:
    # Police (4 voters, all passing) are hidden: counting them would give 6 / 14 > 0.3.
    tallies = {COM: tally(6, 10, passes=2), OFF: tally(5, 10, passes=0), POL: Tally(0, 0, 4)}
    r = statement_result("s", tallies, STAKEHOLDER_ROLES)
    assert r.hidden == (POL,)
    assert not r.uncertain
    # and the other way round: a hidden role's agreement never calms a shown role's passes
    tallies = {COM: tally(2, 10, passes=6), POL: Tally(4, 0, 0)}
    assert statement_result("s", tallies, (COM, POL)).uncertain


def test_round_uncertainty_is_ranked_by_unc_squared_times_passes() -> None:
    # Pol.is's report: unc = passes / votes over 0.3, ranked by unc² · passes, largest first.
    result = round_result(
        {
            "a": {COM: tally(1, 10, passes=4), POL: tally(1, 10, passes=4)},  # .4² · 8 = 1.28
            "b": {COM: tally(9, 10), POL: tally(9, 10)},  # no passes
            "c": {COM: tally(1, 10, passes=8), POL: tally(1, 10, passes=8)},  # .8² · 16
            "d": {COM: tally(0, 20, passes=8), POL: tally(0, 20, passes=8)},  # .4² · 16 = 2.56
            "e": {COM: tally(0, 10, passes=3), POL: tally(0, 10, passes=3)},  # exactly .3: no
            "f": {COM: tally(1, 10, passes=4), POL: tally(1, 10, passes=4)},  # ties with "a"
        },
        (COM, POL),
    )
    assert [r.statement_id for r in result.uncertainty] == ["c", "d", "a", "f"]


# -- round ordering (hand) ----------------------------------------------------------------------


def test_round_common_ground_ranked_by_consensus() -> None:
    result = round_result(
        {
            "mild": {COM: tally(6, 10), POL: tally(6, 10)},
            "strong": {COM: tally(10, 10), POL: tally(9, 10)},
            "no": {COM: tally(2, 10), POL: tally(9, 10)},
            "mid": {COM: tally(8, 10), POL: tally(8, 10)},
        },
        (COM, POL),
    )
    assert [r.statement_id for r in result.common_ground] == ["strong", "mid", "mild"]
    assert [r.statement_id for r in result.divides][0] == "no"
    assert [r.statement_id for r in result.statements] == ["mild", "strong", "no", "mid"]


# -- properties ---------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=60)
tallies_st = st.builds(Tally, counts, counts, counts)
role_sets = st.sampled_from(
    [roles for n in (1, 2, 3) for roles in combinations(STAKEHOLDER_ROLES, n)]
)
ks = st.integers(min_value=1, max_value=12)


@st.composite
def round_tallies(draw: st.DrawFn) -> dict[str, dict[Role, Tally]]:
    n = draw(st.integers(min_value=0, max_value=8))
    return {
        f"s{i}": draw(st.dictionaries(st.sampled_from(STAKEHOLDER_ROLES), tallies_st, max_size=3))
        for i in range(n)
    }


@st.composite
def under_k(draw: st.DrawFn, k: int) -> Tally:
    """Any tally with fewer than k votes."""
    votes = draw(st.integers(min_value=0, max_value=k - 1))
    agrees = draw(st.integers(min_value=0, max_value=votes))
    passes = draw(st.integers(min_value=0, max_value=votes - agrees))
    return Tally(agrees, votes - agrees - passes, passes)


@given(st.lists(tallies_st, min_size=1, max_size=5))
def test_consensus_strictly_between_zero_and_one(tallies: list[Tally]) -> None:
    value = group_consensus(tallies)
    assert 0 < value < 1
    assert value == pytest.approx(float(exact_consensus(tallies)), rel=1e-12)


@given(st.dictionaries(st.sampled_from(STAKEHOLDER_ROLES), tallies_st), role_sets, ks)
def test_statement_consensus_is_over_shown_roles_and_in_range(
    tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int
) -> None:
    r = statement_result("s", tallies, roles, k=k)
    if len(r.shown) >= 2:
        assert r.consensus is not None
        assert 0 < r.consensus < 1
        assert r.consensus == group_consensus(list(r.shown.values()))
    else:
        assert r.consensus is None


@given(
    st.lists(tallies_st, min_size=1, max_size=4),
    st.data(),
)
def test_consensus_non_decreasing_when_a_disagree_or_pass_becomes_agree(
    tallies: list[Tally], data: st.DataObject
) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(tallies) - 1))
    t = tallies[i]
    assume(t.disagrees + t.passes > 0)
    from_disagree = t.disagrees > 0 and (t.passes == 0 or data.draw(st.booleans()))
    changed = (
        Tally(t.agrees + 1, t.disagrees - 1, t.passes)
        if from_disagree
        else Tally(t.agrees + 1, t.disagrees, t.passes - 1)
    )
    assert changed.votes == t.votes
    after = [*tallies[:i], changed, *tallies[i + 1 :]]
    assert group_consensus(after) >= group_consensus(tallies)
    assert exact_consensus(after) > exact_consensus(tallies)


@given(
    st.fixed_dictionaries({COM: tallies_st, POL: tallies_st, OFF: tallies_st}),
    st.sampled_from(STAKEHOLDER_ROLES),
    ks,
)
def test_statement_consensus_monotone_for_a_shown_role(
    tallies: dict[Role, Tally], role: Role, k: int
) -> None:
    t = tallies[role]
    assume(t.disagrees > 0)
    before = statement_result("s", tallies, STAKEHOLDER_ROLES, k=k)
    changed = {**tallies, role: Tally(t.agrees + 1, t.disagrees - 1, t.passes)}
    after = statement_result("s", changed, STAKEHOLDER_ROLES, k=k)
    assert set(after.shown) == set(before.shown)  # votes fixed: same roles shown
    if before.consensus is not None:
        assert after.consensus is not None
        assert after.consensus >= before.consensus


@given(st.lists(tallies_st, min_size=1, max_size=4))
def test_consensus_is_symmetric_in_order(tallies: list[Tally]) -> None:
    base = group_consensus(tallies)
    for order in permutations(tallies):
        # equal up to floating-point rounding of the product
        assert group_consensus(list(order)) == pytest.approx(base, rel=1e-12)


@given(st.dictionaries(st.sampled_from(STAKEHOLDER_ROLES), tallies_st), ks)
def test_statement_result_is_symmetric_in_role_order(tallies: dict[Role, Tally], k: int) -> None:
    results = [
        statement_result("s", tallies, order, k=k) for order in permutations(STAKEHOLDER_ROLES)
    ]
    first = results[0]
    for r in results[1:]:
        assert r.shown == first.shown
        assert set(r.hidden) == set(first.hidden)
        assert r.divide == first.divide
        assert r.uncertain == first.uncertain
        assert r.common_ground == first.common_ground
        if first.consensus is None:
            assert r.consensus is None
        else:
            assert r.consensus == pytest.approx(first.consensus, rel=1e-12)


@given(st.dictionaries(st.sampled_from(STAKEHOLDER_ROLES), tallies_st), role_sets, ks)
def test_k_rule_property(tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int) -> None:
    r = statement_result("s", tallies, roles, k=k)
    for role in roles:
        votes = tallies.get(role, Tally()).votes
        if votes >= k:
            assert r.shown[role] == tallies[role]
            assert role not in r.hidden
        else:
            assert role not in r.shown
            assert role in r.hidden
    assert set(r.shown) | set(r.hidden) == set(roles)
    assert not set(r.shown) & set(r.hidden)


@given(
    st.fixed_dictionaries({COM: tallies_st, POL: tallies_st, OFF: tallies_st}),
    role_sets,
    st.integers(min_value=1, max_value=15),
    st.data(),
)
def test_no_published_figure_depends_on_a_hidden_role(
    tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int, data: st.DataObject
) -> None:
    hidden_role = data.draw(st.sampled_from(roles))
    first = {**tallies, hidden_role: data.draw(under_k(k))}
    second = {**tallies, hidden_role: data.draw(under_k(k))}
    a = statement_result("s", first, roles, k=k)
    b = statement_result("s", second, roles, k=k)
    assert hidden_role in a.hidden and hidden_role in b.hidden
    assert a.shown == b.shown
    assert a.hidden == b.hidden
    assert a.consensus == b.consensus
    assert a.divide == b.divide
    assert a.uncertain == b.uncertain
    assert a.common_ground == b.common_ground is False
    # and the same holds for where the statement lands in a whole round's lists
    others = {"x": {COM: tally(9, 10), POL: tally(8, 9), OFF: tally(7, 8)}}
    ra = round_result({**others, "s": first}, roles, k=k)
    rb = round_result({**others, "s": second}, roles, k=k)
    for name in ("common_ground", "divides", "uncertainty"):
        ids_a = [r.statement_id for r in getattr(ra, name)]
        ids_b = [r.statement_id for r in getattr(rb, name)]
        assert ids_a == ids_b, name


@given(st.dictionaries(st.sampled_from(STAKEHOLDER_ROLES), tallies_st), role_sets, ks)
def test_uncertainty_property(tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int) -> None:
    r = statement_result("s", tallies, roles, k=k)
    shown = [tallies[role] for role in roles if tallies.get(role, Tally()).votes >= k]
    votes = sum(t.votes for t in shown)
    passes = sum(t.passes for t in shown)
    assert r.uncertain == (votes > 0 and 10 * passes > 3 * votes)


def _common_ground_by_definition(
    tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int
) -> bool:
    return len(roles) >= 2 and all(
        tallies.get(role, Tally()).votes >= k and 2 * tallies[role].agrees > tallies[role].votes
        for role in roles
    )


@given(round_tallies(), role_sets, ks)
def test_common_ground_membership_and_order(
    tallies: dict[str, dict[Role, Tally]], roles: tuple[Role, ...], k: int
) -> None:
    result = round_result(tallies, roles, k=k)
    members = {r.statement_id for r in result.common_ground}
    for sid, t in tallies.items():
        assert (sid in members) == _common_ground_by_definition(t, roles, k), sid
    for r in result.common_ground:
        assert not r.hidden
        assert set(r.shown) == set(roles)
        assert all(t.agree_rate > 0.5 for t in r.shown.values())
        assert r.consensus is not None
    values = [r.consensus for r in result.common_ground]
    assert values == sorted(values, reverse=True)


@given(round_tallies(), role_sets, ks)
def test_divides_membership_sides_and_order(
    tallies: dict[str, dict[Role, Tally]], roles: tuple[Role, ...], k: int
) -> None:
    result = round_result(tallies, roles, k=k)
    by_id = {r.statement_id: r for r in result.statements}
    assert list(by_id) == list(tallies)

    def sided(r: StatementResult) -> list[Tally]:
        return [t for t in r.shown.values() if 2 * t.passes <= t.votes]

    expected = {
        sid
        for sid, r in by_id.items()
        if len(sided(r)) >= 2
        and len({Fraction(t.agrees, t.agrees + t.disagrees) for t in sided(r)}) > 1
    }
    assert {r.statement_id for r in result.divides} == expected
    for r in result.divides:
        d = r.divide
        assert d is not None
        assert d.higher in r.shown and d.lower in r.shown and d.higher != d.lower
        assert d.higher not in r.passed and d.lower not in r.passed
        high, low = r.shown[d.higher].side_rate, r.shown[d.lower].side_rate
        assert high > low
        assert d.gap == pytest.approx(high - low)
        largest = max(abs(a.side_rate - b.side_rate) for a, b in combinations(sided(r), 2))
        assert d.gap == pytest.approx(largest)
    gaps = [r.divide.gap for r in result.divides if r.divide]
    assert gaps == sorted(gaps, reverse=True)


@given(st.dictionaries(st.sampled_from(STAKEHOLDER_ROLES), tallies_st, min_size=2))
def test_largest_divide_has_the_higher_role_first(shown: dict[Role, Tally]) -> None:
    d = largest_divide(shown)
    rates = [t.side_rate for t in shown.values() if not t.mostly_passed]
    if len(rates) < 2 or max(rates) == min(rates):
        assert d is None
    else:
        assert d is not None
        assert shown[d.higher].side_rate - shown[d.lower].side_rate == pytest.approx(d.gap)
        assert d.gap == pytest.approx(max(rates) - min(rates))


@given(round_tallies(), role_sets, ks)
def test_round_result_lists_are_drawn_from_its_statements(
    tallies: dict[str, dict[Role, Tally]], roles: tuple[Role, ...], k: int
) -> None:
    result = round_result(tallies, roles, k=k)
    assert isinstance(result, RoundResult)
    assert all(isinstance(r, StatementResult) for r in result.statements)
    rows = set(map(id, result.statements))
    for name in ("common_ground", "divides", "uncertainty"):
        listed = getattr(result, name)
        assert set(map(id, listed)) <= rows
        assert len({r.statement_id for r in listed}) == len(listed)
    # Every uncertain statement, ranked as Pol.is's report ranks them: unc² · passes.
    uncertain = [r for r in result.statements if r.uncertain]
    assert sorted(r.statement_id for r in result.uncertainty) == sorted(
        r.statement_id for r in uncertain
    )

    def weight(r: StatementResult) -> float:
        passes = sum(t.passes for t in r.shown.values())
        votes = sum(t.votes for t in r.shown.values())
        return (passes / votes) ** 2 * passes

    assert [r.statement_id for r in result.uncertainty] == [
        r.statement_id for r in sorted(uncertain, key=lambda r: -weight(r))
    ]


# -- additions: validation, Pol.is helpers, row order ---------------------------------------------


@pytest.mark.parametrize("counts", [(-1, 0, 0), (0, -1, 0), (0, 0, -2)])
def test_negative_counts_are_refused(counts: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="negative"):
        Tally(*counts)


def test_polis_majority_by_hand() -> None:
    # 6 of 6: pa = 7/8, pat = sqrt(7) ≈ 2.65 → majority. 3 of 4 (1 disagree): pa = 4/6,
    # pat = 2·sqrt(5)·(4/5 − 1/2) ≈ 1.342 → majority. 2 of 3: pat = 2·2·(3/4 − 1/2) = 1.0 → not.
    assert polis_majority(Tally(6, 0, 0))
    assert polis_majority(Tally(3, 1, 0))
    assert not polis_majority(Tally(2, 1, 0))
    assert not polis_majority(Tally())
    assert POLIS_PAT_THRESHOLD == 1.2816
    assert polis_majority_score(Tally(6, 0, 0)) == pytest.approx(7 / 8 * math.sqrt(7))


@given(tallies_st)
def test_polis_majority_is_pa_and_pat_over_their_thresholds(t: Tally) -> None:
    assert polis_majority(t) == (polis_pa(t) > 0.5 and polis_pat(t) > 1.2816)
    assert polis_majority_score(t) == pytest.approx(polis_pa(t) * polis_pat(t))


@pytest.mark.parametrize(("groups", "threshold"), [(2, 0.7), (3, 0.47), (4, 0.32), (5, 0.24)])
def test_polis_report_thresholds(groups: int, threshold: float) -> None:
    assert polis_report_threshold(groups) == threshold
    assert polis_report_threshold(groups + 5) == 0.24


def test_polis_report_threshold_needs_two_groups() -> None:
    with pytest.raises(ValueError):
        polis_report_threshold(1)
    assert polis_report_threshold(9) == 0.24


def test_rows_follow_the_given_order_and_include_unvoted_statements() -> None:
    tallies = {"b": {COM: tally(8, 10), POL: tally(7, 10)}, "z": {COM: tally(1, 10)}}
    result = round_result(tallies, (COM, POL), order=["a", "b", "c"])
    assert [r.statement_id for r in result.statements] == ["a", "b", "c", "z"]
    unvoted = result.statements[0]
    assert unvoted.shown == {} and unvoted.hidden == (COM, POL)
    assert (unvoted.consensus, unvoted.divide, unvoted.uncertain) == (None, None, False)
    assert [r.statement_id for r in result.common_ground] == ["b"]


def test_hand_example_three_roles_one_hidden() -> None:
    # Officials: 3 voters, all agree -- hidden at k = 5. Published consensus is the product of
    # the two shown factors only: (9+1)/(10+2) · (6+1)/(8+2) = 10/12 · 7/10 = 7/12.
    tallies = {COM: tally(9, 10), POL: tally(6, 8), OFF: tally(3, 3)}
    r = statement_result("s", tallies, STAKEHOLDER_ROLES)
    assert r.hidden == (OFF,)
    assert r.consensus == pytest.approx(7 / 12)
    assert not r.common_ground  # officials not shown: no claim that every group agrees
    # divide between community 0.9 and police 0.75 only
    assert r.divide is not None
    assert (r.divide.higher, r.divide.lower) == (COM, POL)
    assert r.divide.gap == pytest.approx(0.9 - 0.75)


@given(st.lists(tallies_st, min_size=1, max_size=4), tallies_st)
def test_consensus_shrinks_when_a_group_is_added(tallies: list[Tally], extra: Tally) -> None:
    assert exact_consensus([*tallies, extra]) < exact_consensus(tallies)


@given(
    st.fixed_dictionaries({COM: tallies_st, POL: tallies_st, OFF: tallies_st}),
    role_sets,
    ks,
)
def test_published_consensus_is_exactly_the_shown_factors(
    tallies: dict[Role, Tally], roles: tuple[Role, ...], k: int
) -> None:
    # Dividing the published consensus by the shown factors must give 1: nothing of a hidden
    # role is left in it to recover.
    r = statement_result("s", tallies, roles, k=k)
    if r.consensus is None:
        assert len(r.shown) < 2
        return
    shown = exact_consensus(list(r.shown.values()))
    assert r.consensus == pytest.approx(float(shown), rel=1e-12)
    assert all(tallies[role].votes >= k for role in r.shown)
    assert all(tallies[role].votes < k for role in r.hidden)


@given(round_tallies(), role_sets, ks)
def test_no_divide_or_common_ground_with_fewer_than_two_shown_roles(
    tallies: dict[str, dict[Role, Tally]], roles: tuple[Role, ...], k: int
) -> None:
    result = round_result(tallies, roles, k=k)
    for r in result.statements:
        if len(r.shown) < 2:
            assert r.divide is None and r.consensus is None and not r.common_ground
    for r in result.divides:
        assert len(r.shown) >= 2


# -- passes are not a divide; partial consensus; three-valued common ground ---------------------


def test_a_group_that_passed_is_not_a_divide() -> None:
    # The case: community 6 passes and no agree, officials 5 of 6 agree. Before, this
    # read "officials: more agreement than community"; most of the community passed.
    tallies = {COM: Tally(0, 0, 6), OFF: tally(5, 6)}
    r = statement_result("s", tallies, (COM, OFF))
    assert r.passed == (COM,)
    assert r.divide is None
    assert r.uncertain  # 6 passes of 12 shown votes
    assert r.ground is Ground.NO
    result = round_result({"s": tallies}, (COM, OFF))
    assert result.divides == () and [x.statement_id for x in result.uncertainty] == ["s"]


def test_exactly_half_passing_still_took_a_side() -> None:
    r = statement_result("s", {COM: Tally(0, 3, 3), OFF: tally(6, 6)}, (COM, OFF))
    assert r.passed == ()
    assert r.divide == Divide(1.0, OFF, COM)


def test_a_divide_compares_those_who_took_a_side() -> None:
    # Police: 3 agree, 3 pass (all who took a side agree); community 6 of 6: no divide.
    assert statement_result("s", {COM: tally(6, 6), POL: Tally(3, 0, 3)}, (COM, POL)).divide is None
    # Community 3 agree 1 disagree 4 pass (3/4 of sides), police 2 of 8 agree, 6 disagree.
    r = statement_result("s", {COM: Tally(3, 1, 4), POL: Tally(2, 6, 0)}, (COM, POL))
    assert r.divide is not None
    assert (r.divide.higher, r.divide.lower) == (COM, POL)
    assert r.divide.gap == pytest.approx(3 / 4 - 2 / 8)


def test_a_role_that_mostly_passed_is_left_out_of_a_three_way_divide() -> None:
    tallies = {COM: tally(9, 10), POL: tally(1, 6), OFF: Tally(0, 1, 5)}
    r = statement_result("s", tallies, STAKEHOLDER_ROLES)
    assert r.passed == (OFF,)
    assert r.divide is not None and (r.divide.higher, r.divide.lower) == (COM, POL)
    assert r.divide.gap == pytest.approx(0.9 - 1 / 6)


def test_consensus_over_fewer_groups_is_partial_and_ranked_apart() -> None:
    # "half": officials 3 voters (hidden); community and police agree strongly. "full": all
    # three shown and agreeing, with a lower consensus (three factors) than "half" has.
    tallies = {
        "full": {COM: tally(9, 10), POL: tally(8, 10), OFF: tally(5, 6)},
        "half": {COM: tally(9, 10), POL: tally(9, 10), OFF: tally(3, 3)},
        "no": {COM: tally(9, 10), POL: tally(1, 10), OFF: tally(1, 2)},
    }
    result = round_result(tallies, STAKEHOLDER_ROLES)
    rows = {r.statement_id: r for r in result.statements}
    assert rows["half"].consensus is not None and rows["full"].consensus is not None
    assert rows["half"].consensus > rows["full"].consensus
    assert rows["half"].partial and not rows["full"].partial
    assert [r.statement_id for r in result.common_ground] == ["full"]
    assert [r.statement_id for r in result.partial_ground] == ["half"]
    assert rows["full"].ground is Ground.YES
    assert rows["half"].ground is Ground.UNKNOWN
    assert rows["no"].ground is Ground.NO  # police disagree: no, whatever officials think
    assert rows["no"].partial and not rows["no"].partial_ground


def test_ground_with_one_shown_role() -> None:
    one = statement_result("s", {COM: tally(9, 10), POL: tally(2, 2)}, (COM, POL))
    assert (one.ground, one.partial, one.partial_ground) == (Ground.UNKNOWN, False, False)
    alone = statement_result("s", {COM: tally(9, 10)}, (COM,))
    assert alone.ground is Ground.NO  # a round put to one group has no ground between groups
    assert statement_result("s", {}, (COM, POL)).ground is Ground.UNKNOWN


def test_wilson_interval_of_eight_in_ten() -> None:
    interval = tally(8, 10).agree_interval
    assert interval is not None
    assert (interval.low, interval.high) == (
        pytest.approx(0.490, abs=5e-4),
        pytest.approx(0.943, abs=5e-4),
    )
    side = Tally(3, 1, 4).side_interval
    assert side is not None and side.n == 4 and side.successes == 3
    assert Tally().agree_interval is None and Tally(0, 0, 5).side_interval is None


@given(round_tallies(), role_sets, ks)
def test_partial_and_full_ground_never_share_a_list(
    tallies: dict[str, dict[Role, Tally]], roles: tuple[Role, ...], k: int
) -> None:
    result = round_result(tallies, roles, k=k)
    full = {r.statement_id for r in result.common_ground}
    partial = {r.statement_id for r in result.partial_ground}
    assert not full & partial
    for r in result.statements:
        assert (r.statement_id in partial) == (
            bool(r.hidden)
            and len(r.shown) >= 2
            and all(t.agree_rate > 0.5 for t in r.shown.values())
        )
        assert (r.ground is Ground.YES) == (r.statement_id in full)
    values = [r.consensus for r in result.partial_ground]
    assert values == sorted(values, key=lambda v: -(v or 0))
