"""Use cases of trust surveys: schedules, waves, answering, reminders, closing, trends.

The database is the source of truth: a schedule stores when it last fired, and
:func:`start_due` (run at start-up, by each schedule's JobQueue alarm and by the regular tick)
starts the wave of the latest due time it has not started, once — the waves table refuses a
second wave for the same schedule and due time. Invitations and reminders go through the
outbox, spread over ``PALABRE_WAVE_SPREAD_MINUTES`` and paced by the rate limiter.

Anonymity: who takes part in an open wave (and their half-finished answers) sits in
``survey_participation`` only until the wave closes. A finished survey is written at once,
without any link to the person, the day only, under a random key; the participation row keeps
only "finished". Open answers are held in this process's memory until the survey is finished,
then stored apart from the other answers; after a restart the open question is asked again.

Modules: ``instruments`` (the instruments a deployment asks), ``schedules``, ``waves``
(starting them), ``answering``, ``closing`` (reminders and close), ``trends`` (what the
facilitators' reports and charts show). The decisions are :mod:`flows.surveys`'.
"""

from flows.surveys.answering import Answer, Choice, Skip, Typed, Unavailability
from services.surveys.answering import (
    FLOW,
    Asked,
    Finished,
    Result,
    Unavailable,
    answer_typed,
    current,
    respond,
)
from services.surveys.closing import remind_and_close
from services.surveys.instruments import instrument, instruments, read_instruments, wave_settings
from services.surveys.schedules import add_schedule, delete_schedule, next_alarms, schedules_of
from services.surveys.trends import (
    DialogueCharts,
    SurveyReport,
    dialogue_charts,
    program_charts,
    report,
    trends,
    trends_in,
)
from services.surveys.waves import open_wave, start_due, start_wave

__all__ = [
    "FLOW",
    "Answer",
    "Asked",
    "Choice",
    "DialogueCharts",
    "Finished",
    "Result",
    "Skip",
    "SurveyReport",
    "Typed",
    "Unavailability",
    "Unavailable",
    "add_schedule",
    "answer_typed",
    "current",
    "delete_schedule",
    "dialogue_charts",
    "instrument",
    "instruments",
    "next_alarms",
    "open_wave",
    "program_charts",
    "read_instruments",
    "remind_and_close",
    "report",
    "respond",
    "schedules_of",
    "start_due",
    "start_wave",
    "trends",
    "trends_in",
    "wave_settings",
]
