"""Schedules: saved from a facilitator's text, listed and deleted per dialogue; due times start
their wave once, however often the alarm rings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from flows.roles import Role
from flows.surveys.cron import ScheduleError
from services import surveys
from services.runtime import Runtime
from tests.services.conftest import START, Clock, add_dialogue


async def test_a_schedule_is_saved_listed_and_fires_next_at_its_time(rt: Runtime) -> None:
    place = await add_dialogue(rt, community=2)
    schedule, at = await surveys.add_schedule(
        rt, place.dialogue_id, "weekly wed 10:00", (Role.COMMUNITY,)
    )
    assert schedule.spec == "weekly wed 10:00"
    assert schedule.roles == (Role.COMMUNITY,) and schedule.instrument == "jsd_trust_v1"
    assert at == START.replace(hour=10) + timedelta(days=2)  # the Wednesday after
    assert await surveys.schedules_of(rt, place.dialogue_id) == [(schedule, at)]
    assert await surveys.next_alarms(rt) == [(schedule.id, at)]


async def test_a_text_that_is_no_schedule_saves_nothing(rt: Runtime) -> None:
    place = await add_dialogue(rt)
    with pytest.raises(ScheduleError):
        await surveys.add_schedule(rt, place.dialogue_id, "sometimes", (Role.COMMUNITY,))
    assert await surveys.schedules_of(rt, place.dialogue_id) == []


async def test_only_the_dialogue_s_own_schedule_can_be_deleted(rt: Runtime) -> None:
    maradi = await add_dialogue(rt, "Maradi")
    zinder = await add_dialogue(rt, "Zinder")
    schedule, _ = await surveys.add_schedule(rt, maradi.dialogue_id, "weekly mon 09:00", ())
    assert not await surveys.delete_schedule(rt, zinder.dialogue_id, schedule.id)
    assert not await surveys.delete_schedule(rt, maradi.dialogue_id, "ffffffffff")
    assert await surveys.delete_schedule(rt, maradi.dialogue_id, schedule.id)
    assert not await surveys.delete_schedule(rt, maradi.dialogue_id, schedule.id)
    assert await surveys.next_alarms(rt) == []


async def test_a_due_time_starts_its_wave_once(rt: Runtime, clock: Clock) -> None:
    place = await add_dialogue(rt, community=3, police=1)
    schedule, at = await surveys.add_schedule(
        rt, place.dialogue_id, "weekly tue 09:00", (Role.COMMUNITY,)
    )
    assert await surveys.start_due(rt) == []
    clock.moment = at + timedelta(minutes=1)
    (wave,) = await surveys.start_due(rt)
    assert wave.schedule_id == schedule.id and wave.due_at == at
    assert wave.roles == (Role.COMMUNITY,)
    assert await surveys.start_due(rt) == []  # the alarm again, or the tick: nothing more
    # Down for two weeks: one wave, for the latest due time only.
    clock.advance(days=14)
    (late,) = await surveys.start_due(rt)
    assert late.due_at == at + timedelta(days=14)
