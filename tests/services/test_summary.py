"""/summary's gathering without Telegram: where a dialogue stands, from the use cases that
already apply the k rule."""

from __future__ import annotations

from flows.roles import Role
from services import summary, surveys
from services.runtime import Runtime
from tests.services.conftest import START, Clock, add_dialogue
from tests.services.test_survey_closing import _answer


async def test_no_dialogue_no_summary(rt: Runtime) -> None:
    assert await summary.gather(rt, 999) is None


async def test_a_new_dialogue_has_members_and_nothing_else_yet(rt: Runtime) -> None:
    place = await add_dialogue(rt, community=3, police=2)
    found = await summary.gather(rt, place.dialogue_id)
    assert found is not None
    assert found.dialogue.name == "Maradi" and found.today == START.date()
    assert found.members == {Role.COMMUNITY: 3, Role.POLICE: 2}
    assert found.round is None and found.actions == [] and found.trends is None
    assert found.waves == {}


async def test_the_latest_survey_is_in_the_summary(rt: Runtime, clock: Clock) -> None:
    place = await add_dialogue(rt, community=3)
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY,))
    assert started is not None
    wave = started[0]
    for person in place[Role.COMMUNITY]:
        await _answer(rt, wave.id, person)
    clock.advance(hours=72)
    await surveys.remind_and_close(rt)
    found = await summary.gather(rt, place.dialogue_id)
    assert found is not None and found.trends is not None
    assert list(found.waves) == [wave.id] and found.waves[wave.id].closed
    (result,) = found.trends.waves
    assert result.closed and result.groups[0].shown
