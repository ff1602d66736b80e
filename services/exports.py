"""Collecting an export: read each dialogue, let the domain compute, hand rows to the writers.

Used by ``/export`` and ``palabre export``. Trust figures are
:func:`services.surveys.trends_in`'s and round figures :func:`flows.rounds.results.round_result`'s,
so a workbook says exactly what ``/survey`` and ``/results`` say. Each dialogue's section is
read in its own short unit of work, so a large export lets the bot go on between sections.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from flows.dialogues import Dialogue
from flows.exports import Workbook, assemble
from flows.exports.rows import (
    RoundRecord,
    Row,
    action_rows,
    gap_rows,
    grievance_rows,
    item_columns,
    round_row,
    statement_rows,
    trust_rows,
)
from flows.exports.sheets import ACTIONS, GRIEVANCES, PERCEPTION_GAP, ROUNDS, STATEMENTS
from flows.exports.sheets import TRUST_TRENDS as TRUST
from flows.rounds.lifecycle import Phase
from flows.rounds.results import round_result
from flows.surveys.items import Instrument
from flows.surveys.trends import DialogueTrends
from services.grievances import area_names, catalogue_of
from services.runtime import Runtime
from services.settings import Settings
from services.surveys import read_instruments, trends_in
from storage import Database

__all__ = ["Prepared", "collect", "dialogue", "export_name", "prepare"]

#: Called after each step: (steps done, steps in all, what was just done).
Progress = Callable[[int, int, str], None]
STEPS_PER_DIALOGUE = 4


class UnknownDialogue(LookupError):
    def __init__(self, dialogue_id: int) -> None:
        super().__init__(f"there is no dialogue {dialogue_id}")
        self.dialogue_id = dialogue_id


@dataclass(frozen=True)
class _Survey:
    dialogue: Dialogue
    trends: DialogueTrends
    instrument: Instrument
    wave_days: dict[str, date]


async def collect(
    db: Database,
    settings: Settings,
    dialogue_ids: Sequence[int] | None,
    since: date | None = None,
    progress: Progress | None = None,
    *,
    today: date,
) -> Workbook:
    """Every sheet for ``dialogue_ids`` (None: every dialogue), from ``since`` on.

    Raises :class:`UnknownDialogue` for an id that names no dialogue.
    """
    k, zone = settings.min_group_size, settings.zone
    available = read_instruments(settings)
    async with db.read() as tx:
        if dialogue_ids is None:
            dialogues = await tx.dialogues.all()
        else:
            dialogues = []
            for dialogue_id in dialogue_ids:
                found = await tx.dialogues.get(dialogue_id)
                if found is None:
                    raise UnknownDialogue(dialogue_id)
                dialogues.append(found)
    total, done = len(dialogues) * STEPS_PER_DIALOGUE, 0

    def step(what: str, dialogue: Dialogue) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, f"{what}: {dialogue.name}")

    rows: dict[str, list[Row]] = {spec: [] for spec in (TRUST.name, PERCEPTION_GAP.name)}
    surveys: list[_Survey] = []
    for dialogue in dialogues:
        async with db.read() as tx:
            trends = await trends_in(tx, available, dialogue.id, k)
            waves = await tx.survey_waves.of_dialogue(dialogue.id)
        if trends is not None:
            days = {w.id: w.opened_at.astimezone(zone).date() for w in waves}
            instrument = available.instrument(trends.instrument_id)
            surveys.append(_Survey(dialogue, trends, instrument, days))
        step("trust surveys", dialogue)
    item_ids = item_columns(s.instrument for s in surveys)
    for s in surveys:
        rows[TRUST.name] += trust_rows(
            s.dialogue, s.trends, s.instrument, s.wave_days, item_ids, since
        )
        rows[PERCEPTION_GAP.name] += gap_rows(
            s.dialogue, s.trends, s.instrument, s.wave_days, since
        )
    for dialogue in dialogues:
        rows.setdefault(GRIEVANCES.name, []).extend(await _grievances(db, dialogue, since))
        step("grievances", dialogue)
        for record in await _rounds(db, dialogue, since, k):
            rows.setdefault(ROUNDS.name, []).append(round_row(dialogue, record))
            rows.setdefault(STATEMENTS.name, []).extend(statement_rows(dialogue, record, k))
        step("rounds", dialogue)
        async with db.read() as tx:
            items = await tx.exports.actions(dialogue.id, since)
        rows.setdefault(ACTIONS.name, []).extend(action_rows(dialogue, items))
        step("action items", dialogue)
    return assemble(
        k=k,
        generated_on=today,
        since=since,
        dialogues=dialogues,
        item_ids=item_ids,
        rows=rows,
    )


async def _grievances(db: Database, dialogue: Dialogue, since: date | None) -> list[Row]:
    async with db.read() as tx:
        catalogue = await catalogue_of(tx, dialogue.id)
        areas = await tx.grievance_areas.of_dialogue(dialogue.id, retired=True)
        found = await tx.exports.grievances(dialogue.id, since)
    return grievance_rows(dialogue, found, catalogue, area_names(catalogue, areas, "en"))


async def _rounds(
    db: Database, dialogue: Dialogue, since: date | None, k: int
) -> list[RoundRecord]:
    records = []
    async with db.read() as tx:
        for r, opened_on, closed_on in await tx.exports.rounds(dialogue.id, since):
            ordered = await tx.statements.in_voting_order(r.id)
            result = None
            if r.phase is Phase.CLOSED:
                tallies = await tx.votes.tallies(r.id)
                result = round_result(tallies, r.settings.roles, k, [s.id for s in ordered])
            records.append(RoundRecord(r, opened_on, closed_on, tuple(ordered), result))
    return records


# From the bot --------------------------------------------------------------------------------


async def dialogue(rt: Runtime, dialogue_id: int) -> Dialogue | None:
    """The dialogue a facilitator's export is of (None when it no longer exists)."""
    async with rt.db.read() as tx:
        return await tx.dialogues.get(dialogue_id)


@dataclass(frozen=True)
class Prepared:
    """An export collected on ``day``, ready to be written in a format."""

    book: Workbook
    day: date


async def prepare(rt: Runtime, scope: Dialogue | None) -> Prepared:
    """Everything of ``scope`` (None: every dialogue), as of today."""
    today = rt.today()
    book = await collect(rt.db, rt.settings, None if scope is None else [scope.id], today=today)
    return Prepared(book, today)


# File names ------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """ASCII letters and digits joined by dashes: "Maradi – Nord" → ``maradi-nord``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")


def export_name(dialogue: Dialogue | None, day: date, extension: str) -> str:
    """``palabre-<dialogue>-<day>.<extension>``; every dialogue: ``palabre-all-dialogues-…``."""
    if dialogue is None:
        stem = "all-dialogues"
    else:
        stem = slug(dialogue.name) or f"dialogue-{dialogue.id}"
    return f"palabre-{stem}-{day.isoformat()}.{extension}"
