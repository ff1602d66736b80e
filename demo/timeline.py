"""The demo's calendar: the bot's clock, and the hooks through which scenes let time pass.

A scene never waits for time to pass: it says what passes (a note in the transcript), the clock
jumps, and the bot's own periodic work runs at once, as its tick would run it at that moment:
reminders that fell due, waves that closed, scheduled waves, action items to check on. The
scene then waits for the outcome (the outbox sent), never for a quiet moment.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from telegram.ext import Application, CallbackContext

from bot import outbox, scheduler
from bot.app import runtime_of
from demo.cast import Cast
from services import grievances, surveys


class DemoClock:
    """The bot's clock: it reads Monday 2 November 2026, 09:00 in Niamey when the demo starts,
    then moves with the real time, plus whatever the scenes let pass (days between reminders, a
    month between survey waves).

    A fixed start gives every run the same calendar: the same dates in the transcript, the same
    first Monday of the month for the schedule, an action item falling due on the same day; and
    no run starts at 23:59 and sees its round and its survey on different days.
    """

    START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)

    def __init__(self) -> None:
        self.offset = timedelta(0)
        self._began = time.monotonic()

    def __call__(self) -> datetime:
        elapsed = timedelta(seconds=time.monotonic() - self._began)
        return self.START + elapsed + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


def wire(cast: Cast, app: Application, clock: DemoClock, show: Callable[[str], None]) -> None:
    """Give the cast its hooks into the running bot and its clock."""
    rt = runtime_of(app)

    async def outbox_empty() -> bool:
        return await outbox.delivered(rt)

    async def check_alerts() -> int:
        show("(the bot's early-warning check runs, as it does every five minutes)")
        return await grievances.raise_alerts(rt)

    async def run_until(moment: datetime, note: str) -> None:
        """Say what passes, move the clock on, and run the bot's tick as it would then run by
        itself; then wait until what it queued has been sent."""
        show(note)
        if moment > rt.now():
            clock.advance(moment - rt.now())
        await scheduler.tick(CallbackContext(app))
        await cast.delivered()

    async def wave_time(hours: float, note: str) -> None:
        async with rt.db.read() as tx:
            opened = max(w.opened_at for w in await tx.survey_waves.open_waves())
        await run_until(opened + timedelta(hours=hours, minutes=1), note)

    async def close_waves() -> None:
        note = "(three days after it opened, the survey closes)"
        await wave_time(rt.settings.wave_hours, note)

    async def next_scheduled_wave() -> None:
        (_schedule, due), *_ = await surveys.next_alarms(rt)
        await run_until(due + timedelta(minutes=1), "(time passes until the scheduled survey)")

    async def until_day(day: int, note: str) -> None:
        await run_until(DemoClock.START + timedelta(days=day), note)

    cast.outbox_empty = outbox_empty
    cast.check_alerts = check_alerts
    cast.wave_time = wave_time
    cast.close_waves = close_waves
    cast.next_scheduled_wave = next_scheduled_wave
    cast.until_day = until_day
