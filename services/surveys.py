"""Use cases of trust surveys: schedules, waves, answering, reminders, closing, trends.

The database is the source of truth: a schedule stores when it last fired, and
:func:`start_due` (run at start-up, by each schedule's JobQueue alarm and by the regular tick)
starts the wave of the latest due time it has not started, once — the waves table refuses a
second wave for the same schedule and due time. Invitations and reminders go through the
outbox, spread over ``PALABRE_WAVE_SPREAD_MINUTES`` and paced by the rate limiter.

Anonymity: who takes part in an open wave (and their half-finished answers) sits in
``survey_participation`` only until the wave closes. A finished survey is written at once,
without any link to the person, the day only, under a random key; the participation row keeps
only "finished". Open answers are held in this process's memory until the survey is finished,
then stored apart from the other answers; after a restart the open question is asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flows.conversations import Conversation
from flows.notices import SurveyInvitation, SurveyReminder
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.surveys.instruments import (
    DEFAULT_INSTRUMENT,
    InstrumentSet,
    load_instruments,
    shipped_instruments,
)
from flows.surveys.items import Instrument, Item
from flows.surveys.records import Schedule, Wave
from flows.surveys.schedules import missed_fire, next_fire, parse_schedule
from flows.surveys.session import Refusal, SurveySession
from flows.surveys.trends import DialogueTrends, RoleWave, WaveInput, dialogue_trends
from flows.surveys.waves import WaveSettings
from services.runtime import Runtime
from storage.repositories import Transaction
from storage.repositories.surveys import Participation

FLOW = "survey"


def instruments(rt: Runtime) -> InstrumentSet:
    """The shipped instruments, with the deployment's own file on top (PALABRE_INSTRUMENTS)."""
    found = rt.instrument_set
    if found is None:
        path = rt.settings.instruments_file
        found = load_instruments(path) if path else shipped_instruments()
        rt.instrument_set = found
    return found


def instrument(rt: Runtime, instrument_id: str) -> Instrument:
    return instruments(rt).instrument(instrument_id)


def wave_settings(rt: Runtime) -> WaveSettings:
    return WaveSettings(
        timedelta(hours=rt.settings.wave_hours),
        tuple(timedelta(hours=h) for h in rt.settings.reminder_hours),
    )


# Schedules -------------------------------------------------------------------------------------


async def add_schedule(
    rt: Runtime, dialogue_id: int, text: str, roles: tuple[Role, ...]
) -> tuple[Schedule, datetime]:
    """Save a schedule from a facilitator's text (ScheduleError when it is not one)."""
    spec = parse_schedule(text, today=rt.today())
    now = rt.now()
    schedule = Schedule(
        rt.random_bytes(5).hex(), dialogue_id, spec.to_text(), roles, DEFAULT_INSTRUMENT, now
    )
    async with rt.db.transaction() as tx:
        await tx.survey_schedules.add(schedule, now)
    return schedule, next_fire(spec, now, rt.settings.zone)


async def delete_schedule(rt: Runtime, dialogue_id: int, schedule_id: str) -> bool:
    async with rt.db.transaction() as tx:
        found = await tx.survey_schedules.get(schedule_id)
        if found is None or found.dialogue_id != dialogue_id:
            return False
        return await tx.survey_schedules.delete(schedule_id)


async def schedules_of(rt: Runtime, dialogue_id: int) -> list[tuple[Schedule, datetime]]:
    """The dialogue's schedules with the next time each fires."""
    async with rt.db.read() as tx:
        found = await tx.survey_schedules.of_dialogue(dialogue_id)
    now, zone = rt.now(), rt.settings.zone
    return [(s, next_fire(parse_schedule(s.spec), now, zone)) for s in found]


async def next_alarms(rt: Runtime) -> list[tuple[str, datetime]]:
    """When each schedule fires next: the JobQueue's alarms."""
    async with rt.db.read() as tx:
        found = await tx.survey_schedules.all()
    now, zone = rt.now(), rt.settings.zone
    return [(s.id, next_fire(parse_schedule(s.spec), now, zone)) for s in found]


# Waves -----------------------------------------------------------------------------------------


async def start_wave(
    rt: Runtime,
    dialogue_id: int,
    roles: tuple[Role, ...],
    *,
    schedule: Schedule | None = None,
    due: datetime | None = None,
) -> tuple[Wave, int] | None:
    """Open a wave and queue its invitations; None when this due time already has its wave."""
    async with rt.db.transaction() as tx:
        return await _start(rt, tx, dialogue_id, roles, schedule, due)


