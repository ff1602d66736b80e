"""Rows of each sheet, built from what the domain already computed.

Nothing here decides what may be shown: trust figures come from
:func:`flows.surveys.trends.dialogue_trends` and round figures from
:func:`flows.rounds.results.round_result`, which apply the k rule; a figure they withhold is
written as ``suppressed (<k)`` (or ``not released (wave open)``), never recomputed. Every value
passes through :func:`flows.exports.cells.cell`, so no text can start a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from flows.dialogues import Dialogue
from flows.exports.cells import CellValue, cell
from flows.exports.sheets import (
    ITEM_PREFIX,
    NOT_RELEASED,
    ROLE_COLUMNS,
    STATEMENTS,
    TRUST_TRENDS,
    suppressed,
)
from flows.grievances.categories import Catalogue
from flows.grievances.records import Grievance
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.actions import ActionItem
from flows.rounds.lifecycle import Phase, Round
from flows.rounds.results import RoundResult, StatementResult
from flows.rounds.statements import Statement
from flows.rounds.templates import load_templates
from flows.surveys.items import Instrument
from flows.surveys.trends import DialogueTrends, GroupResult, IndexKind, WaveResult

Row = tuple[CellValue, ...]


def _row(*values: object) -> Row:
    return tuple(cell(v) for v in values)


def _after(day: date | None, since: date | None) -> bool:
    return since is None or (day is not None and day >= since)


# Trust surveys ---------------------------------------------------------------------------------


def item_columns(instruments: Iterable[Instrument]) -> tuple[str, ...]:
    """The item ids that get a column, in instrument order, each once (open questions none)."""
    ids: dict[str, None] = {}
    for instrument in instruments:
        ids.update((i.id, None) for i in instrument.items if not i.is_text)
    return tuple(ids)


def trust_headers(item_ids: Sequence[str]) -> tuple[str, ...]:
    return (*TRUST_TRENDS.headers[:-1], *(ITEM_PREFIX + i for i in item_ids))


def _withheld(wave: WaveResult, k: int) -> str:
    return suppressed(k) if wave.closed else NOT_RELEASED


def trust_rows(
    dialogue: Dialogue,
    trends: DialogueTrends,
    instrument: Instrument,
    wave_days: Mapping[str, date],
    item_ids: Sequence[str],
    since: date | None = None,
) -> list[Row]:
    rows = []
    for wave in trends.waves:
        day = wave_days.get(wave.wave_id)
        if not _after(day, since):
            continue
        for group in wave.groups:
            rows.append(_trust_row(dialogue, trends, instrument, wave, day, group, item_ids))
    return rows


def _trust_row(
    dialogue: Dialogue,
    trends: DialogueTrends,
    instrument: Instrument,
    wave: WaveResult,
    day: date | None,
    group: GroupResult,
    item_ids: Sequence[str],
) -> Row:
    hidden = _withheld(wave, trends.k)
    index = group.index
    uncertain: object = ", ".join(group.uncertain_items) if group.shown else hidden
    if index is not None:
        found: tuple[object, ...] = (index.n, index.mean, index.low, index.high)
        found += (group.index_change,)
    elif group.shown:  # shown, but fewer than k respondents answered an index item
        found = (hidden,) * 4 + (None,)
    else:
        found = (hidden,) * 5
    # The community's own trust and the others' estimate of it never share a column.
    empty = (None,) * len(found)
    own = group.index_kind is IndexKind.OWN
    figures = (*(found if own else empty), *(empty if own else found), uncertain)
    asked = {i.id for i in instrument.items_for(group.role) if not i.is_text}
    means: list[object] = []
    for item_id in item_ids:
        result = group.item(item_id)
        if item_id not in asked:
            means.append(None)
        elif result is None or result.mean is None:
            means.append(hidden)
        else:
            means.append(result.mean.mean)
    return _row(
        dialogue.id,
        dialogue.name,
        trends.instrument_id,
        wave.wave_id,
        day,
        "closed" if wave.closed else "open",
        group.role.value,
        group.invited,
        group.blocked,
        group.answered,
        group.response_rate,
        *figures,
        *means,
    )


def gap_rows(
    dialogue: Dialogue,
    trends: DialogueTrends,
    instrument: Instrument,
    wave_days: Mapping[str, date],
    since: date | None = None,
) -> list[Row]:
    """Every mirrored item and estimating group present in a wave: the gap, or why not."""
    rows = []
    for wave in trends.waves:
        day = wave_days.get(wave.wave_id)
        if not _after(day, since) or wave.group(Role.COMMUNITY) is None:
            continue
        gaps = {(g.item_id, g.mirror_id, g.role): g for g in wave.gaps}
        for target, mirror in instrument.mirror_pairs():
            for role in mirror.roles:
                if wave.group(role) is None:
                    continue
                gap = gaps.get((target.id, mirror.id, role))
                interval = gap.interval if gap is not None else None
                figures: tuple[object, ...] = (
                    (
                        gap.community,
                        gap.estimate,
                        gap.gap,
                        interval.low if interval else None,
                        interval.high if interval else None,
                    )
                    if gap is not None
                    else (_withheld(wave, trends.k),) * 5
                )
                rows.append(
                    _row(
                        dialogue.id,
                        dialogue.name,
                        trends.instrument_id,
                        wave.wave_id,
                        day,
                        target.id,
                        mirror.id,
                        role.value,
                        *figures,
                    )
                )
    return rows


# Grievances ------------------------------------------------------------------------------------


def grievance_rows(
    dialogue: Dialogue,
    grievances: Iterable[Grievance],
    catalogue: Catalogue,
    area_names: Mapping[str, str],
) -> list[Row]:
    rows = []
    for g in grievances:
        category = catalogue.category(g.category)
        rows.append(
            _row(
                dialogue.id,
                dialogue.name,
                g.filed_on,
                g.category,
                category.label("en") if category else None,
                g.category in catalogue.confidential_ids,
                area_names.get(g.area, g.area),
                g.happened,
                g.status.value,
                g.on_agenda,
                g.description,
                g.reply,
            )
        )
    return rows


# Rounds ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundRecord:
    """A round as exported: its days, its statements in voting order and, once closed, the
    result the domain computed from its tallies."""

    round: Round
    opened_on: date
    closed_on: date | None
    statements: tuple[Statement, ...]
    result: RoundResult | None


def question(r: Round) -> str:
    """The template's English title, or the facilitator's question in its original language."""
    if r.template_id is not None:
        template = load_templates().get(r.template_id)
        return template.title.get("en", r.template_id) if template else r.template_id
    return r.custom_prompt[0][1] if r.custom_prompt else ""


def round_row(dialogue: Dialogue, record: RoundRecord) -> Row:
    r, result = record.round, record.result
    counts: tuple[object, ...] = (None,) * 4
    if result is not None and r.phase is Phase.CLOSED:
        counts = (
            len(result.common_ground),
            len(result.partial_ground),
            len(result.divides),
            len(result.uncertainty),
        )
    return _row(
        dialogue.id,
        dialogue.name,
        r.id,
        record.opened_on,
        record.closed_on,
        r.phase.value,
        r.template_id,
        question(r),
        ", ".join(role.value for role in r.settings.roles),
        r.settings.moderation,
        len(record.statements),
        *counts,
    )


def statement_headers() -> tuple[str, ...]:
    headers = STATEMENTS.headers
    at = headers.index(next(h for h in headers if h.startswith("<group>")))
    per_role = tuple(f"{role.value}_{c}" for role in STAKEHOLDER_ROLES for c in ROLE_COLUMNS)
    return (*headers[:at], *per_role, *headers[at + 1 :])


def statement_rows(dialogue: Dialogue, record: RoundRecord, k: int) -> list[Row]:
    """Statements of a closed round with their votes by group; none before it closes."""
    if record.result is None or record.round.phase is not Phase.CLOSED:
        return []
    by_id = {row.statement_id: row for row in record.result.statements}
    rows = []
    for position, statement in enumerate(record.statements, start=1):
        found = by_id.get(statement.id)
        if found is None:
            continue
        rows.append(_statement_row(dialogue, record, position, statement, found, k))
    return rows


def _statement_row(
    dialogue: Dialogue,
    record: RoundRecord,
    position: int,
    statement: Statement,
    result: StatementResult,
    k: int,
) -> Row:
    per_role: list[object] = []
    for role in STAKEHOLDER_ROLES:
        tally = result.shown.get(role)
        if tally is not None:
            per_role += [tally.votes, tally.agrees, tally.disagrees, tally.passes]
            per_role.append(tally.agree_rate)
        elif role in result.hidden:
            per_role += [suppressed(k)] * len(ROLE_COLUMNS)
        else:
            per_role += [None] * len(ROLE_COLUMNS)
    divide = result.divide
    return _row(
        dialogue.id,
        dialogue.name,
        record.round.id,
        record.closed_on,
        position,
        statement.author_role.value if statement.author_role else None,
        statement.language if statement.language_named else None,
        statement.text,
        *per_role,
        None if result.partial else result.consensus,
        result.consensus if result.partial else None,
        result.ground.value,
        divide.gap if divide else None,
        divide.higher.value if divide else None,
        divide.lower.value if divide else None,
        ", ".join(role.value for role in result.passed),
        result.uncertain,
    )


# Action items ----------------------------------------------------------------------------------


def action_rows(dialogue: Dialogue, items: Iterable[tuple[ActionItem, date]]) -> list[Row]:
    """Action items with the day each was added."""
    return [
        _row(
            dialogue.id,
            dialogue.name,
            created_on,
            item.text,
            item.owner.value,
            item.due_on,
            item.status.value,
            item.checked_on,
        )
        for item, created_on in items
    ]
