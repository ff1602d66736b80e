"""How grievance messages in the outbox are rendered for their recipient: early warnings."""

from __future__ import annotations

from bot import grievance_texts as texts
from bot import outbox
from bot.i18n import Translator
from bot.runtime import Runtime
from flows.roles import Role
from services import grievances
from storage.repositories.outbox import OutboxItem


@outbox.renderer("grievance_alert")
async def grievance_alert(rt: Runtime, item: OutboxItem, t: Translator) -> outbox.Rendered:
    dialogue_id = int(item.payload["dialogue"])
    async with rt.db.read() as tx:
        membership = await tx.people.membership(item.person_id, dialogue_id)
        if membership is None or membership.role is not Role.FACILITATOR:
            return []  # no longer facilitating: the alert is not theirs to read
        catalogue = await grievances.catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id, retired=True)
    category = catalogue.category(str(item.payload["category"]))
    names = grievances.area_names(catalogue, areas, t.language)
    area = str(item.payload["area"])
    count = item.payload.get("count")
    text = texts.alert(
        t,
        membership.dialogue_name,
        category.label(t.language) if category else str(item.payload["category"]),
        names.get(area, area),
        list(item.payload.get("reasons", [])),
        count if isinstance(count, int) else None,
        rt.settings.min_group_size,
    )
    return [(text, None)]
