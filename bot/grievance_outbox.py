"""How grievance notices are rendered for their recipient: early warnings."""

from __future__ import annotations

from bot import grievance_desk_texts as texts
from bot import outbox
from bot.i18n import Translator
from bot.runtime import Runtime
from flows.grievances.early_warning import reasons_from
from flows.notices import GrievanceAlert
from services import grievances


@outbox.renderer(GrievanceAlert)
async def grievance_alert(rt: Runtime, notice: GrievanceAlert, t: Translator) -> outbox.Rendered:
    seen = await grievances.alert_for(rt, notice, t.language)
    if seen is None:
        return []  # no longer facilitating: the alert is not theirs to read
    text = texts.alert(
        t,
        seen.dialogue_name,
        seen.category,
        seen.area,
        reasons_from(notice.reasons),
        notice.count,
        rt.settings.min_group_size,
    )
    return [(text, None)]
