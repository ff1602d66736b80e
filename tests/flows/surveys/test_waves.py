"""Wave window and reminders: defaults, elapsed time across DST, coalesced reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from flows.surveys.waves import WaveSettings

PARIS = ZoneInfo("Europe/Paris")
HOUR = timedelta(hours=1)


def test_defaults() -> None:
    settings = WaveSettings()
    assert settings.window == 72 * HOUR
    assert settings.reminders == (24 * HOUR, 48 * HOUR)


def test_delays_are_elapsed_time_across_a_dst_change() -> None:
    opened = datetime(2025, 3, 29, 9, tzinfo=PARIS)  # the night before summer time
    settings = WaveSettings()
    first, second = settings.reminder_times(opened)
    # Python subtracts two times of one zone by wall clock (that would say 25 h): use UTC.
    assert first.astimezone(UTC) - opened.astimezone(UTC) == 24 * HOUR
    assert (first.hour, first.tzinfo) == (10, PARIS)  # 24 h later the clocks say 10:00
    assert second.astimezone(UTC) == datetime(2025, 3, 31, 8, tzinfo=UTC)  # opened 08:00 UTC
    assert settings.closes_at(opened).astimezone(UTC) == datetime(2025, 4, 1, 8, tzinfo=UTC)


def test_is_open() -> None:
    opened = datetime(2025, 3, 3, 9, tzinfo=PARIS)
    settings = WaveSettings(window=2 * HOUR, reminders=(HOUR,))
    assert not settings.is_open(opened, opened - timedelta(seconds=1))
    assert settings.is_open(opened, opened)
    assert settings.is_open(opened, opened + 2 * HOUR - timedelta(seconds=1))
    assert not settings.is_open(opened, opened + 2 * HOUR)


def test_reminders_are_sent_once_and_coalesced() -> None:
    opened = datetime(2025, 3, 3, 9, tzinfo=PARIS)
    settings = WaveSettings()
    assert settings.reminder_due(opened, 0, opened + 23 * HOUR) is None
    assert settings.reminder_due(opened, 0, opened + 24 * HOUR) == 0
    assert settings.reminder_due(opened, 1, opened + 30 * HOUR) is None
    assert settings.reminder_due(opened, 1, opened + 48 * HOUR) == 1
    assert settings.reminder_due(opened, 2, opened + 60 * HOUR) is None
    # Down from 20 h to 50 h: only the second reminder is sent.
    assert settings.reminder_due(opened, 0, opened + 50 * HOUR) == 1
    # Never after the wave has closed.
    assert settings.reminder_due(opened, 0, opened + 72 * HOUR) is None


@pytest.mark.parametrize(
    ("window", "reminders"),
    [
        (timedelta(0), ()),
        (-HOUR, ()),
        (72 * HOUR, (48 * HOUR, 24 * HOUR)),
        (72 * HOUR, (24 * HOUR, 24 * HOUR)),
        (72 * HOUR, (72 * HOUR,)),
        (72 * HOUR, (timedelta(0),)),
    ],
)
def test_bad_settings_are_refused(window: timedelta, reminders: tuple[timedelta, ...]) -> None:
    with pytest.raises(ValueError):
        WaveSettings(window, reminders)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        WaveSettings().closes_at(datetime(2025, 3, 3, 9))
