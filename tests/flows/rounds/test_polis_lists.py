"""Pol.is's representative statements, majority lists and ranked uncertainty, against Pol.is.

Reference values (`polis_reference.json`, a subset of the shared reference data): the "unit"
section comes from Pol.is's own unit tests (math/test/stats_test.clj at 08e03eb1 and
delphi/tests/test_repness_unit.py, each entry names its source); the fixtures are five real
Pol.is math-server outputs (red-dwarf's math-pca2.json files): per-group counts, the
"repness" each group got and the "consensus" lists, with the statements Pol.is moderated out.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from flows.roles import Role
from flows.rounds.polis import (
    Majority,
    Representative,
    Side,
    majority,
    polis_lists,
    prop_test,
    ranked_uncertainty,
    representative,
    two_prop_test,
    uncertainty_weight,
)
from flows.rounds.results import Tally, round_result

REFERENCE: dict[str, Any] = json.loads(
    (Path(__file__).with_name("polis_reference.json")).read_text(encoding="utf-8")
)
FIXTURES: dict[str, dict[str, Any]] = REFERENCE["fixtures"]
NAMES = sorted(FIXTURES)
TOLERANCE = 1e-12
COM, POL, OFF = Role.COMMUNITY, Role.POLICE, Role.OFFICIAL


def as_tally(counts: list[int]) -> Tally:
    agrees, disagrees, votes = counts
    return Tally(agrees, disagrees, votes - agrees - disagrees)


def group_tallies(
    fixture: dict[str, Any], moderated_out: bool = True
) -> dict[int, dict[str, Tally]]:
    """Per statement, in Pol.is's column order, every group's counts (Pol.is shows them all)."""
    out = set(fixture["mod_out"]) if moderated_out else set()
    counts = fixture["group_counts"]
    return {
        tid: {str(g): as_tally(counts[str(g)][str(tid)]) for g in fixture["group_ids"]}
        for tid in fixture["tids"]
        if tid not in out and str(tid) in counts["0"]
    }


def single(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(1.0, abs(b))


# -- Pol.is's tests ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", REFERENCE["unit"]["prop_test"], ids=str)
def test_prop_test_matches_polis_unit_values(case: dict[str, Any]) -> None:
    assert abs(prop_test(*case["args"]) - case["expected"]) <= case["tol"]


@pytest.mark.parametrize("case", REFERENCE["unit"]["two_prop_test"], ids=str)
def test_two_prop_test_matches_polis_unit_values(case: dict[str, Any]) -> None:
    assert abs(two_prop_test(*case["args"]) - case["expected"]) <= case["tol"]


def test_prop_test_is_the_limit_of_two_prop_test_against_a_huge_half() -> None:
    for case in REFERENCE["unit"]["prop_test_equals_two_prop_test_limit"]:
        one, two = prop_test(*case["prop_args"]), two_prop_test(*case["two_prop_args"])
        assert abs(one - two) <= case["tol"]


def test_prop_test_by_hand() -> None:
    assert prop_test(6, 6) == pytest.approx(2 * 7**0.5 * 0.5)
    assert prop_test(0, 0) == 1.0
    assert two_prop_test(9, 0, 9, 0) == 0.0  # everyone agrees: the pooled share is one


# -- representative statements ----------------------------------------------------------------


def entries(reps: tuple[Representative[int], ...]) -> list[tuple[int, str, int, int]]:
    return [(r.statement, r.side.value, r.successes, r.trials) for r in reps]


def expected_entries(expected: list[dict[str, Any]]) -> list[tuple[int, str, int, int]]:
    return [(e["tid"], e["repful-for"], e["n-success"], e["n-trials"]) for e in expected]


@pytest.mark.parametrize("name", NAMES)
def test_representative_statements_equal_polis_repness(name: str) -> None:
    fixture = FIXTURES[name]
    got = representative(group_tallies(fixture))
    assert [str(g) for g in got] == [str(g) for g in fixture["group_ids"]]
    for group, expected in fixture["expected_repness"].items():
        reps = got[group]
        assert entries(reps) == expected_entries(expected), group
        for r, e in zip(reps, expected, strict=True):
            assert close(r.p_success, e["p-success"]) and close(r.p_test, e["p-test"])
            assert close(r.repness, e["repness"])
            # Pol.is keeps the test as a 32-bit float, and its JSON prints that float.
            assert r.repness_test == single(e["repness-test"])
            assert r.best_agree == bool(e.get("best-agree"))


def test_every_fixture_has_representative_statements_for_agreeing_and_disagreeing() -> None:
    sides = {
        e["repful-for"]
        for f in FIXTURES.values()
        for expected in f["expected_repness"].values()
        for e in expected
    }
    assert sides == {"agree", "disagree"}
    # Pol.is's "best agree" rule puts a statement first that would not lead by the metric.
    assert any(
        e.get("best-agree") and i == 0
        for f in FIXTURES.values()
        for expected in f["expected_repness"].values()
        for i, e in enumerate(expected)
    )


def test_polis_leaves_moderated_out_statements_out_of_repness() -> None:
    # Counting the moderated-out statements changes a list Pol.is published: the check above
    # would fail if they were not left out.
    fixture = FIXTURES["25ptpt-3gp-no-strict-with-meta"]
    assert fixture["mod_out"]
    with_them = representative(group_tallies(fixture, moderated_out=False))
    expected = fixture["expected_repness"]
    assert any(entries(with_them[g]) != expected_entries(expected[g]) for g in expected)


def test_rest_is_the_other_groups_together() -> None:
    # Community agrees 9 of 10; police 2 of 10 and officials 1 of 10: the rest is 3 of 20.
    tallies = {"s": {COM: Tally(9, 1, 0), POL: Tally(2, 8, 0), OFF: Tally(1, 9, 0)}}
    rep = representative(tallies)[COM][0]
    assert (rep.side, rep.successes, rep.trials, rep.others, rep.others_trials) == (
        Side.AGREE, 9, 10, 3, 20,
    )  # fmt: skip
    assert rep.share == 0.9 and rep.others_share == 0.15
    assert rep.p_success == 10 / 12
    assert rep.repness == (10 / 12) / (4 / 22)
    assert rep.repness_test == single(two_prop_test(9, 3, 10, 20))


def test_a_best_agreed_statement_is_shown_as_agreement_when_the_group_agrees() -> None:
    # Everyone agrees with "shared"; police alone reject "apart". Police's best agreed
    # statement is "shared", which Pol.is marks "disagree" (rdt > rat: 0 of 5 against 0 of 12
    # gives the larger test); its clients show the police's agreement with it instead.
    tallies = {
        "shared": {COM: Tally(6, 0, 0), POL: Tally(5, 0, 0), OFF: Tally(6, 0, 0)},
        "apart": {COM: Tally(6, 0, 0), POL: Tally(0, 5, 0), OFF: Tally(6, 0, 0)},
    }
    police = representative(tallies)[POL]
    assert [(r.statement, r.side, r.best_agree) for r in police] == [
        ("shared", Side.DISAGREE, True),
        ("apart", Side.DISAGREE, False),
    ]
    head, apart = police
    assert (head.shown_side, head.shown_share, head.shown_others_share) == (Side.AGREE, 1.0, 1.0)
    assert (apart.shown_side, apart.shown_share, apart.shown_others_share) == (
        Side.DISAGREE, 1.0, 0.0,
    )  # fmt: skip


def test_a_statement_with_one_group_sets_no_group_apart() -> None:
    # Only community voted (or is shown) on "alone": there is no rest to compare with.
    tallies = {
        "alone": {COM: Tally(10, 0, 0)},
        "both": {COM: Tally(8, 2, 0), POL: Tally(1, 9, 0)},
    }
    got = representative(tallies)
    assert [r.statement for r in got[COM]] == ["both"]
    assert [(r.statement, r.side) for r in got[POL]] == [("both", Side.DISAGREE)]
    assert representative({"alone": {COM: Tally(10, 0, 0)}}) == {COM: ()}


def test_groups_keep_five_statements_agreed_before_disagreed() -> None:
    # Eight statements where community stands apart: three by disagreeing, five by agreeing.
    tallies: dict[str, dict[Role, Tally]] = {}
    for i in range(5):
        tallies[f"agree{i}"] = {COM: Tally(20 - i, 0, 0), POL: Tally(0, 20, 0)}
    for i in range(3):
        tallies[f"disagree{i}"] = {COM: Tally(0, 30, 0), POL: Tally(30, 0, 0)}
    got = representative(tallies)[COM]
    assert len(got) == 5
    sides = [r.side for r in got]
    assert sides == sorted(sides, key=lambda s: s is Side.DISAGREE)
    assert Side.DISAGREE in sides  # the disagreed ones rank high enough to be kept


# -- majority ---------------------------------------------------------------------------------


def majority_entries(found: tuple[Majority[int], ...]) -> list[tuple[int, int, int]]:
    return [(m.statement, m.successes, m.trials) for m in found]


@pytest.mark.parametrize("name", NAMES)
def test_majority_lists_equal_polis_consensus(name: str) -> None:
    # Pol.is counts every participant, clustered or not: one group of everyone.
    fixture = FIXTURES[name]
    out = set(fixture["mod_out"])
    everyone = {
        tid: {"all": as_tally(fixture["all_participant_counts"][str(tid)])}
        for tid in fixture["tids"]
        if tid not in out
    }
    got = majority(everyone)
    for side in Side:
        expected = fixture["expected_consensus"][side.value]
        assert majority_entries(got[side]) == [
            (e["tid"], e["n-success"], e["n-trials"]) for e in expected
        ]
        for m, e in zip(got[side], expected, strict=True):
            assert close(m.p_success, e["p-success"]) and close(m.p_test, e["p-test"])


def test_majority_needs_pa_over_half_and_pat_over_the_90_percent_z() -> None:
    tallies = {
        "clear": {COM: Tally(6, 0, 0)},  # pa 7/8, pat √7
        "thin": {COM: Tally(2, 1, 0)},  # pa 3/5 but pat 2·2·(3/4 − ½) = 1 < 1.2816
        "against": {COM: Tally(0, 9, 1)},
    }
    got = majority(tallies)
    assert [m.statement for m in got[Side.AGREE]] == ["clear"]
    assert [m.statement for m in got[Side.DISAGREE]] == ["against"]
    assert got[Side.DISAGREE][0].share == 0.9


def test_majority_keeps_the_five_largest_pa_times_pat() -> None:
    tallies = {f"s{n}": {COM: Tally(n, 0, 0)} for n in range(3, 11)}
    assert [m.statement for m in majority(tallies)[Side.AGREE]] == [
        "s10", "s9", "s8", "s7", "s6",
    ]  # fmt: skip


# -- uncertainty ------------------------------------------------------------------------------


def test_uncertainty_weight_is_unc_squared_times_passes() -> None:
    assert uncertainty_weight(8, 10) == pytest.approx(0.64 * 8)
    assert uncertainty_weight(3, 10) is None  # exactly 0.3 is not above it
    assert uncertainty_weight(0, 0) is None


def test_ranked_uncertainty_keeps_the_five_heaviest() -> None:
    tallies = {
        "few passes": {COM: Tally(6, 0, 4)},  # .4² · 4
        "none": {COM: Tally(10, 0, 0)},
        **{f"half{n}": {COM: Tally(n, 0, n)} for n in range(1, 6)},  # .5² · n
        "most": {COM: Tally(1, 0, 9)},  # .9² · 9
    }
    # 7.29, 1.25, 1, .75, .64 (kept) and .5, .25 (left out); "none" is not uncertain.
    assert ranked_uncertainty(tallies) == ("most", "half5", "half4", "half3", "few passes")
    assert ranked_uncertainty(tallies, limit=None)[5:] == ("half2", "half1")


# -- over shown groups only -------------------------------------------------------------------


def test_round_lists_use_the_shown_roles_only() -> None:
    # Police have 3 voters on each statement, fewer than k = 5: whatever they voted, no list
    # changes, so nothing published carries their counts.
    def lists(police: Tally) -> Any:
        tallies = {
            "a": {COM: Tally(9, 1, 0), POL: police, OFF: Tally(2, 8, 0)},
            "b": {COM: Tally(1, 9, 0), POL: police, OFF: Tally(8, 1, 1)},
            "c": {COM: Tally(3, 3, 4), POL: police, OFF: Tally(2, 2, 6)},
        }
        return round_result(tallies, (COM, POL, OFF), k=5).polis

    seen = [lists(Tally(a, d, 3 - a - d)) for a in range(4) for d in range(4 - a)]
    assert all(s == seen[0] for s in seen)
    assert set(seen[0].representative) == {COM, OFF}
    assert [r.statement for r in seen[0].representative[COM]] == ["a", "b"]
    assert [(m.statement, m.trials) for m in seen[0].majority[Side.AGREE]] == []
    # With the police shown (k = 3) they are a group, and in the others' counts.
    shown = round_result(
        {"a": {COM: Tally(9, 1, 0), POL: Tally(3, 0, 0), OFF: Tally(2, 8, 0)}},
        (COM, POL, OFF),
        k=3,
    ).polis
    assert shown.representative[COM][0].others_trials == 13


def test_round_polis_equals_the_generic_lists_on_its_shown_tallies() -> None:
    tallies = {
        "a": {COM: Tally(9, 1, 0), POL: Tally(5, 5, 0)},
        "b": {COM: Tally(0, 8, 2), POL: Tally(7, 0, 3)},
    }
    result = round_result(tallies, (COM, POL), k=5)
    assert result.polis == polis_lists(tallies)
    assert result.polis.representative[POL][0].statement == "b"
