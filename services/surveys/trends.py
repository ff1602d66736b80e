"""What facilitators and program staff read of the surveys: the trends of a dialogue's waves
(with what may be shown of each, the k rule applied by :mod:`flows.surveys.trends`), for
/survey, /trends and the exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flows.roles import STAKEHOLDER_ROLES
from flows.surveys.instruments import InstrumentSet
from flows.surveys.items import Instrument
from flows.surveys.records import Wave
from flows.surveys.trends import DialogueTrends, RoleWave, Site, WaveInput, dialogue_trends
from services.runtime import Runtime
from services.surveys.instruments import instruments
from storage.repositories import Transaction


async def trends(rt: Runtime, dialogue_id: int) -> DialogueTrends | None:
    """Every wave of the dialogue's current instrument, with what may be shown of each."""
    async with rt.db.read() as tx:
        return await trends_in(tx, instruments(rt), dialogue_id, rt.settings.min_group_size)


async def trends_in(
    tx: Transaction, available: InstrumentSet, dialogue_id: int, k: int
) -> DialogueTrends | None:
    """:func:`trends` on an open unit of work (the exports use it without a bot)."""
    waves = await tx.survey_waves.of_dialogue(dialogue_id)
    if not waves:
        return None
    instrument_id = waves[-1].instrument
    order = {role: n for n, role in enumerate(STAKEHOLDER_ROLES)}
    inputs = []
    for wave in (w for w in waves if w.instrument == instrument_id):
        if wave.closed:
            counts = await tx.survey_waves.counts(wave.id)
            records = await tx.survey_responses.of_wave(wave.id)
            roles = tuple(
                RoleWave(role, invited, blocked, answered, tuple(records.get(role, ())))
                for role, (invited, blocked, answered) in counts.items()
            )
        else:
            progress = await tx.survey_participation.progress(wave.id)
            roles = tuple(
                RoleWave(role, invited, 0, finished)
                for role, (invited, finished) in progress.items()
            )
        roles = tuple(sorted((r for r in roles if r.invited), key=lambda r: order[r.role]))
        inputs.append(WaveInput(wave.id, wave.closed, roles))
    return dialogue_trends(str(dialogue_id), available.instrument(instrument_id), inputs, k=k)


@dataclass(frozen=True)
class SurveyReport:
    """/survey: the dialogue's trends, the instrument they are of, and its waves by id."""

    trends: DialogueTrends
    instrument: Instrument
    waves: dict[str, Wave]


async def report(rt: Runtime, dialogue_id: int) -> SurveyReport | None:
    """The dialogue's survey results; None when no survey was sent in it yet."""
    found = await trends(rt, dialogue_id)
    if found is None or not found.waves:
        return None
    async with rt.db.read() as tx:
        waves = {w.id: w for w in await tx.survey_waves.of_dialogue(dialogue_id)}
    return SurveyReport(found, instruments(rt).instrument(found.instrument_id), waves)


@dataclass(frozen=True)
class DialogueCharts:
    """What a dialogue's charts are drawn from."""

    name: str
    trends: DialogueTrends
    instrument: Instrument
    #: When each wave opened, in local time.
    opened: dict[str, datetime]


async def _opened(rt: Runtime, tx: Transaction, dialogue_id: int) -> dict[str, datetime]:
    zone = rt.settings.zone
    waves = await tx.survey_waves.of_dialogue(dialogue_id)
    return {w.id: w.opened_at.astimezone(zone) for w in waves}


async def dialogue_charts(rt: Runtime, dialogue_id: int) -> DialogueCharts | None:
    """The dialogue's trends to chart; None when it has no survey (or no such dialogue)."""
    k = rt.settings.min_group_size
    async with rt.db.read() as tx:
        found = await trends_in(tx, instruments(rt), dialogue_id, k)
        opened = await _opened(rt, tx, dialogue_id)
        dialogue = await tx.dialogues.get(dialogue_id)
    if found is None or dialogue is None:
        return None
    asked = instruments(rt).instrument(found.instrument_id)
    return DialogueCharts(dialogue.name, found, asked, opened)


async def program_charts(rt: Runtime) -> list[Site]:
    """Every dialogue that has sent a survey, for program staff's charts."""
    k = rt.settings.min_group_size
    sites = []
    async with rt.db.read() as tx:
        for dialogue in await tx.dialogues.all():
            found = await trends_in(tx, instruments(rt), dialogue.id, k)
            if found is not None:
                sites.append(Site(dialogue.name, found, await _opened(rt, tx, dialogue.id)))
    return sites
