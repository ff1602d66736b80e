"""What facilitators and program staff read of the surveys: /survey's report and the charts'
data, with the k rule applied."""

from __future__ import annotations

from flows.roles import Role
from services import surveys
from services.runtime import Runtime
from tests.services.conftest import START, Clock, add_dialogue
from tests.services.test_survey_closing import _answer


async def _closed_wave(rt: Runtime, clock: Clock, name: str, community: int) -> int:
    place = await add_dialogue(rt, name, community=community, police=1)
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY, Role.POLICE))
    assert started is not None
    for person in place[Role.COMMUNITY] + place[Role.POLICE]:
        await _answer(rt, started[0].id, person)
    clock.advance(hours=72)
    await surveys.remind_and_close(rt)
    return place.dialogue_id


async def test_no_survey_yet_means_no_report_and_no_charts(rt: Runtime) -> None:
    place = await add_dialogue(rt, community=3)
    assert await surveys.trends(rt, place.dialogue_id) is None
    assert await surveys.report(rt, place.dialogue_id) is None
    assert await surveys.dialogue_charts(rt, place.dialogue_id) is None
    assert await surveys.dialogue_charts(rt, 999) is None
    assert await surveys.program_charts(rt) == []


async def test_an_open_wave_reports_counts_only(rt: Runtime) -> None:
    place = await add_dialogue(rt, community=3)
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY,))
    assert started is not None
    await _answer(rt, started[0].id, place[Role.COMMUNITY][0])
    report = await surveys.report(rt, place.dialogue_id)
    assert report is not None and report.instrument.id == report.trends.instrument_id
    (wave,) = report.trends.waves
    assert not wave.closed and list(report.waves) == [wave.wave_id]
    (group,) = wave.groups
    assert (group.role, group.invited, group.answered) == (Role.COMMUNITY, 3, 1)
    assert not group.shown and group.index is None


async def test_a_closed_wave_shows_groups_of_k_and_hides_smaller_ones(
    rt: Runtime, clock: Clock
) -> None:
    dialogue = await _closed_wave(rt, clock, "Maradi", community=3)
    report = await surveys.report(rt, dialogue)
    assert report is not None
    (wave,) = report.trends.waves
    community, police = wave.groups
    assert community.role is Role.COMMUNITY and community.shown
    assert community.index is not None
    assert police.role is Role.POLICE and not police.shown and police.index is None
    charts = await surveys.dialogue_charts(rt, dialogue)
    assert charts is not None and charts.name == "Maradi"
    assert charts.opened == {wave.wave_id: START}
    assert charts.trends == report.trends


async def test_program_staff_get_every_dialogue_that_surveyed(rt: Runtime, clock: Clock) -> None:
    await _closed_wave(rt, clock, "Maradi", community=3)
    await add_dialogue(rt, "Tahoua", community=2)  # never surveyed: not a site
    await _closed_wave(rt, clock, "Zinder", community=4)
    sites = await surveys.program_charts(rt)
    assert [s.name for s in sites] == ["Maradi", "Zinder"]
    assert all(len(s.opened) == 1 and s.trends.waves[0].closed for s in sites)
