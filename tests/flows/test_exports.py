"""Export cells: no text can start a formula, no character can break an XLSX, numbers stay."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.dialogues import Dialogue
from flows.exports import assemble, cell, neutralise, suppressed
from flows.exports.cells import DANGEROUS_FIRST, ILLEGAL, MAX_CELL_TEXT, is_safe_text
from flows.exports.rows import (
    RoundRecord,
    gap_rows,
    item_columns,
    round_row,
    statement_headers,
    statement_rows,
    trust_headers,
    trust_rows,
)
from flows.exports.sheets import NOT_RELEASED, ROUNDS, SPECS
from flows.roles import Role
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.results import Tally, round_result
from flows.rounds.statements import Statement, StatementStatus
from flows.surveys.instruments import default_instrument
from flows.surveys.trends import RoleWave, WaveInput, dialogue_trends

DIALOGUE = Dialogue(7, "Maradi", None)  # type: ignore[arg-type]


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠"])
def test_every_dangerous_first_character_gets_a_quote(first: str) -> None:
    text = first + 'HYPERLINK("http://x","y")'
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    ["plain", " =1+1", "a=1", "'=1", "٣ + ٤", "الشرطة", "", "1+1", "x-2"],
)
def test_harmless_text_is_kept(text: str) -> None:
    assert neutralise(text) == text


def test_control_characters_are_shown_by_their_code_point() -> None:
    assert neutralise("bell \x01\x07 end") == "bell [U+0001][U+0007] end"
    assert neutralise("\x00\x0b\x0c\x1f\ufffe\uffff") == (
        "[U+0000][U+000B][U+000C][U+001F][U+FFFE][U+FFFF]"
    )
    assert neutralise("lone \ud800 surrogate") == "lone [U+D800] surrogate"
    assert neutralise("keeps\ttab\nand\rreturns") == "keeps\ttab\nand\rreturns"


def test_a_control_character_before_a_formula_leaves_no_formula() -> None:
    assert neutralise("\x00=1+1") == "[U+0000]=1+1"


def test_text_over_excel_limit_is_cut_visibly() -> None:
    out = neutralise("=" + "x" * 40_000)
    assert len(out) == MAX_CELL_TEXT and out.startswith("'=") and out.endswith("…")


def test_values_become_cells() -> None:
    assert cell(-2) == -2 and cell(-0.5) == -0.5 and cell(0) == 0
    assert cell(True) == "yes" and cell(False) == "no"
    assert cell(None) is None
    assert cell(float("nan")) is None and cell(float("inf")) is None
    assert cell(date(2026, 11, 21)) == "2026-11-21"
    assert cell("-2") == "'-2"


@given(st.text())
def test_no_output_text_starts_a_formula_or_breaks_xml(text: str) -> None:
    out = neutralise(text)
    assert not out or out[0] not in DANGEROUS_FIRST
    assert not ILLEGAL.search(out)
    assert is_safe_text(out)
    assert neutralise(out) == out  # idempotent: writers may apply it again


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_are_untouched(number: float) -> None:
    assert cell(number) == number and type(cell(number)) is type(number)


# Rows from the domain's own results ------------------------------------------------------------


def _records(role: Role, count: int) -> tuple[dict[str, str], ...]:
    out = []
    for n in range(count):
        record = {}
        for item in default_instrument().items_for(role):
            if not item.is_text:
                record[item.id] = item.scale.scored[n % len(item.scale.scored)].id
        out.append(record)
    return tuple(out)


def _trends():
    c, p = Role.COMMUNITY, Role.POLICE
    waves = [
        WaveInput(
            "w1",
            True,
            (RoleWave(c, 9, 1, 6, _records(c, 6)), RoleWave(p, 5, 0, 5, _records(p, 5))),
        ),
        WaveInput(
            "w2",
            True,
            (RoleWave(c, 9, 0, 6, _records(c, 6)), RoleWave(p, 5, 0, 3, _records(p, 3))),
        ),
        WaveInput("w3", False, (RoleWave(c, 9, 0, 2),)),
    ]
    return dialogue_trends("7", default_instrument(), waves, k=5)


DAYS = {"w1": date(2026, 9, 1), "w2": date(2026, 10, 1), "w3": date(2026, 11, 1)}


def test_trust_rows_copy_the_domain_figures_and_mark_the_rest() -> None:
    trends, instrument = _trends(), default_instrument()
    ids = item_columns([instrument])
    headers = trust_headers(ids)
    rows = [
        dict(zip(headers, r, strict=True))
        for r in trust_rows(DIALOGUE, trends, instrument, DAYS, ids)
    ]
    assert [(r["wave_id"], r["role"]) for r in rows] == [
        ("w1", "community"),
        ("w1", "police"),
        ("w2", "community"),
        ("w2", "police"),
        ("w3", "community"),
    ]
    shown = trends.wave("w1").group(Role.COMMUNITY)
    assert rows[0]["index"] == shown.index.mean
    assert (rows[0]["index_low"], rows[0]["index_high"]) == (shown.index.low, shown.index.high)
    assert rows[0]["mean_trust_police"] == shown.item("trust_police").mean.mean
    assert rows[0]["mean_m_trust_police"] is None  # not asked of the community
    assert rows[0]["response_rate"] == 6 / 8
    assert rows[3]["answered"] == 3 and rows[3]["estimate"] == suppressed(5)
    # The police's index is their estimate of the community's trust: its own columns.
    police = trends.wave("w1").group(Role.POLICE)
    assert rows[1]["index"] is None and rows[1]["estimate"] == police.index.mean
    assert rows[1]["estimate_n"] == police.index.n and rows[0]["estimate"] is None
    assert rows[3]["mean_m_trust_police"] == suppressed(5)
    assert rows[4]["invited"] == 9 and rows[4]["index"] == NOT_RELEASED
    since = trust_rows(DIALOGUE, trends, instrument, DAYS, ids, since=date(2026, 10, 1))
    assert [r[3] for r in since] == ["w2", "w2", "w3"]


def test_gap_rows_show_the_gap_or_why_not() -> None:
    trends = _trends()
    rows = gap_rows(DIALOGUE, trends, default_instrument(), DAYS)
    by_wave = {}
    for r in rows:
        by_wave.setdefault(r[3], []).append(r)
    gaps = {(g.item_id, g.role.value): g for g in trends.wave("w1").gaps}
    for r in by_wave["w1"]:
        gap = gaps.get((r[5], r[7]))
        if gap is not None:
            assert gap.interval is not None
            low, high = gap.interval.low, gap.interval.high
            assert r[8:] == (gap.community, gap.estimate, gap.gap, low, high)
    assert any(isinstance(r[-1], float) for r in by_wave["w1"])
    assert all(r[8:] == (suppressed(5),) * 5 for r in by_wave["w2"])
    assert "w3" not in by_wave  # police were not asked in the open wave


def test_statement_rows_follow_the_round_result() -> None:
    c, p = Role.COMMUNITY, Role.POLICE
    r = Round("r1", 7, Phase.CLOSED, None, RoundSettings(roles=(c, p)), "trust")  # type: ignore[arg-type]
    statements = tuple(
        Statement(f"s{n}", "r1", text, c, "en", StatementStatus.APPROVED)
        for n, text in enumerate(("=1+1", "fine"))
    )
    tallies = {"s0": {c: Tally(4, 1, 1), p: Tally(1, 1, 0)}, "s1": {c: Tally(5, 0, 0)}}
    result = round_result(tallies, (c, p), 5, ["s0", "s1"])
    record = RoundRecord(r, date(2026, 9, 1), date(2026, 9, 3), statements, result)
    headers = statement_headers()
    rows = [dict(zip(headers, row, strict=True)) for row in statement_rows(DIALOGUE, record, 5)]
    assert rows[0]["text"] == "'=1+1"
    assert rows[0]["community_votes"] == 6 and rows[0]["community_agree_rate"] == 4 / 6
    assert rows[0]["police_votes"] == suppressed(5)
    assert rows[0]["official_votes"] is None  # not addressed
    assert rows[0]["consensus"] is None  # one shown group only
    # Every shown group agrees but the police were not shown: unknown, not no.
    assert rows[1]["position"] == 2 and rows[1]["common_ground"] == "unknown"
    assert rows[0]["common_ground"] == "unknown"  # community 4 of 6 agree, police hidden
    still = RoundRecord(
        Round("r2", 7, Phase.VOTING, None, RoundSettings()),
        date(2026, 9, 1),
        None,
        statements,
        None,
    )  # type: ignore[arg-type]
    assert statement_rows(DIALOGUE, still, 5) == []


def test_the_workbook_has_a_readme_and_every_sheet_in_order() -> None:
    book = assemble(
        k=5,
        generated_on=date(2026, 11, 21),
        since=None,
        dialogues=[DIALOGUE],
        item_ids=("a",),
        rows={},
    )
    assert [s.name for s in book.sheets] == ["README", *(s.name for s in SPECS)]
    readme = book.sheet("README")
    described = {(r[0], r[1]) for r in readme.rows}
    for spec in SPECS:
        for column in spec.columns:
            assert (spec.name, column.name) in described
    assert any(r[1] == suppressed(5) for r in readme.rows)
    assert book.sheet("trust_trends").headers[-1] == "mean_a"
    with pytest.raises(ValueError, match="row does not have"):
        assemble(
            k=5,
            generated_on=date(2026, 11, 21),
            since=None,
            dialogues=[],
            item_ids=(),
            rows={"action_items": [(1, 2)]},
        )


def test_a_partial_consensus_has_its_own_column() -> None:
    c, p, o = Role.COMMUNITY, Role.POLICE, Role.OFFICIAL
    roles = (c, p, o)
    r = Round("r1", 7, Phase.CLOSED, None, RoundSettings(roles=roles), "trust")  # type: ignore[arg-type]
    statements = tuple(
        Statement(f"s{n}", "r1", "text", c, "en", StatementStatus.APPROVED) for n in range(3)
    )
    tallies = {
        "s0": {c: Tally(9, 1, 0), p: Tally(8, 2, 0), o: Tally(5, 1, 0)},  # all shown
        "s1": {c: Tally(9, 1, 0), p: Tally(9, 1, 0), o: Tally(3, 0, 0)},  # officials hidden
        "s2": {c: Tally(0, 0, 6), p: Tally(5, 1, 0), o: Tally(1, 5, 0)},  # community passed
    }
    result = round_result(tallies, roles, 5, ["s0", "s1", "s2"])
    record = RoundRecord(r, date(2026, 9, 1), date(2026, 9, 3), statements, result)
    headers = statement_headers()
    rows = [dict(zip(headers, row, strict=True)) for row in statement_rows(DIALOGUE, record, 5)]
    assert isinstance(rows[0]["consensus"], float) and rows[0]["partial_consensus"] is None
    assert rows[0]["common_ground"] == "yes"
    assert rows[1]["consensus"] is None and isinstance(rows[1]["partial_consensus"], float)
    assert rows[1]["common_ground"] == "unknown"
    assert rows[2]["mostly_passed"] == "community" and rows[2]["common_ground"] == "no"
    assert (rows[2]["divide_higher"], rows[2]["divide_lower"]) == ("police", "official")
    counts = dict(zip(ROUNDS.headers, round_row(DIALOGUE, record), strict=True))
    assert (counts["common_ground"], counts["partial_ground"]) == (1, 1)
