"""Exports end to end below Telegram: collect from a database, write XLSX and CSV, reopen them.

The database holds statements, grievances, area names and action items that try formula
injection and carry control characters; every export must succeed, and neither openpyxl nor
Python's csv may find a formula in what was written.
"""

from __future__ import annotations

import asyncio
import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli import main
from bot.config import Settings
from bot.export_cli import ProgressBar
from bot.export_files import write_csv_zip, write_xlsx
from flows.dialogues import Dialogue
from flows.exports import Workbook, suppressed
from flows.exports.cells import DANGEROUS_FIRST
from flows.exports.sheets import NOT_RELEASED, Sheet
from flows.roles import Role
from flows.surveys.instruments import shipped_instruments
from services.exports import UnknownDialogue, collect, export_name, slug
from services.surveys import trends_in
from storage import Database
from tests.bot.export_data import HOSTILE, Built, build

TODAY = date(2026, 11, 21)


@pytest.fixture
async def built(tmp_path: Path) -> Built:
    return await build(tmp_path / "palabre.db")


async def _collect(built: Built, ids=None, since=None, progress=None) -> Workbook:
    db = Database(built.path)
    await db.open()
    try:
        return await collect(db, Settings(), ids, since, progress, today=TODAY)
    finally:
        await db.close()


def _records(book: Workbook, name: str) -> list[dict]:
    sheet = book.sheet(name)
    return [dict(zip(sheet.headers, row, strict=True)) for row in sheet.rows]


def _xlsx(book: Workbook) -> dict[str, list[tuple]]:
    buffer = io.BytesIO()
    write_xlsx(book, buffer)
    buffer.seek(0)
    xlsx = load_workbook(buffer)
    sheets = {}
    for ws in xlsx.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
                if isinstance(c.value, str):
                    assert c.value[0] not in DANGEROUS_FIRST, (ws.title, c.coordinate, c.value)
        sheets[ws.title] = [tuple(r) for r in ws.iter_rows(values_only=True)]
    return sheets


def _approx(row: tuple) -> tuple:
    """A row as it reads back from XLSX: floats to 16 significant digits, and CR as LF (XML
    parsers normalise line ends)."""
    return tuple(
        pytest.approx(v, rel=1e-15)
        if isinstance(v, float)
        else v.replace("\r", "\n")
        if isinstance(v, str)
        else v
        for v in row
    )


def _csv(book: Workbook) -> dict[str, list[list[str]]]:
    buffer = io.BytesIO()
    write_csv_zip(book, buffer)
    found = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        for name in archive.namelist():
            raw = archive.read(name)
            assert raw.startswith("\ufeff".encode()), name  # Excel needs the BOM for Arabic
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
            for row in rows:
                for value in row:
                    if value and value[0] in DANGEROUS_FIRST:
                        float(value)  # only a number Palabre computed (a negative change)
            found[name] = rows
    return found


# What the workbook holds -----------------------------------------------------------------------


async def test_trust_figures_equal_what_the_flows_compute(built: Built) -> None:
    book = await _collect(built)
    rows = _records(book, "trust_trends")
    db = Database(built.path)
    await db.open()
    try:
        async with db.read() as tx:
            trends = {
                d: await trends_in(tx, shipped_instruments(), d, 5)
                for d in (built.first, built.second)
            }
    finally:
        await db.close()
    compared = 0
    for row in rows:
        wave = trends[row["dialogue_id"]].wave(row["wave_id"])
        group = wave.group(Role(row["role"]))
        assert group is not None
        assert (row["invited"], row["blocked"], row["answered"]) == (
            group.invited,
            group.blocked,
            group.answered,
        )
        assert row["response_rate"] == group.response_rate
        # The community's own trust and the others' estimate of it have separate columns.
        own, other = (
            ("index", "estimate") if group.role is Role.COMMUNITY else ("estimate", "index")
        )
        assert all(row[f"{other}{end}"] is None for end in ("", "_n", "_low", "_high", "_change"))
        if group.index is not None:
            assert (row[own], row[f"{own}_low"], row[f"{own}_high"]) == (
                group.index.mean,
                group.index.low,
                group.index.high,
            )
            assert row[f"{own}_change"] == group.index_change
            for item in group.items:
                assert row[f"mean_{item.item_id}"] == (
                    item.mean.mean if item.mean else suppressed(5)
                )
            compared += 1
        elif wave.closed:
            assert row[own] == suppressed(5)
        else:
            assert row[own] == NOT_RELEASED
    assert compared == 4  # w1 community and police, w2 community, w3 community
    by_key = {(r["wave_id"], r["role"]): r for r in rows}
    assert by_key[("w1", "official")]["estimate"] == suppressed(5)
    assert by_key[("w1", "police")]["index"] is None
    assert isinstance(by_key[("w1", "police")]["estimate"], float)
    assert by_key[("w1", "official")]["answered"] == 2  # counts are always shown
    assert by_key[("w2", "police")]["mean_m_trust_police"] == suppressed(5)
    assert by_key[("w2", "community")]["index_change"] is not None
    assert by_key[("w4", "community")]["invited"] == 3


