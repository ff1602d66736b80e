"""How survey invitations and reminders in the outbox are rendered for their recipient.

Rendered at send time from the database: someone who finished meanwhile, or a wave that closed,
gets nothing; a reminder shows the question where the person stopped. Each is one message.
"""

from __future__ import annotations

from bot import outbox
from bot import survey_texts as texts
from bot.i18n import Translator
from bot.runtime import Runtime
from flows.notices import SurveyInvitation, SurveyReminder
from services import surveys


@outbox.renderer(SurveyInvitation)
async def survey_invite(rt: Runtime, notice: SurveyInvitation, t: Translator) -> outbox.Rendered:
    found = await surveys.current(rt, notice.wave_id, notice.person_id)
    if not isinstance(found, surveys.Asked):
        return []
    zone = rt.settings.zone
    text, keyboard = texts.question(
        t, found.wave, found.session, found.item, k=rt.settings.min_group_size
    )
    # One message, not two: a failure between two messages could not be retried without
    # sending the first again, and a chat gets one message a second.
    intro = texts.invitation(t, found.session.instrument, found.wave.closes_at, zone)
    return [(intro + "\n\n" + text, keyboard)]


@outbox.renderer(SurveyReminder)
async def survey_reminder(rt: Runtime, notice: SurveyReminder, t: Translator) -> outbox.Rendered:
    found = await surveys.current(rt, notice.wave_id, notice.person_id)
    if not isinstance(found, surveys.Asked):
        return []
    text, keyboard = texts.question(
        t, found.wave, found.session, found.item, k=rt.settings.min_group_size
    )
    words = texts.reminder(t, found.wave.closes_at, rt.settings.zone, found.session.position > 0)
    return [(words + "\n\n" + text, keyboard)]