async def _start(
    rt: Runtime,
    tx: Transaction,
    dialogue_id: int,
    roles: tuple[Role, ...],
    schedule: Schedule | None,
    due: datetime | None,
) -> tuple[Wave, int] | None:
    now = rt.now()
    settings = wave_settings(rt)
    wave = Wave(
        rt.random_bytes(5).hex(),
        dialogue_id,
        schedule.id if schedule else None,
        due or now,
        schedule.instrument if schedule else DEFAULT_INSTRUMENT,
        roles,
        now,
        settings.closes_at(now),
    )
    if schedule is not None and due is not None:
        await tx.survey_schedules.fired(schedule.id, due)
    if not await tx.survey_waves.add(wave):
        return None
    asked = instrument(rt, wave.instrument)
    people = [
        (person, role)
        for role in roles
        if asked.items_for(role)
        for person in await tx.people.members(dialogue_id, (role,))
    ]
    invited: dict[Role, int] = {}
    for _person, role in people:
        invited[role] = invited.get(role, 0) + 1
    await tx.survey_waves.invited(wave.id, invited)
    spread = timedelta(minutes=rt.settings.wave_spread_minutes)
    for n, (person, role) in enumerate(people):
        await tx.survey_participation.invite(wave.id, person.id, role)
        at = now + (spread * n / len(people) if people else timedelta(0))
        await tx.outbox.enqueue(SurveyInvitation(person.id, wave.id), at)
    return wave, len(people)


async def start_due(rt: Runtime) -> list[Wave]:
    """Start the wave of every schedule that fell due since it last fired (the latest only)."""
    started = []
    now, zone = rt.now(), rt.settings.zone
    async with rt.db.transaction() as tx:
        for schedule in await tx.survey_schedules.all():
            due = missed_fire(parse_schedule(schedule.spec), schedule.last_fired, now, zone)
            if due is None:
                continue
            opened = await _start(rt, tx, schedule.dialogue_id, schedule.roles, schedule, due)
            if opened is not None:
                started.append(opened[0])
    return started


async def open_wave(rt: Runtime, dialogue_id: int) -> Wave | None:
    async with rt.db.read() as tx:
        waves = await tx.survey_waves.of_dialogue(dialogue_id)
    return next((w for w in reversed(waves) if not w.closed), None)


# Answering -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Asked:
    """The question to show now."""

    wave: Wave
    session: SurveySession
    item: Item
    refusal: Refusal | None = None


@dataclass(frozen=True)
class Finished:
    wave: Wave


@dataclass(frozen=True)
class Unavailable:
    """``reason``: closed (the wave is over), done (already answered), absent (not invited)."""

    reason: str
    wave: Wave | None = None


Answer = tuple[str, str | None]  # ("choice", id) | ("skip", None) | ("text", text)
Result = Asked | Finished | Unavailable


def _texts(rt: Runtime) -> dict[tuple[str, int], dict[str, str]]:
    return rt.open_answers


def _session(rt: Runtime, wave: Wave, part: Participation) -> SurveySession:
    asked = instrument(rt, wave.instrument)
    session = None
    if part.state is not None:
        state = dict(part.state)
        texts = _texts(rt).get((wave.id, part.person_id), {})
        state["answers"] = {**state.get("answers", {}), **texts}
        try:
            session = SurveySession.from_dict(state, {asked.id: asked})
        except ValueError:
            session = None
    return session or SurveySession.start(asked, part.role, wave.id)


async def _load(rt: Runtime, tx: Transaction, wave_id: str, person_id: int):
    wave = await tx.survey_waves.get(wave_id)
    if wave is None:
        return Unavailable("absent"), None
    if wave.closed or not wave_settings(rt).is_open(wave.opened_at, rt.now()):
        return Unavailable("closed", wave), None
    part = await tx.survey_participation.get(wave_id, person_id)
    if part is None:
        return Unavailable("absent", wave), None
    if part.finished:
        return Unavailable("done", wave), None
    return wave, part


async def current(rt: Runtime, wave_id: str, person_id: int) -> Result:
    """Where the person stands in a wave: the question to ask, or why there is none."""
    async with rt.db.read() as tx:
        wave, part = await _load(rt, tx, wave_id, person_id)
    if isinstance(wave, Unavailable):
        return wave
    session = _session(rt, wave, part)
    item = session.current_item
    if item is None:  # every answer given but not stored: cannot happen, ask the last again
        session = SurveySession.start(session.instrument, session.role, wave.id)
        item = session.current_item
    assert item is not None
    return Asked(wave, session, item)


