"""Starting survey waves: at once (/surveynow) or when a schedule falls due."""

from __future__ import annotations

from datetime import datetime, timedelta

from flows.notices import SurveyInvitation
from flows.roles import Role
from flows.surveys.instruments import DEFAULT_INSTRUMENT
from flows.surveys.opening import asked_roles, invitations, invited_counts, new_wave
from flows.surveys.records import Schedule, Wave
from flows.surveys.schedules import missed_fire, parse_schedule
from services.runtime import Runtime
from services.surveys.instruments import instrument, wave_settings
from storage.repositories import Transaction


async def start_wave(
    rt: Runtime,
    dialogue_id: int,
    roles: tuple[Role, ...],
    *,
    schedule: Schedule | None = None,
    due: datetime | None = None,
) -> tuple[Wave, int] | None:
    """Open a wave and queue its invitations; None when this due time already has its wave.

    Returns the wave and how many people were invited.
    """
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
    wave = new_wave(
        rt.random_bytes(5).hex(),
        dialogue_id,
        roles,
        DEFAULT_INSTRUMENT,
        wave_settings(rt),
        now,
        schedule=schedule,
        due=due,
    )
    if schedule is not None and due is not None:
        await tx.survey_schedules.fired(schedule.id, due)
    if not await tx.survey_waves.add(wave):
        return None
    asked = instrument(rt, wave.instrument)
    members = {
        role: [person.id for person in await tx.people.members(dialogue_id, (role,))]
        for role in asked_roles(wave, asked)
    }
    spread = timedelta(minutes=rt.settings.wave_spread_minutes)
    invited = invitations(wave, asked, members, spread)
    await tx.survey_waves.invited(wave.id, invited_counts(invited))
    for invitation in invited:
        await tx.survey_participation.invite(wave.id, invitation.person_id, invitation.role)
        await tx.outbox.enqueue(SurveyInvitation(invitation.person_id, wave.id), invitation.at)
    return wave, len(invited)


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
    """The dialogue's wave still open, if any."""
    async with rt.db.read() as tx:
        waves = await tx.survey_waves.of_dialogue(dialogue_id)
    return next((w for w in reversed(waves) if not w.closed), None)
