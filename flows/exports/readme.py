"""The README sheet, and the whole workbook put together in its fixed order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from flows.dialogues import Dialogue
from flows.exports.cells import DANGEROUS_FIRST, cell
from flows.exports.rows import Row, statement_headers, trust_headers
from flows.exports.sheets import (
    NOT_RELEASED,
    README,
    SPECS,
    STATEMENTS,
    TRUST_TRENDS,
    Sheet,
    Workbook,
    suppressed,
)

README_HEADERS = ("sheet", "column", "meaning")


def _notes(
    k: int, generated_on: date, since: date | None, dialogues: Sequence[Dialogue]
) -> list[tuple[str, str, str]]:
    names = "; ".join(f"{d.id}: {d.name}" for d in dialogues) or "none"
    first = " ".join(repr(c) for c in sorted(DANGEROUS_FIRST))
    return [
        ("(export)", "generated_on", generated_on.isoformat()),
        ("(export)", "since", since.isoformat() if since else "everything"),
        ("(export)", "dialogues", names),
        ("(export)", "k", f"{k}: the smallest group Palabre shows on its own"),
        (
            "(all sheets)",
            suppressed(k),
            f"A figure computed from fewer than k = {k} people (respondents of a group in a "
            "wave, voters of a group on a statement, scored answers to an item) is not shown, "
            "and no published figure is computed from it: no all-groups index or total, no "
            "change or gap involving it, consensus and divides over the shown groups only. "
            "Counts of people invited and answering are always shown.",
        ),
        (
            "(all sheets)",
            NOT_RELEASED,
            "A survey wave's results are released once, when it closes; a round's votes too.",
        ),
        (
            "(all sheets)",
            "text starting with '",
            "Text that began with one of "
            f"{first} has a ' put in front so that no spreadsheet reads it as a formula "
            "(OWASP CSV injection advice); the ' is not part of what was typed.",
        ),
        (
            "(all sheets)",
            "[U+0007]",
            "A control character a spreadsheet cannot hold, replaced by its code point.",
        ),
        ("(all sheets)", "numbers", "Means and rates are unrounded; rates run from 0 to 1."),
    ]


def readme_sheet(
    k: int, generated_on: date, since: date | None, dialogues: Sequence[Dialogue]
) -> Sheet:
    rows = [*_notes(k, generated_on, since, dialogues)]
    for spec in SPECS:
        rows.append((spec.name, "", spec.about))
        rows += [(spec.name, c.name, c.meaning) for c in spec.columns]
    return Sheet(README, README_HEADERS, tuple(tuple(cell(v) for v in r) for r in rows))


def assemble(
    *,
    k: int,
    generated_on: date,
    since: date | None,
    dialogues: Sequence[Dialogue],
    item_ids: Sequence[str],
    rows: Mapping[str, Sequence[Row]],
) -> Workbook:
    """README first, then every sheet of :data:`SPECS` (empty ones too) in order."""
    headers = {spec.name: spec.headers for spec in SPECS}
    headers[TRUST_TRENDS.name] = trust_headers(item_ids)
    headers[STATEMENTS.name] = statement_headers()
    sheets = [readme_sheet(k, generated_on, since, dialogues)]
    for spec in SPECS:
        found = tuple(rows.get(spec.name, ()))
        width = len(headers[spec.name])
        if any(len(r) != width for r in found):
            raise ValueError(f"{spec.name}: a row does not have {width} cells")
        sheets.append(Sheet(spec.name, headers[spec.name], found))
    return Workbook(tuple(sheets))
