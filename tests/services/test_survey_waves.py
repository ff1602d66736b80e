"""Starting a wave: who is invited, when their invitations go out, and the open wave."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from flows.notices import SurveyInvitation
from flows.roles import Role
from services import surveys
from services.runtime import Runtime
from tests.services.conftest import START, add_dialogue, queued


async def test_every_member_of_the_groups_asked_is_invited(rt: Runtime) -> None:
    place = await add_dialogue(rt, community=3, police=2, official=1)
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY, Role.POLICE))
    assert started is not None
    wave, invited = started
    assert invited == 5
    assert wave.opened_at == START and wave.closes_at == START + timedelta(hours=72)
    assert wave.schedule_id is None and not wave.closed
    everyone = place[Role.COMMUNITY] + place[Role.POLICE]
    assert await queued(rt) == [SurveyInvitation(p, wave.id) for p in everyone]
    assert await queued(rt, until=START) == [SurveyInvitation(p, wave.id) for p in everyone]
    assert await surveys.open_wave(rt, place.dialogue_id) == wave
    async with rt.db.read() as tx:
        assert await tx.survey_participation.progress(wave.id) == {
            Role.COMMUNITY: (3, 0),
            Role.POLICE: (2, 0),
        }


async def test_invitations_are_spread_over_the_minutes_set(rt: Runtime) -> None:
    rt.settings = replace(rt.settings, wave_spread_minutes=10)
    place = await add_dialogue(rt, community=4)
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY,))
    assert started is not None
    assert len(await queued(rt, until=START)) == 1
    assert len(await queued(rt, until=START + timedelta(minutes=5))) == 3
    assert len(await queued(rt, until=START + timedelta(minutes=10))) == 4


async def test_a_dialogue_without_members_opens_a_wave_that_invites_nobody(rt: Runtime) -> None:
    place = await add_dialogue(rt)
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY,))
    assert started is not None and started[1] == 0
    assert await queued(rt) == []
