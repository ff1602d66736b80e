"""The JobQueue as an alarm clock: the database says what is due, the jobs only look.

One short repeating tick moves rounds whose deadline passed, asks facilitators about due action
items, and drains the outbox; a slower one raises grievance early warnings. Nothing is kept
only in the scheduler, so a restart (or a tick missed while the bot was down) loses nothing
and repeats nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application

from bot import outbox
from bot.runtime import RUNTIME_KEY, runtime
from services import actions, grievances, housekeeping, rounds, surveys

log = logging.getLogger(__name__)
TICK_SECONDS = 10.0
DRAIN_SECONDS = 2.0
#: Early warnings are checked every few minutes rather than as each grievance arrives, so an
#: alert's time does not give away when the report that set it off came in.
ALERT_SECONDS = 300.0


async def tick(context: Any) -> None:
    rt = runtime(context)
    moved = await rounds.advance_due(rt)
    if moved:
        log.info("%d round(s) moved on by deadline", len(moved))
    await actions.ask_for_status(rt)
    started = await surveys.start_due(rt)
    if started:
        log.info("%d survey wave(s) started by schedule", len(started))
        await arm_schedules(context.application)
    await surveys.remind_and_close(rt)
    await outbox.drain(rt, context.bot)
    await housekeeping.tidy(rt)


async def alerts(context: Any) -> None:
    rt = runtime(context)
    if await grievances.raise_alerts(rt):
        await outbox.drain(rt, context.bot)


async def drain(context: Any) -> None:
    await outbox.drain(runtime(context), context.bot)


def start_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    assert app.job_queue is not None
    app.job_queue.run_repeating(
        tick,
        interval=TICK_SECONDS,
        first=1.0,
        name="tick",
        job_kwargs={"misfire_grace_time": 30, "coalesce": True},
    )
    app.job_queue.run_repeating(
        alerts,
        interval=ALERT_SECONDS,
        first=ALERT_SECONDS,
        name="alerts",
        job_kwargs={"misfire_grace_time": 300, "coalesce": True},
    )
    app.job_queue.run_repeating(
        drain,
        interval=DRAIN_SECONDS,
        first=0.5,
        name="outbox",
        job_kwargs={"misfire_grace_time": 30, "coalesce": True},
    )


def send_soon(context: Any) -> None:
    """Drain the outbox right away (after a decision queued messages)."""
    context.application.job_queue.run_once(drain, 0.0, name="outbox-now")


async def survey_alarm(context: Any) -> None:
    """A schedule's due time: start its wave now rather than at the next tick."""
    rt = runtime(context)
    started = await surveys.start_due(rt)
    await arm_schedules(context.application)
    if started:
        await outbox.drain(rt, context.bot)


async def arm_schedules(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """One JobQueue alarm per schedule, at its next due time, read from the database.

    Called at start-up and whenever schedules change or fire. The alarm only wakes the bot: what
    is due is decided by the database (the tick would start the wave within seconds anyway).
    """
    queue = app.job_queue
    assert queue is not None
    rt = app.bot_data[RUNTIME_KEY]
    for job in queue.jobs():
        if job.name and job.name.startswith("survey:"):
            job.schedule_removal()
    for schedule_id, at in await surveys.next_alarms(rt):
        queue.run_once(
            survey_alarm,
            when=alarm_delay(at, rt.now()),
            data=at,
            name=f"survey:{schedule_id}",
            job_kwargs={"misfire_grace_time": 3600},
        )


def alarm_delay(at: datetime, now: datetime) -> timedelta:
    """How long from ``now`` (the bot's clock) until ``at``; never negative.

    The JobQueue measures time with its own reading of the system clock, so alarms are given
    as delays: "in 2 days by the bot's clock", not "at Monday 09:00 by APScheduler's". Every
    part of Palabre then follows the one clock the application was built with (a test's or the
    demo's included), and the job's ``data`` keeps the due time it stands for.
    """
    return max(at - now, timedelta(0))