async def test_gaps_rounds_statements_grievances_and_actions(built: Built) -> None:
    book = await _collect(built)
    gaps = _records(book, "perception_gap")
    assert any(isinstance(g["gap"], float) for g in gaps if g["wave_id"] == "w1")
    assert all(g["gap"] == suppressed(5) for g in gaps if g["wave_id"] == "w2")
    with_interval = [g for g in gaps if isinstance(g["gap_low"], float)]
    assert with_interval and all(g["gap_low"] <= g["gap"] <= g["gap_high"] for g in with_interval)
    assert all(g["gap_low"] == suppressed(5) for g in gaps if g["wave_id"] == "w2")
    rounds = {r["round_id"]: r for r in _records(book, "rounds")}
    assert rounds["r1"]["phase"] == "closed" and rounds["r1"]["statements"] == 7
    assert rounds["r1"]["question"] == "What would build trust"
    assert rounds["r2"]["question"] == "'=Que faire ?" and rounds["r2"]["common_ground"] is None
    statements = _records(book, "statements")
    assert len(statements) == 7
    first = next(s for s in statements if s["text"] == "'" + HOSTILE[0])
    assert first["police_votes"] == 5  # five police voters on the first statement: shown
    assert all(s["police_agree"] == suppressed(5) for s in statements if s is not first)
    assert all(s["official_votes"] is None for s in statements)  # not addressed
    # Police shown on the first statement only: a full consensus there; elsewhere one group
    # is shown, so no consensus, and common ground is unknown unless the community said no.
    assert isinstance(first["consensus"], float) and first["partial_consensus"] is None
    assert first["common_ground"] in ("yes", "no")
    others = [s for s in statements if s is not first]
    assert all(s["consensus"] is None and s["partial_consensus"] is None for s in others)
    assert {s["common_ground"] for s in others} <= {"no", "unknown"}
    assert "unknown" in {s["common_ground"] for s in others}
    grievances = _records(book, "grievances")
    assert len(grievances) == len(HOSTILE)
    assert not {"key", "receipt", "receipt_key"} & set(book.sheet("grievances").headers)
    texts = {g["description"] for g in grievances}
    assert "bell [U+0001][U+0007] inside" in texts and "[U+0000]=nul first" in texts
    assert "الشرطة لا تستمع إلينا" in texts and "'\tcmd" in texts
    assert {g["confidential"] for g in grievances if g["category"] == "gbv"} == {"yes"}
    actions = _records(book, "action_items")
    assert [a["action"] for a in actions] == [
        "'+1+1 patrols at night",
        "'-2 checkpoints",
        "Repair the lights",
    ]


async def test_one_dialogue_and_a_start_day(built: Built) -> None:
    book = await _collect(built, [built.second])
    assert {r["dialogue_id"] for r in _records(book, "trust_trends")} == {built.second}
    assert {r["dialogue_id"] for r in _records(book, "grievances")} == {built.second}
    assert _records(book, "rounds") == []
    later = await _collect(built, None, date(2026, 9, 5))
    assert {r["wave_id"] for r in _records(later, "trust_trends")} == {"w2", "w3", "w4"}
    filed = [g["filed_on"] for g in _records(later, "grievances")]
    assert len(filed) == len(HOSTILE) - 4 and min(filed) == "2026-09-05"
    assert [r["round_id"] for r in _records(later, "rounds")] == ["r2"]
    assert _records(later, "statements") == []
    actions = await _collect(built, None, date(2026, 9, 21))
    assert [a["created_on"] for a in _records(actions, "action_items")] == [
        "2026-09-21",
        "2026-09-22",
    ]
    with pytest.raises(UnknownDialogue):
        await _collect(built, [99])


async def test_progress_is_reported_step_by_step(built: Built) -> None:
    seen = []
    await _collect(built, progress=lambda done, total, what: seen.append((done, total, what)))
    assert [s[0] for s in seen] == list(range(1, 9)) and {s[1] for s in seen} == {8}
    out = io.StringIO()
    bar = ProgressBar(out)
    bar(4, 8, "rounds: Maradi")
    bar.end()
    assert "[###############---------------] 4/8  rounds: Maradi" in out.getvalue()


