"""An independent attacker on a round's results: a reader who holds everything published about
a closed round (every row, the common ground, partial ground, divides, uncertainty ranking,
Pol.is's representative statements and majority lists, all as the exact floats of the result
objects, and the rates and intervals rounded as the texts show them) and tries every tally a
hidden role could have had on a statement (A + D + P < k). If any of them changed anything
published, the reader would learn something about that role's votes. Over hundreds of seeded
random rounds, none does."""

from __future__ import annotations

import random
from itertools import product

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.polis import Side
from flows.rounds.results import RoundResult, Tally, round_result

Tallies = dict[str, dict[Role, Tally]]
ROUNDS = 300


def small_tallies(k: int) -> list[Tally]:
    """Every tally a hidden role may have: fewer than k votes, none included."""
    return [
        Tally(a, d, p) for a, d, p in product(range(k), repeat=3) if a + d + p < k
    ]  # fmt: skip


def _split(rng: random.Random, votes: int) -> Tally:
    """``votes`` split into agrees, disagrees and passes, leaning a random way."""
    lean = [rng.random() ** 2 for _ in range(3)]
    if rng.random() < 0.3:  # often one side dominates: common ground, divides, uncertainty
        lean[rng.randrange(3)] += 3
    counts = [0, 0, 0]
    for _ in range(votes):
        counts[rng.choices(range(3), weights=lean)[0]] += 1
    return Tally(*counts)


def random_round(rng: random.Random, k: int) -> tuple[Tallies, tuple[Role, ...]]:
    roles = STAKEHOLDER_ROLES if rng.random() < 0.85 else tuple(rng.sample(STAKEHOLDER_ROLES, 2))
    small_role = rng.choice(roles)  # one role is often small, as police or officials are
    tallies: Tallies = {}
    for n in range(rng.randint(1, 12)):
        row = {}
        for role in roles:
            chance = 0.35 if role is small_role else 0.08
            votes = rng.randrange(k) if rng.random() < chance else rng.randint(k, k + 20)
            row[role] = _split(rng, votes)
        tallies[f"s{n}"] = row
    return tallies, roles


def _percent(value: float | None) -> str | None:
    """A rate as the texts show it (Babel's percent: whole numbers)."""
    return None if value is None else f"{round(value * 100)}%"


def published(result: RoundResult) -> tuple[object, ...]:
    """Everything a reader of the results, the summary and the export sees, as exact values
    and as the texts round them. Built field by field from the result objects, so that a
    change anywhere a reader looks shows up."""
    rows = []
    for s in result.statements:
        shown = []
        for role, t in s.shown.items():
            agree, side = t.agree_interval, t.side_interval
            shown.append(
                (
                    role, t.agrees, t.disagrees, t.passes, t.votes, t.agree_rate, t.side_rate,
                    t.mostly_passed, agree, side, _percent(t.agree_rate), _percent(t.side_rate),
                    _percent(agree.low if agree else None), _percent(agree.high if agree else None),
                    _percent(side.low if side else None), _percent(side.high if side else None),
                )
            )  # fmt: skip
        divide = s.divide and (s.divide.gap, s.divide.higher, s.divide.lower)
        rows.append(
            (
                s.statement_id, tuple(shown), s.hidden, s.consensus, s.partial, s.ground,
                s.common_ground, s.partial_ground, divide, s.uncertain, s.passed,
            )
        )  # fmt: skip
    polis = result.polis
    representative = tuple(
        (
            role,
            tuple(
                (
                    r.statement, r.side, r.successes, r.trials, r.others, r.others_trials,
                    r.p_success, r.p_test, r.repness, r.repness_test, r.agrees,
                    r.others_agrees, r.best_agree, r.metric, r.shown_side, r.shown_share,
                    r.shown_others_share, _percent(r.shown_share), _percent(r.shown_others_share),
                )
                for r in found
            ),
        )
        for role, found in polis.representative.items()
    )  # fmt: skip
    majority = tuple(
        (side, tuple((m.statement, m.successes, m.trials, m.p_success, m.p_test, m.share,
                      _percent(m.share)) for m in polis.majority[side]))
        for side in Side
    )  # fmt: skip
    lists = tuple(
        tuple(s.statement_id for s in found)
        for found in (
            result.common_ground,
            result.partial_ground,
            result.divides,
            result.uncertainty,
        )
    )
    return (tuple(rows), lists, representative, majority)


