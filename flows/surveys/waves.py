"""How long a wave stays open and when non-respondents are reminded: settings with defaults.

A wave opens when its schedule fires (:mod:`flows.surveys.schedules`), stays open for
``window`` (72 hours by default) and reminds people who have not answered after each delay in
``reminders`` (24 and 48 hours). Delays are **elapsed time**, computed in UTC: adding 24 hours
to a wall-clock time on a DST weekend in Python's zone arithmetic would give 23 or 25 real
hours.

Like missed schedule fires, reminders that fell due while the bot was down are coalesced:
:meth:`WaveSettings.reminder_due` names only the latest one due, so nobody gets two reminders
in a row after a restart, and none is sent once the wave has closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

DEFAULT_WINDOW = timedelta(hours=72)
DEFAULT_REMINDERS = (timedelta(hours=24), timedelta(hours=48))


@dataclass(frozen=True, slots=True)
class WaveSettings:
    window: timedelta = DEFAULT_WINDOW
    reminders: tuple[timedelta, ...] = DEFAULT_REMINDERS

    def __post_init__(self) -> None:
        if self.window <= timedelta(0):
            raise ValueError("a wave must stay open for some time")
        previous = timedelta(0)
        for delay in self.reminders:
            if not previous < delay < self.window:
                raise ValueError("reminders must be increasing, after opening, before closing")
            previous = delay

    def closes_at(self, opened_at: datetime) -> datetime:
        return _later(opened_at, self.window)

    def reminder_times(self, opened_at: datetime) -> tuple[datetime, ...]:
        return tuple(_later(opened_at, delay) for delay in self.reminders)

    def is_open(self, opened_at: datetime, now: datetime) -> bool:
        return _utc(opened_at) <= _utc(now) < _utc(self.closes_at(opened_at))

    def reminder_due(self, opened_at: datetime, sent: int, now: datetime) -> int | None:
        """The number (0-based) of the reminder to send now, or None.

        ``sent`` is how many reminders this wave has sent. After it sends the one named here,
        the edge stores ``sent = number + 1``; earlier ones it missed are not sent.
        """
        if not self.is_open(opened_at, now):
            return None
        due = [n for n, at in enumerate(self.reminder_times(opened_at)) if _utc(at) <= _utc(now)]
        if not due or due[-1] < sent:
            return None
        return due[-1]


def _later(moment: datetime, delay: timedelta) -> datetime:
    tz = moment.tzinfo
    return (_utc(moment) + delay).astimezone(tz)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("wave times need aware datetimes")
    return moment.astimezone(UTC)
