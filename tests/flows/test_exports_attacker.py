"""An independent attacker on the exported rows, over the same seeded random rounds and survey
releases as the results' and trends' attackers (300 of each).

What ``flows/exports/rows.py`` promises: nothing there decides what may be shown; every figure
the domain withholds is written ``suppressed (<k)`` (or ``not released (wave open)``), never
recomputed. The export publishes no table with totals across groups (a statement's votes are
per group, there is no all-groups column; a wave's figures are per group, no all-groups row),
so there is nothing to subtract: the attack is on the cells themselves. A reader holding the
exported rows:

- finds no count under k for a group: a group's vote counts on a statement appear only when it
  had k voters or more, the respondents behind an index (``index_n``, ``estimate_n``) are k or
  more, and every cell of a hidden group's figures reads the marker;
- sees the same rows whatever a hidden group did: a hidden role's tally on a statement replaced
  by others of fewer than k votes, a hidden survey group's answers replaced at random and by
  the extremes, and the rows exported again.

Invited, blocked and answered are always shown, by design (``flows/surveys/trends.py``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

import pytest

from flows.dialogues import Dialogue
from flows.exports import suppressed
from flows.exports.rows import (
    RoundRecord,
    Row,
    gap_rows,
    item_columns,
    round_row,
    statement_headers,
    statement_rows,
    trust_headers,
    trust_rows,
)
from flows.exports.sheets import NOT_RELEASED, ROLE_COLUMNS
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.results import Tally, round_result
from flows.rounds.statements import Statement, StatementStatus
from flows.surveys import stats
from flows.surveys.trends import RoleWave, WaveInput
from tests.flows.rounds.test_results_attacker import (
    Tallies,
    hidden_cells,
    random_round,
    small_tallies,
)
from tests.flows.surveys.test_trends_attacker import (
    ALTERNATIVES,
    INSTRUMENT,
    hidden_groups,
    random_release,
    records,
    release,
    with_answers,
)

DIALOGUE = Dialogue(7, "Maradi", None)  # type: ignore[arg-type]
RELEASES = 300
CLOSED_ON = date(2026, 1, 1)


@pytest.fixture(autouse=True)
def _remembered_quantiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The same pure t quantile, computed once per (p, df) (see the trends' attacker)."""
    monkeypatch.setattr(stats, "t_quantile", lru_cache(maxsize=None)(stats.t_quantile))
    yield


# Rounds ----------------------------------------------------------------------------------------


def round_export(tallies: Tallies, roles: tuple[Role, ...], k: int) -> tuple[Row, list[Row]]:
    """The round's row and its statements' rows, as the export writes them."""
    r = Round("r1", 7, Phase.CLOSED, None, RoundSettings(roles=roles), "trust")  # type: ignore[arg-type]
    statements = tuple(
        Statement(sid, "r1", f"statement {sid}", roles[0], "en", StatementStatus.APPROVED)
        for sid in tallies
    )
    result = round_result(tallies, roles, k, list(tallies))
    record = RoundRecord(r, date(2025, 12, 20), CLOSED_ON, statements, result)
    return round_row(DIALOGUE, record), statement_rows(DIALOGUE, record, k)


def round_cells_under_k(
    tallies: Tallies, roles: tuple[Role, ...], k: int, rows: list[Row]
) -> list[str]:
    """Vote counts of a group with fewer than k voters, or a hidden group's cell unmarked."""
    headers = statement_headers()
    assert not any(h.startswith(("total", "all_")) for h in headers)  # no all-groups column
    found = []
    for sid, row in zip(tallies, rows, strict=True):
        named = dict(zip(headers, row, strict=True))
        for role in STAKEHOLDER_ROLES:
            cells = [named[f"{role.value}_{c}"] for c in ROLE_COLUMNS]
            votes = tallies[sid].get(role, Tally()).votes
            if role not in roles:
                if cells != [None] * len(cells):
                    found.append(f"{sid} {role.value}: not addressed, yet figures")
            elif votes < k:
                if cells != [suppressed(k)] * len(cells):
                    found.append(f"{sid} {role.value}: {votes} voters, cells {cells}")
            elif cells[0] != votes or not isinstance(cells[0], int) or cells[0] < k:
                found.append(f"{sid} {role.value}: votes cell {cells[0]} for {votes}")
    return found