async def respond(
    rt: Runtime,
    wave_id: str,
    person_id: int,
    position: int,
    answer: Answer,
    shown_on: int | None = None,
) -> Result:
    """Record one answer (a press or a typed text) to the question at ``position``.

    ``shown_on``: the message the next question will be shown on, kept while an open question
    waits for typed text, so that its Skip button can be taken off once the text arrives.
    """
    async with rt.db.transaction() as tx:
        wave, part = await _load(rt, tx, wave_id, person_id)
        if isinstance(wave, Unavailable):
            return wave
        session = _session(rt, wave, part)
        if position != session.position or session.current_item is None:
            item = session.current_item
            assert item is not None
            return Asked(wave, session, item, Refusal.STALE)
        item_id = session.item_ids[position]
        kind, value = answer
        if kind == "skip":
            outcome = session.skip(item_id=item_id)
        elif kind == "text":
            outcome = session.answer_text(value or "", item_id=item_id)
        else:
            outcome = session.answer(value or "", item_id=item_id)
        moved = outcome.session
        if not outcome.accepted:
            assert moved.current_item is not None
            return Asked(wave, moved, moved.current_item, outcome.refusal)
        if moved.is_complete:
            await _store(rt, tx, wave, part.role, moved)
            await tx.survey_participation.finish(wave.id, person_id)
            await _leave_text_step(tx, person_id)
            _texts(rt).pop((wave.id, person_id), None)
            return Finished(wave)
        await tx.survey_participation.save(wave.id, person_id, moved.to_dict())
        texts = moved.open_texts()
        if texts:
            _texts(rt)[(wave.id, person_id)] = texts
        nxt = moved.current_item
        assert nxt is not None
        if nxt.is_text:
            step = {"wave": wave.id, "message": shown_on}
            await tx.conversations.put(person_id, Conversation(FLOW, "text", step), rt.now())
        elif session.current_item is not None and session.current_item.is_text:
            await _leave_text_step(tx, person_id)  # the open question was just answered
        return Asked(wave, moved, nxt)


async def _leave_text_step(tx: Transaction, person_id: int) -> None:
    await tx.conversations.clear_flow(person_id, FLOW)


async def _store(
    rt: Runtime, tx: Transaction, wave: Wave, role: Role, session: SurveySession
) -> None:
    day = rt.today()
    await tx.survey_responses.add(rt.random_bytes(16).hex(), wave.id, role, day, session.record())
    for item_id, text in session.open_texts().items():
        await tx.survey_responses.add_open_answer(
            rt.random_bytes(16).hex(), wave.id, role, item_id, text
        )


# Reminders and closing -------------------------------------------------------------------------


async def remind_and_close(rt: Runtime) -> tuple[int, int]:
    """Queue due reminders to those who have not finished; close waves whose time is up.

    Returns (reminders queued, waves closed).
    """
    now, settings = rt.now(), wave_settings(rt)
    reminded = closed = 0
    async with rt.db.transaction() as tx:
        for wave in await tx.survey_waves.open_waves():
            if not settings.is_open(wave.opened_at, now):
                await _close(rt, tx, wave)
                closed += 1
                continue
            number = settings.reminder_due(wave.opened_at, wave.reminders_sent, now)
            if number is None:
                continue
            for part in await tx.survey_participation.of_wave(wave.id):
                if part.finished or not part.active:
                    continue
                reminded += await tx.outbox.enqueue(
                    SurveyReminder(part.person_id, wave.id, number), now
                )
            await tx.survey_waves.reminded(wave.id, number + 1)
    return reminded, closed


async def _close(rt: Runtime, tx: Transaction, wave: Wave) -> None:
    """Keep the half-finished surveys that are complete enough, freeze the counts, and forget
    who took part."""
    asked = instrument(rt, wave.instrument)
    invited: dict[Role, int] = {}
    blocked: dict[Role, int] = {}
    for part in await tx.survey_participation.of_wave(wave.id):
        invited[part.role] = invited.get(part.role, 0) + 1
        if part.finished:
            continue
        session = _session(rt, wave, part) if part.state is not None else None
        if session is not None and session.complete_enough:
            await _store(rt, tx, wave, part.role, session)
        elif not part.active:
            blocked[part.role] = blocked.get(part.role, 0) + 1
        _texts(rt).pop((wave.id, part.person_id), None)
        await _leave_text_step(tx, part.person_id)
    answered = await tx.survey_responses.count(wave.id)
    counts = {}
    for role in (r for r in wave.roles if asked.items_for(r)):
        done, gone = answered.get(role, 0), blocked.get(role, 0)
        # The count stored at the start wins over the rows left (see invited()).
        counts[role] = (max(invited.get(role, 0), done + gone), gone, done)
    await tx.survey_participation.forget_wave(wave.id)
    await tx.survey_waves.close(wave.id, counts)


# Trends ----------------------------------------------------------------------------------------


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


def stakeholder_roles() -> tuple[Role, ...]:
    return tuple(STAKEHOLDER_ROLES)