# Files -----------------------------------------------------------------------------------------


async def test_xlsx_reopens_without_a_single_formula(built: Built) -> None:
    book = await _collect(built)
    sheets = _xlsx(book)
    assert list(sheets) == [s.name for s in book.sheets]
    for sheet in book.sheets:
        assert sheets[sheet.name][0] == sheet.headers
        # Every figure and text as collected.
        assert sheets[sheet.name][1:] == [_approx(row) for row in sheet.rows]
    descriptions = [r[10] for r in sheets["grievances"][1:]]
    assert "'" + HOSTILE[0] in descriptions and "الشرطة لا تستمع إلينا" in descriptions


async def test_csv_zip_reopens_without_a_single_formula(built: Built) -> None:
    book = await _collect(built)
    files = _csv(book)
    assert sorted(files) == sorted(f"{s.name}.csv" for s in book.sheets)
    grievances = files["grievances.csv"]
    assert tuple(grievances[0]) == book.sheet("grievances").headers
    descriptions = {r[10] for r in grievances[1:]}
    assert {"'" + HOSTILE[0], "'\nline", "'\rcarriage", "'@SUM(A1)"} <= descriptions
    trust = files["trust_trends.csv"]
    index = trust[0].index("index")
    values = [r[index] for r in trust[1:]]
    assert float(values[0]) == book.sheet("trust_trends").rows[0][index]
    estimates = [r[trust[0].index("estimate")] for r in trust[1:]]
    assert suppressed(5) in estimates


def test_every_hostile_text_survives_both_formats() -> None:
    rows = tuple((n, text) for n, text in enumerate(HOSTILE))
    book = Workbook((Sheet("raw", ("n", "text"), rows),))  # not even neutralised beforehand
    xlsx = _xlsx(book)["raw"][1:]
    assert [r[1][0] for r in xlsx if r[1][0] == "'"]  # quotes were put in front
    assert len(xlsx) == len(HOSTILE) == len(_csv(book)["raw.csv"]) - 1


def test_file_names() -> None:
    day = date(2026, 11, 21)
    assert slug("Maradi – Quartier Nord") == "maradi-quartier-nord"
    assert export_name(Dialogue(3, "Maradi – Quartier Nord", None), day, "xlsx") == (  # type: ignore[arg-type]
        "palabre-maradi-quartier-nord-2026-11-21.xlsx"
    )
    assert (
        export_name(Dialogue(4, "حي الشمال", None), day, "zip")
        == "palabre-dialogue-4-2026-11-21.zip"
    )  # type: ignore[arg-type]
    assert export_name(None, day, "xlsx") == "palabre-all-dialogues-2026-11-21.xlsx"


# palabre export --------------------------------------------------------------------------------


async def test_cli_writes_xlsx_and_zip(built: Built, tmp_path: Path, capsys) -> None:
    out = tmp_path / "all.xlsx"
    assert await _cli(["export", "--db", str(built.path), "--out", str(out)]) == 0
    assert "export written to" in capsys.readouterr().out
    xlsx = load_workbook(out)
    assert xlsx.sheetnames[0] == "README" and "trust_trends" in xlsx.sheetnames
    assert out.stat().st_mode & 0o077 == 0  # the owner's alone (the command's umask 077)
    zipped = tmp_path / "one.zip"
    args = ["--dialogue", str(built.first), "--since", "2026-09-15"]
    assert await _cli(["export", "--db", str(built.path), "--out", str(zipped), *args]) == 0
    with zipfile.ZipFile(zipped) as archive:
        assert "statements.csv" in archive.namelist()
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out", "{tmp}/x.pdf"], "must end in .xlsx or .zip"),
        (["--out", "{tmp}/x.xlsx", "--since", "21/11/2026"], "YYYY-MM-DD"),
        (["--out", "{tmp}/x.xlsx", "--dialogue", "99"], "there is no dialogue 99"),
        (["--out", "{tmp}/missing/x.xlsx"], "no such folder"),
    ],
)
async def test_cli_refuses_bad_arguments(
    built: Built, tmp_path: Path, capsys, extra: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    assert await _cli(["export", "--db", str(built.path), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("palabre: error: ") and message in err
    assert not (tmp_path / "x.xlsx").exists()


async def test_cli_refuses_a_missing_database(tmp_path: Path, capsys) -> None:
    code = await _cli(
        ["export", "--db", str(tmp_path / "nope.db"), "--out", str(tmp_path / "x.zip")]
    )
    assert code == 2 and "no such database" in capsys.readouterr().err


async def _cli(argv: list[str]) -> int:
    """``main`` runs its own event loop: run it in a thread from this async test."""
    return await asyncio.to_thread(main, argv)
