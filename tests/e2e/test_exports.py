"""/export end to end: facilitators get their dialogue, staff every dialogue, others nothing.

Grievances with formula-injection texts go in through the real intake; the workbook and the
zip the bot sends are reopened with openpyxl and Python's csv.
"""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook

from flows.exports.cells import DANGEROUS_FIRST
from sandbox import BotMessage, VirtualParticipant
from tests.e2e.conftest import World
from tests.e2e.steps import create_dialogue, facilitated_dialogue, join, make_invite, settle

ONLY_FACILITATORS = "only facilitators"
INJECTION = '=HYPERLINK("http://x","y") they took money'
ARABIC = "@SUM(A1) الشرطة لا تستمع إلينا"
SHEETS = [
    "README",
    "trust_trends",
    "perception_gap",
    "grievances",
    "rounds",
    "statements",
    "action_items",
]


async def _member(world: World, facilitator: VirtualParticipant, role: str, name: str):
    link = await make_invite(world.sandbox, facilitator, role, "50 people", "30 days")
    person = world.sandbox.participant(name, language_code="en")
    await join(world.sandbox, person, link, "en")
    await settle(world.sandbox)
    person.unread.clear()
    facilitator.unread.clear()
    return person


async def _grievance(world: World, person: VirtualParticipant, text: str) -> None:
    """File one grievance through the intake (no places: the place question is skipped)."""
    person.unread.clear()
    await person.send("/grievance")
    await person.expect()
    question = await person.expect()
    await settle(world.sandbox)
    await person.press_data(question, "gv:c:category:corruption")
    await settle(world.sandbox)
    await person.press_data(question, "gv:c:when:this_week")
    await settle(world.sandbox)
    await person.send(text)
    review = await person.expect()
    await settle(world.sandbox)
    await person.press_data(review, review.buttons[0][1])
    await settle(world.sandbox)
    person.unread.clear()


async def _export(world: World, person: VirtualParticipant, label: str) -> BotMessage:
    person.unread.clear()
    await person.send("/export")
    menu = await person.expect(contains="Choose a format")
    await person.press(menu, label)
    document = await person.expect(timeout=15)
    await settle(world.sandbox)
    assert document.kind == "document" and document.document, document.plain_text
    return document


def _workbook(document: BotMessage) -> dict[str, list[tuple]]:
    xlsx = load_workbook(io.BytesIO(document.document or b""))
    sheets = {}
    for ws in xlsx.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert c.value[0] not in DANGEROUS_FIRST, (ws.title, c.value)
        sheets[ws.title] = [tuple(r) for r in ws.iter_rows(values_only=True)]
    return sheets


def _column(rows: list[tuple], name: str) -> list:
    at = rows[0].index(name)
    return [r[at] for r in rows[1:]]


async def test_a_facilitator_exports_their_dialogue_as_xlsx_and_as_csv(world: World) -> None:
    sb = world.sandbox
    facilitator, name = await facilitated_dialogue(sb, world.staff)
    member = await _member(world, facilitator, "community member", "Aissa")
    await _grievance(world, member, INJECTION)
    await _grievance(world, member, ARABIC)
    await create_dialogue(sb, world.staff, "Zinder Sud")  # not the facilitator's: not exported

    document = await _export(world, facilitator, "Excel workbook")
    assert document.filename == "palabre-maradi-nord-2026-11-21.xlsx"
    assert name in document.plain_text and "grievance" in document.plain_text
    sheets = _workbook(document)
    assert list(sheets) == SHEETS
    descriptions = _column(sheets["grievances"], "description")
    assert sorted(descriptions) == sorted(["'" + INJECTION, "'" + ARABIC])
    assert set(_column(sheets["grievances"], "dialogue")) == {name}
    readme = {(r[0], r[1]): r[2] for r in sheets["README"][1:]}
    assert readme[("(export)", "dialogues")] == f"1: {name}"
    assert ("(all sheets)", "suppressed (<5)") in readme

    document = await _export(world, facilitator, "CSV files")
    assert document.filename == "palabre-maradi-nord-2026-11-21.zip"
    with zipfile.ZipFile(io.BytesIO(document.document or b"")) as archive:
        assert sorted(archive.namelist()) == sorted(f"{s}.csv" for s in SHEETS)
        text = archive.read("grievances.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert sorted(_column([tuple(r) for r in rows], "description")) == sorted(descriptions)
    assert all(not v or v[0] not in DANGEROUS_FIRST for r in rows for v in r)


async def test_program_staff_export_every_dialogue_in_one_workbook(world: World) -> None:
    sb = world.sandbox
    _facilitator, name = await facilitated_dialogue(sb, world.staff)
    await create_dialogue(sb, world.staff, "Zinder Sud")
    document = await _export(world, world.staff, "Excel workbook")
    assert document.filename == "palabre-all-dialogues-2026-11-21.xlsx"
    readme = {(r[0], r[1]): r[2] for r in _workbook(document)["README"][1:]}
    assert readme[("(export)", "dialogues")] == f"1: {name}; 2: Zinder Sud"


async def test_community_members_and_police_are_refused(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    member = await _member(world, facilitator, "community member", "Aissa")
    officer = await _member(world, facilitator, "police officer", "Sani")
    refusals = []
    for person in (member, officer):
        await person.send("/export")
        refusals.append(await person.expect(contains=ONLY_FACILITATORS))
        assert not refusals[-1].buttons
    # A modified client sends the button's data anyway: refused, and no file is sent.
    await member.press_data(refusals[0], "ex:xlsx")
    await settle(sb)
    assert any(ONLY_FACILITATORS in toast for toast in member.toasts)
    assert not member.unread and all(m.kind != "document" for m in member.inbox)


async def test_a_forged_format_is_refused(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    facilitator.unread.clear()
    await facilitator.send("/export")
    menu = await facilitator.expect(contains="Choose a format")
    await facilitator.press_data(menu, "ex:pdf")
    await settle(sb)
    assert any("no longer valid" in toast for toast in facilitator.toasts)
    assert not facilitator.unread
