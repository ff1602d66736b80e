"""Where a dialogue stands, gathered for /summary: participation, the latest round, open action
items, the grievance digest and the latest survey wave. Everything comes from the use cases
that already apply the k rule; this module only collects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.dialogues import Dialogue
from flows.roles import Role
from flows.rounds.actions import ACTIVE, ActionItem
from flows.surveys.records import Wave
from flows.surveys.trends import DialogueTrends
from services import actions, grievances, rounds, surveys
from services.runtime import Runtime


@dataclass(frozen=True)
class Summary:
    dialogue: Dialogue
    today: date
    members: dict[Role, int]
    round: rounds.Outcome | None
    actions: list[ActionItem]
    grievances: grievances.DigestView
    trends: DialogueTrends | None
    waves: dict[str, Wave]


async def gather(rt: Runtime, dialogue_id: int) -> Summary | None:
    async with rt.db.read() as tx:
        dialogue = await tx.dialogues.get(dialogue_id)
        members = await tx.people.count_by_role(dialogue_id)
        waves = {w.id: w for w in await tx.survey_waves.of_dialogue(dialogue_id)}
    if dialogue is None:
        return None
    latest = await rounds.latest_round(rt, dialogue_id)
    outcome = await rounds.outcome(rt, latest.id) if latest is not None else None
    today = rt.today()
    items = [a for a in await actions.of_dialogue(rt, dialogue_id) if a.status in ACTIVE]
    items.sort(key=lambda a: (not a.overdue(today), a.due_on))
    return Summary(
        dialogue,
        today,
        members,
        outcome,
        items,
        await grievances.digest(rt, dialogue_id),
        await surveys.trends(rt, dialogue_id),
        waves,
    )