def hidden_cells(tallies: Tallies, roles: tuple[Role, ...], k: int) -> list[tuple[str, Role]]:
    """Where a reader is told a role is hidden: found from the counts, not from the code."""
    return [
        (sid, role)
        for sid, row in tallies.items()
        for role in roles
        if row.get(role, Tally()).votes < k
    ]


def _orders(result: RoundResult) -> tuple[object, ...]:
    """The orders that equality of dictionaries ignores and a reader does not."""
    return tuple(tuple(s.shown) for s in result.statements), tuple(result.polis.representative)


def same(result: RoundResult, base: RoundResult, seen: tuple[object, ...]) -> bool:
    """Whether a reader sees the same: equal result objects (every field, the Pol.is lists
    included) in the same orders publish the same, as ``published`` is a function of them;
    otherwise what is published is compared in full."""
    if result == base and result.polis == base.polis and _orders(result) == _orders(base):
        return True
    return published(result) == seen


def attack(tallies: Tallies, roles: tuple[Role, ...], k: int) -> list[str]:
    """Every hidden (statement, role) whose tally, replaced by another of fewer than k votes,
    changes anything published: what the reader would learn."""
    order = list(tallies)
    base = round_result(tallies, roles, k, order)
    seen = published(base)
    leaks = []
    for sid, role in hidden_cells(tallies, roles, k):
        for other in small_tallies(k):
            changed = {s: dict(row) for s, row in tallies.items()}
            changed[sid][role] = other
            if not same(round_result(changed, roles, k, order), base, seen):
                leaks.append(f"{sid} {role.value}: {tallies[sid][role]} vs {other}")
                break
    return leaks


def test_the_attacker_sees_a_shown_tally_change() -> None:
    # The attack can fail: a change to a shown role's tally shows up in what is published.
    roles = STAKEHOLDER_ROLES
    tallies = {"s0": {Role.COMMUNITY: Tally(6, 1, 0), Role.POLICE: Tally(2, 3, 1)}}
    seen = published(round_result(tallies, roles, 5))
    base = round_result(tallies, roles, 5)
    tallies["s0"][Role.POLICE] = Tally(3, 2, 1)
    assert published(round_result(tallies, roles, 5)) != seen
    assert not same(round_result(tallies, roles, 5), base, seen)
    assert hidden_cells(tallies, roles, 5) == [("s0", Role.OFFICIAL)]


def test_no_hidden_tally_changes_anything_published_in_300_rounds() -> None:
    rng = random.Random(20260113)
    attacked = cells = 0
    for _ in range(ROUNDS):
        k = rng.choice((3, 5))
        tallies, roles = random_round(rng, k)
        assert attack(tallies, roles, k) == [], (k, roles, tallies)
        cells += len(hidden_cells(tallies, roles, k))
        attacked += 1
    assert attacked == ROUNDS
    assert cells > 3 * ROUNDS  # hidden roles on many statements, not a few


def test_changing_every_hidden_tally_at_once_changes_nothing_published() -> None:
    rng = random.Random(13)
    for _ in range(ROUNDS):
        k = rng.choice((3, 5))
        tallies, roles = random_round(rng, k)
        seen = published(round_result(tallies, roles, k, list(tallies)))
        smalls = small_tallies(k)
        for _ in range(3):
            changed = {s: dict(row) for s, row in tallies.items()}
            for sid, role in hidden_cells(tallies, roles, k):
                changed[sid][role] = rng.choice(smalls)
            assert published(round_result(changed, roles, k, list(tallies))) == seen
