"""What an open wave needs now: closing when its time is up, or a reminder to those who have
not finished.

Reminders go to everyone invited who has not finished and can still be written to (someone
who blocked the bot is not reminded). Each reminder is sent once per wave: the wave counts the
reminders it sent, and :meth:`flows.surveys.waves.WaveSettings.reminder_due` names only the
latest one due, so a bot that was down sends one reminder, not two in a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from flows.notices import SurveyReminder
from flows.surveys.records import Participation, Wave
from flows.surveys.waves import WaveSettings


@dataclass(frozen=True, slots=True)
class TimeUp:
    """The wave's window is over: close it."""


@dataclass(frozen=True, slots=True)
class ReminderDue:
    """Reminder ``number`` (0-based) is due."""

    number: int


def due(wave: Wave, settings: WaveSettings, now: datetime) -> TimeUp | ReminderDue | None:
    """What ``wave`` (open) needs at ``now``, if anything."""
    if not settings.is_open(wave.opened_at, now):
        return TimeUp()
    number = settings.reminder_due(wave.opened_at, wave.reminders_sent, now)
    return None if number is None else ReminderDue(number)


def remind(
    wave: Wave, participants: Sequence[Participation], number: int
) -> tuple[Wave, tuple[SurveyReminder, ...]]:
    """The wave with reminder ``number`` sent, and the reminders to queue."""
    notices = tuple(
        SurveyReminder(part.person_id, wave.id, number)
        for part in participants
        if not part.finished and part.active
    )
    return replace(wave, reminders_sent=number + 1), notices
