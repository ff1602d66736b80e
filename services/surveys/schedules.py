"""Survey schedules: saved from a facilitator's text, listed with when each fires next, deleted;
and the JobQueue's alarms, one per schedule."""

from __future__ import annotations

from datetime import datetime

from flows.roles import Role
from flows.surveys.instruments import DEFAULT_INSTRUMENT
from flows.surveys.records import Schedule
from flows.surveys.schedules import next_fire, parse_schedule
from services.runtime import Runtime


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
    """Delete one of the dialogue's schedules; False when it has no such schedule."""
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
