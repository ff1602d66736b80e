"""Shared test set-up.

``PALABRE_TEST_LATER=1`` runs the tests with the wall clock moved far ahead (``make
test-later``, which CI runs too): to the last minute of the first 29 February at least 400
days from today, in the tests' time zone (Africa/Niamey), so that the jump crosses a year end
and, while the tests run, the clock crosses a leap day's midnight into March. Whatever still
read the system clock instead of the injected one would show it there.
"""

import os
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

# The bot opts in to python-telegram-bot's timedelta time periods (see bot/__init__.py); tests
# that use PTB without importing the bot do the same.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from hypothesis import settings  # noqa: E402

# The same examples on every run: CI's verdict (and its duration) must not depend on luck.
# Run with HYPOTHESIS_PROFILE=explore to draw new examples while developing.
settings.register_profile("palabre", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "palabre"))


def later_moment(today: date) -> datetime:
    """23:59 in Niamey on the first 29 February at least 400 days after ``today``."""
    year = (today + timedelta(days=400)).year
    while True:
        if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
            leap_day = date(year, 2, 29)
            if leap_day >= today + timedelta(days=400):
                break
        year += 1
    return datetime(year, 2, 29, 23, 59, tzinfo=ZoneInfo("Africa/Niamey"))


def pytest_configure(config) -> None:
    if os.environ.get("PALABRE_TEST_LATER"):
        import time_machine

        moment = later_moment(datetime.now(UTC).date())
        config._palabre_travel = time_machine.travel(moment, tick=True)
        config._palabre_travel.start()


def pytest_unconfigure(config) -> None:
    travel = getattr(config, "_palabre_travel", None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config) -> str | None:
    if getattr(config, "_palabre_travel", None) is not None:
        return f"wall clock moved ahead to {datetime.now(UTC).isoformat(timespec='seconds')}"
    return None
