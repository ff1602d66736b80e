"""Early warnings from the use case: recorded once a day, queued to every facilitator, shown
with names when sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from flows.grievances.early_warning import AlertReason
from flows.notices import GrievanceAlert
from services import grievances
from services.runtime import Runtime
from tests.services.grievances.conftest import Clock, Site
from tests.services.grievances.helpers import file


async def _queued(rt: Runtime) -> list[GrievanceAlert]:
    async with rt.db.read() as tx:
        due = await tx.outbox.due(rt.now() + timedelta(days=30), 100)
    return [item.notice for item in due if isinstance(item.notice, GrievanceAlert)]


async def test_an_urgent_report_alerts_the_facilitators_once(
    rt: Runtime, site: Site, clock: Clock
) -> None:
    await grievances.ask_areas(rt, site.facilitator.id, site.dialogue_id)
    (place,) = await grievances.add_areas(rt, site.facilitator.id, site.dialogue_id, "Tahoua")
    await file(rt, site.member, site.dialogue_id, "armed_threats", "Armed men", area=place.id)
    assert await grievances.raise_alerts(rt) == 1
    (notice,) = await _queued(rt)
    assert notice.person_id == site.facilitator.id
    assert (notice.category, notice.area, notice.reasons, notice.count) == (
        "armed_threats",
        place.id,
        ("urgent",),
        None,
    )
    assert await grievances.raise_alerts(rt) == 0
    clock.advance(days=1)
    assert await grievances.raise_alerts(rt) == 0  # the same report, the next day
    seen = await grievances.alert_for(rt, notice, "en")
    assert seen == grievances.AlertSeen("Maradi", "Threats by armed groups", "Tahoua")
    stranger = replace(notice, person_id=site.officer.id)
    assert await grievances.alert_for(rt, stranger, "en") is None
    view = await grievances.digest(rt, site.dialogue_id)
    assert [(a.category, a.reasons) for a in view.alerts] == [
        ("armed_threats", frozenset({AlertReason.URGENT}))
    ]


async def test_a_surge_needs_k_reports(rt: Runtime, site: Site) -> None:
    for i in range(4):
        await file(rt, site.member if i < 3 else site.other, site.dialogue_id, "theft", f"T{i}")
    assert await grievances.raise_alerts(rt) == 0
    await file(rt, site.other, site.dialogue_id, "theft", "T4")
    assert await grievances.raise_alerts(rt) == 1
    (notice,) = await _queued(rt)
    assert notice.reasons == ("surge",) and notice.count == 5
