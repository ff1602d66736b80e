"""What an open wave needs now: closing at the end of its window, or one reminder to those
who have not finished and can still be written to."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from flows.notices import SurveyReminder
from flows.roles import Role
from flows.surveys.records import Participation, Wave
from flows.surveys.reminders import ReminderDue, TimeUp, due, remind
from flows.surveys.waves import WaveSettings

OPENED = datetime(2026, 11, 2, 9, tzinfo=UTC)
WAVE = Wave("w1", 1, None, OPENED, "jsd_trust_v1", (Role.COMMUNITY,), OPENED, OPENED)
SETTINGS = WaveSettings()
HOUR = timedelta(hours=1)


def test_what_is_due_over_a_wave_s_window() -> None:
    assert due(WAVE, SETTINGS, OPENED) is None
    assert due(WAVE, SETTINGS, OPENED + 24 * HOUR) == ReminderDue(0)
    assert due(replace(WAVE, reminders_sent=1), SETTINGS, OPENED + 30 * HOUR) is None
    # Down through both reminders: only the latest is due.
    assert due(WAVE, SETTINGS, OPENED + 50 * HOUR) == ReminderDue(1)
    assert due(WAVE, SETTINGS, OPENED + 72 * HOUR) == TimeUp()


def test_reminders_go_to_those_who_have_not_finished_and_can_be_written_to() -> None:
    parts = [
        Participation("w1", 1, Role.COMMUNITY, None, False),
        Participation("w1", 2, Role.COMMUNITY, None, True),
        Participation("w1", 3, Role.COMMUNITY, {"v": 1}, False),
        Participation("w1", 4, Role.COMMUNITY, None, False, active=False),
    ]
    wave, notices = remind(WAVE, parts, 1)
    assert wave == replace(WAVE, reminders_sent=2)
    assert notices == (SurveyReminder(1, "w1", 1), SurveyReminder(3, "w1", 1))
