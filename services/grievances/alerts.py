"""Early warning: a surge of reports, or a report in an urgent category, alerts the dialogue's
facilitators (the rules are ``flows.grievances.early_warning``'s); and what an alert shows its
recipient when it is sent."""

from __future__ import annotations

from dataclasses import dataclass

from flows.grievances import early_warning
from flows.grievances.areas import area_names
from flows.grievances.early_warning import TRAILING_WEEKS, RecordAlert, Reports, this_week
from flows.notices import GrievanceAlert
from flows.roles import Role
from services.grievances.areas import catalogue_of
from services.runtime import Runtime


async def raise_alerts(rt: Runtime) -> int:
    """Check every dialogue for surges and urgent reports; queue alerts to its facilitators.

    Returns how many alerts were raised.
    """
    day, now = rt.today(), rt.now()
    raised = 0
    async with rt.db.transaction() as tx:
        for dialogue in await tx.dialogues.all():
            weekly = await tx.grievances.weekly_counts(dialogue.id, day, TRAILING_WEEKS)
            if not this_week(weekly):
                continue
            catalogue = await catalogue_of(tx, dialogue.id)
            reports = Reports(
                weekly=weekly,
                urgent_totals=await tx.grievances.totals(dialogue.id, catalogue.urgent_ids),
                seen=await tx.grievance_alerts.seen(dialogue.id),
                alerted_today=await tx.grievance_alerts.raised_on(dialogue.id, day),
            )
            facilitators = await tx.people.members(dialogue.id, (Role.FACILITATOR,))
            events = early_warning.decide(
                reports,
                dialogue_id=dialogue.id,
                day=day,
                urgent_categories=catalogue.urgent_ids,
                facilitators=[p.id for p in facilitators],
                k=rt.settings.min_group_size,
            )
            for event in events:
                if isinstance(event, RecordAlert):
                    alert = event.alert
                    await tx.grievance_alerts.record(
                        dialogue.id,
                        event.day,
                        alert.category,
                        alert.area,
                        alert.reasons,
                        event.seen,
                    )
                    raised += 1
                else:
                    await tx.outbox.enqueue(event, now)
    return raised


@dataclass(frozen=True)
class AlertSeen:
    """An early warning as its facilitator reads it: names rather than ids."""

    dialogue_name: str
    category: str
    area: str


async def alert_for(rt: Runtime, notice: GrievanceAlert, language: str) -> AlertSeen | None:
    """What the alert shows its recipient, or None when they no longer facilitate there."""
    async with rt.db.read() as tx:
        membership = await tx.people.membership(notice.person_id, notice.dialogue_id)
        if membership is None or membership.role is not Role.FACILITATOR:
            return None
        catalogue = await catalogue_of(tx, notice.dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(notice.dialogue_id, retired=True)
    category = catalogue.category(notice.category)
    names = area_names(catalogue, areas, language)
    return AlertSeen(
        membership.dialogue_name,
        category.label(language) if category else notice.category,
        names.get(notice.area, notice.area),
    )