def test_no_exported_round_shows_or_depends_on_a_hidden_tally() -> None:
    rng = random.Random(20260113)
    attacked = hidden = 0
    for _ in range(RELEASES):
        k = rng.choice((3, 5))
        tallies, roles = random_round(rng, k)
        seen = round_export(tallies, roles, k)
        assert round_cells_under_k(tallies, roles, k, seen[1]) == [], (k, roles, tallies)
        smalls = small_tallies(k)
        extremes = [Tally(), Tally(k - 1, 0, 0), Tally(0, k - 1, 0), Tally(0, 0, k - 1)]
        for sid, role in hidden_cells(tallies, roles, k):
            for other in (*extremes, *rng.sample(smalls, 3)):
                changed = {s: dict(row) for s, row in tallies.items()}
                changed[sid][role] = other
                assert round_export(changed, roles, k) == seen, (sid, role, other, tallies)
            hidden += 1
        attacked += 1
    assert attacked == RELEASES and hidden > 3 * RELEASES


def test_the_round_attacker_sees_a_shown_tally_change() -> None:
    roles = STAKEHOLDER_ROLES
    tallies: Tallies = {"s0": {r: Tally(4, 1, 1) for r in roles}}
    seen = round_export(tallies, roles, 5)
    assert round_cells_under_k(tallies, roles, 5, seen[1]) == []
    tallies["s0"][Role.POLICE] = Tally(1, 4, 1)
    assert round_export(tallies, roles, 5) != seen
    tallies["s0"][Role.POLICE] = Tally(1, 1, 1)
    assert round_export(tallies, roles, 5) != seen  # now hidden: the cells say so


# Surveys ---------------------------------------------------------------------------------------

ITEMS = item_columns([INSTRUMENT])
HEADERS = trust_headers(ITEMS)
#: Cells that are counts of participation, always shown (the trends module's decision).
ALWAYS = {"invited", "blocked", "answered", "response_rate"}
#: Cells that are not figures at all.
LABELS = {"dialogue_id", "dialogue", "instrument", "wave_id", "wave_date", "wave_status", "role"}


def survey_export(waves: list[WaveInput], k: int) -> tuple[list[Row], list[Row]]:
    trends = release(waves, k)
    days = {w.wave_id: date(2025, 1 + n, 1) for n, w in enumerate(waves)}
    return (
        trust_rows(DIALOGUE, trends, INSTRUMENT, days, ITEMS),
        gap_rows(DIALOGUE, trends, INSTRUMENT, days),
    )


def survey_cells_under_k(waves: list[WaveInput], k: int, rows: list[Row]) -> list[str]:
    hidden = set(hidden_groups(waves, k))
    position = {w.wave_id: n for n, w in enumerate(waves)}
    marks = {suppressed(k), NOT_RELEASED, None}
    found = []
    for row in rows:
        named = dict(zip(HEADERS, row, strict=True))
        at, role = position[str(named["wave_id"])], Role(str(named["role"]))
        where = f"{named['wave_id']} {role.value}"
        for column in ("index_n", "estimate_n"):
            n = named[column]
            if isinstance(n, int) and n < k:
                found.append(f"{where}: {column} {n}")
        if (at, role) in hidden:
            figures = {h: v for h, v in named.items() if h not in ALWAYS | LABELS}
            shown = {h: v for h, v in figures.items() if v not in marks}
            if shown:
                found.append(f"{where}: hidden, yet {shown}")
    return found


def test_no_exported_survey_figure_shows_or_depends_on_a_hidden_group() -> None:
    rng = random.Random(20260114)
    attacked = hidden = 0
    for _ in range(RELEASES):
        k = rng.choice((3, 5))
        waves = random_release(rng, k)
        seen = survey_export(waves, k)
        assert survey_cells_under_k(waves, k, seen[0]) == [], (k, waves)
        for at, role in hidden_groups(waves, k):
            wave = waves[at]
            if not wave.closed:
                continue
            answered = next(r.answered for r in wave.roles if r.role is role)
            for answer in ALTERNATIVES[1:3]:  # all lowest, all highest
                other = records(rng, role, answered, answer)
                assert survey_export(with_answers(waves, at, role, other), k) == seen
            hidden += 1
        attacked += 1
    assert attacked == RELEASES and hidden > RELEASES // 2


def test_the_survey_attacker_sees_a_shown_groups_answers_change() -> None:
    rng, c = random.Random(7), Role.COMMUNITY
    lowest, highest = ALTERNATIVES[1:3]
    waves = [WaveInput("w0", True, (RoleWave(c, 9, 0, 6, records(rng, c, 6, lowest)),))]
    seen = survey_export(waves, 5)
    assert survey_cells_under_k(waves, 5, seen[0]) == []
    assert survey_export(with_answers(waves, 0, c, records(rng, c, 6, highest)), 5) != seen
    assert survey_cells_under_k(waves, 7, survey_export(waves, 7)[0]) == []  # now hidden
