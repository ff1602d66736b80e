"""Palabre's consensus maths against the values Pol.is itself computed.

`polis_reference.json` is a subset of the shared reference data (five real Pol.is math-server
outputs): vote totals [A, D, S] per group and statement (S includes passes), the group-aware
consensus Pol.is computed, and its pa / pat figures for the overall "consensus" lists and for
each group's representative statements.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.results import (
    Tally,
    group_consensus,
    polis_majority,
    polis_pa,
    polis_pat,
    round_result,
)

REFERENCE: dict[str, Any] = json.loads(
    (Path(__file__).with_name("polis_reference.json")).read_text(encoding="utf-8")
)
FIXTURES: dict[str, dict[str, Any]] = REFERENCE["fixtures"]
NAMES = sorted(FIXTURES)
THREE_GROUPS = [n for n in NAMES if len(FIXTURES[n]["group_ids"]) == 3]

# The reference values are full doubles; only the order of the multiplications may differ.
TOLERANCE = 1e-12


def as_tally(counts: list[int]) -> Tally:
    agrees, disagrees, votes = counts
    assert votes >= agrees + disagrees
    return Tally(agrees, disagrees, votes - agrees - disagrees)


def success_tally(successes: int, trials: int) -> Tally:
    """A tally whose "agrees" are Pol.is's successes (agrees or disagrees) out of all trials."""
    return Tally(successes, 0, trials - successes)


def group_tallies(fixture: dict[str, Any], tid: str) -> list[Tally]:
    return [as_tally(fixture["group_counts"][str(g)][tid]) for g in fixture["group_ids"]]


def test_reference_subset_is_complete() -> None:
    assert len(FIXTURES) == 5
    assert len(THREE_GROUPS) == 4
    total = sum(len(f["expected_group_aware_consensus"]) for f in FIXTURES.values())
    assert total == 308
    for f in FIXTURES.values():
        for g in f["group_ids"]:
            assert set(f["group_counts"][str(g)]) == set(f["expected_group_aware_consensus"])


def test_tally_votes_equal_polis_s_passes_included() -> None:
    for f in FIXTURES.values():
        for g in f["group_ids"]:
            for counts in f["group_counts"][str(g)].values():
                assert as_tally(counts).votes == counts[2]


@pytest.mark.parametrize("name", NAMES)
def test_group_consensus_matches_polis(name: str) -> None:
    fixture = FIXTURES[name]
    wrong = {}
    for tid, expected in fixture["expected_group_aware_consensus"].items():
        got = group_consensus(group_tallies(fixture, tid))
        if abs(got - expected) > TOLERANCE * max(1.0, abs(expected)):
            wrong[tid] = (got, expected)
    assert wrong == {}


@pytest.mark.parametrize("name", NAMES)
def test_group_consensus_does_not_depend_on_group_order(name: str) -> None:
    fixture = FIXTURES[name]
    for tid, expected in fixture["expected_group_aware_consensus"].items():
        reversed_order = list(reversed(group_tallies(fixture, tid)))
        assert group_consensus(reversed_order) == pytest.approx(expected, rel=TOLERANCE)


@pytest.mark.parametrize("name", THREE_GROUPS)
def test_round_result_matches_polis_when_every_group_is_shown(name: str) -> None:
    # Map Pol.is's three groups onto the three stakeholder roles; k=0 shows every group.
    fixture = FIXTURES[name]
    roles = dict(zip((str(g) for g in fixture["group_ids"]), STAKEHOLDER_ROLES, strict=True))
    tallies: dict[str, dict[Role, Tally]] = {
        tid: {role: as_tally(fixture["group_counts"][g][tid]) for g, role in roles.items()}
        for tid in fixture["expected_group_aware_consensus"]
    }
    result = round_result(tallies, STAKEHOLDER_ROLES, k=0)
    expected = fixture["expected_group_aware_consensus"]
    for r in result.statements:
        assert r.hidden == ()
        assert r.consensus == pytest.approx(expected[r.statement_id], rel=TOLERANCE)
    # Common ground is ranked the way Pol.is's consensus values rank those statements.
    ranked = [expected[r.statement_id] for r in result.common_ground]
    assert ranked == pytest.approx(sorted(ranked, reverse=True), rel=TOLERANCE)


@pytest.mark.parametrize("name", THREE_GROUPS)
def test_round_result_with_k_uses_only_groups_of_k_or_more(name: str) -> None:
    fixture = FIXTURES[name]
    groups = [str(g) for g in fixture["group_ids"]]
    roles = dict(zip(groups, STAKEHOLDER_ROLES, strict=True))
    seen_full = seen_partial = 0
    for tid, expected in fixture["expected_group_aware_consensus"].items():
        tallies = {role: as_tally(fixture["group_counts"][g][tid]) for g, role in roles.items()}
        r = round_result({tid: tallies}, STAKEHOLDER_ROLES, k=5).statements[0]
        big = [t for t in tallies.values() if t.votes >= 5]
        if len(big) == 3:
            seen_full += 1
            assert r.consensus == pytest.approx(expected, rel=TOLERANCE)
        elif len(big) == 2:
            seen_partial += 1
            assert r.consensus == pytest.approx(group_consensus(big), rel=TOLERANCE)
        else:
            assert r.consensus is None
    assert seen_full + seen_partial > 0


@pytest.mark.parametrize("name", NAMES)
def test_polis_pa_and_pat_match_the_overall_consensus_lists(name: str) -> None:
    fixture = FIXTURES[name]
    checked = 0
    for kind in ("agree", "disagree"):
        for entry in fixture["expected_consensus"][kind]:
            agrees, disagrees, votes = fixture["all_participant_counts"][str(entry["tid"])]
            assert entry["n-trials"] == votes
            assert entry["n-success"] == (agrees if kind == "agree" else disagrees)
            t = success_tally(entry["n-success"], entry["n-trials"])
            if kind == "agree":
                assert t == Tally(agrees, 0, votes - agrees)
            assert polis_pa(t) == pytest.approx(entry["p-success"], rel=TOLERANCE)
            assert polis_pat(t) == pytest.approx(entry["p-test"], rel=TOLERANCE)
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", NAMES)
def test_polis_pa_and_pat_match_each_groups_representative_statements(name: str) -> None:
    fixture = FIXTURES[name]
    checked = 0
    for group, entries in fixture["expected_repness"].items():
        for entry in entries:
            agrees, disagrees, votes = fixture["group_counts"][group][str(entry["tid"])]
            successes = agrees if entry["repful-for"] == "agree" else disagrees
            assert (entry["n-success"], entry["n-trials"]) == (successes, votes)
            if entry["repful-for"] == "agree":
                t = as_tally([agrees, disagrees, votes])
            else:
                t = Tally(disagrees, agrees, votes - agrees - disagrees)  # disagree as success
            assert polis_pa(t) == pytest.approx(entry["p-success"], rel=TOLERANCE)
            assert polis_pat(t) == pytest.approx(entry["p-test"], rel=TOLERANCE)
            checked += 1
    assert checked > 0


def test_polis_majority_thresholds_on_reference_data() -> None:
    # Pol.is keeps pa > 0.5 and pat > 1.2816 for its majority list; every statement Pol.is
    # published as overall consensus passes both with Palabre's pa / pat.
    for fixture in FIXTURES.values():
        for kind in ("agree", "disagree"):
            for entry in fixture["expected_consensus"][kind]:
                t = success_tally(entry["n-success"], entry["n-trials"])
                assert polis_pa(t) > 0.5
                assert polis_pat(t) > 1.2816
                assert polis_majority(t)
