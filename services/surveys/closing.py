"""Reminders and closing: what the regular tick does for open waves.

Closing keeps the half-finished surveys that are complete enough, freezes the counts per group,
forgets who took part, who was invited and reminded, and empties the database's log
(:mod:`flows.surveys.closing` decides which and how many).
"""

from __future__ import annotations

from flows.surveys.closing import CountsFrozen, ParticipantReleased, SurveyKept, close_wave
from flows.surveys.records import Wave
from flows.surveys.reminders import ReminderDue, TimeUp, due, remind
from services.runtime import Runtime
from services.surveys.answering import FLOW, session_of, store_survey
from services.surveys.instruments import instrument, wave_settings
from storage.repositories import Transaction


async def remind_and_close(rt: Runtime) -> tuple[int, int]:
    """Queue due reminders to those who have not finished; close waves whose time is up.

    Returns (reminders queued, waves closed).
    """
    now, settings = rt.now(), wave_settings(rt)
    reminded = closed = 0
    async with rt.db.transaction() as tx:
        for wave in await tx.survey_waves.open_waves():
            needed = due(wave, settings, now)
            if isinstance(needed, TimeUp):
                await _close(rt, tx, wave)
                closed += 1
            elif isinstance(needed, ReminderDue):
                participants = await tx.survey_participation.of_wave(wave.id)
                wave, notices = remind(wave, participants, needed.number)
                for notice in notices:
                    reminded += await tx.outbox.enqueue(notice, now)
                await tx.survey_waves.reminded(wave.id, wave.reminders_sent)
    if closed:
        await rt.db.forget_history()  # no commit of the wave may be rebuilt from the log
    return reminded, closed


async def _close(rt: Runtime, tx: Transaction, wave: Wave) -> None:
    participants = await tx.survey_participation.of_wave(wave.id)
    sessions = {
        part.person_id: session_of(rt, wave, part)
        for part in participants
        if not part.finished and part.state is not None
    }
    answered = await tx.survey_responses.count(wave.id)
    asked = instrument(rt, wave.instrument)
    wave, events = close_wave(wave, asked, participants, sessions, answered)
    for event in events:
        if isinstance(event, SurveyKept):
            await store_survey(rt, tx, wave, event.role, event.record, event.open_texts)
        elif isinstance(event, ParticipantReleased):
            rt.open_answers.pop((wave.id, event.person_id), None)
            await tx.conversations.clear_flow(event.person_id, FLOW)
        elif isinstance(event, CountsFrozen):
            await tx.survey_participation.forget_wave(wave.id)
            await tx.outbox.forget_wave(wave.id)
            await tx.survey_waves.close(wave.id, dict(event.counts))
