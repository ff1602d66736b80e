"""Schedules: parsing, cron semantics, next fires across DST changes, missed fires once."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.surveys.cron import parse_cron
from flows.surveys.schedules import (
    Cadence,
    ScheduleError,
    ScheduleProblem,
    ScheduleSpec,
    missed_fire,
    next_fire,
    parse_schedule,
    previous_fire,
)

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def at(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def fires(spec: ScheduleSpec, after: datetime, tz: ZoneInfo, count: int) -> list[datetime]:
    found = []
    for _ in range(count):
        after = next_fire(spec, after, tz)
        found.append(after)
    return found


# --- Parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("weekly mon 09:00", "weekly mon 09:00"),
        ("WEEKLY Monday 9:00", "weekly mon 09:00"),
        ("weekly lundi 9h", "weekly mon 09:00"),
        ("weekly jeudi 18h30", "weekly thu 18:30"),
        ("  weekly   sun   23:59 ", "weekly sun 23:59"),
        ("biweekly fri 18:30 from 2025-03-03", "biweekly fri 18:30 from 2025-03-03"),
        ("biweekly fri 18:30 from 2025-03-08", "biweekly fri 18:30 from 2025-03-10"),
        ("fortnightly vendredi 18:30 from 2025-03-07", "biweekly fri 18:30 from 2025-03-03"),
        ("monthly 1 mon 10:00", "monthly 1 mon 10:00"),
        ("monthly first mon 10:00", "monthly 1 mon 10:00"),
        ("monthly 3rd wed 07:05", "monthly 3 wed 07:05"),
        ("monthly last fri 10h", "monthly last fri 10:00"),
        ("cron 0 9 * * mon", "cron 0 9 * * mon"),
        ("cron  30 18 1,15 * *", "cron 30 18 1,15 * *"),
        ("CRON 0 9 * JAN-MAR MON-FRI", "cron 0 9 * jan-mar mon-fri"),
    ],
)
def test_parse_and_canonical_text(text: str, canonical: str) -> None:
    spec = parse_schedule(text)
    assert spec.to_text() == canonical
    assert parse_schedule(canonical) == spec


def test_parsed_fields() -> None:
    weekly = parse_schedule("weekly wed 09:15")
    assert (weekly.cadence, weekly.weekday, weekly.at) == (Cadence.WEEKLY, 2, time(9, 15))
    monthly = parse_schedule("monthly last sat 10:00")
    assert (monthly.cadence, monthly.week_of_month, monthly.weekday) == (Cadence.MONTHLY, -1, 5)
    cron = parse_schedule("cron 5 7 * * 1")
    assert cron.cadence is Cadence.CRON and cron.at == time(7, 5)


def test_biweekly_starts_in_the_week_of_the_first_matching_day() -> None:
    # Saturday 8 March 2025: the next Friday is 14 March, in the week of Monday 10 March.
    spec = parse_schedule("biweekly fri 18:30", today=date(2025, 3, 8))
    assert spec.anchor == date(2025, 3, 10)
    # Friday 7 March itself: that week fires.
    assert parse_schedule("biweekly fri 18:30", today=date(2025, 3, 7)).anchor == date(2025, 3, 3)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ScheduleProblem.EMPTY),
        ("   ", ScheduleProblem.EMPTY),
        ("daily 09:00", ScheduleProblem.UNKNOWN_CADENCE),
        ("weekly", ScheduleProblem.MISSING_PARTS),
        ("weekly mon", ScheduleProblem.MISSING_PARTS),
        ("weekly mon 09:00 please", ScheduleProblem.EXTRA_PARTS),
        ("weekly funday 09:00", ScheduleProblem.BAD_WEEKDAY),
        ("weekly mon 9", ScheduleProblem.BAD_TIME),
        ("weekly mon 24:00", ScheduleProblem.BAD_TIME),
        ("weekly mon 09:60", ScheduleProblem.BAD_TIME),
        ("weekly mon 9am", ScheduleProblem.BAD_TIME),
        ("monthly", ScheduleProblem.MISSING_PARTS),
        ("monthly 5 mon 10:00", ScheduleProblem.BAD_WEEK_OF_MONTH),
        ("monthly mon 10:00", ScheduleProblem.BAD_WEEK_OF_MONTH),
        ("biweekly fri 18:30", ScheduleProblem.NEEDS_START),
        ("biweekly fri 18:30 from 2025-02-30", ScheduleProblem.BAD_START_DATE),
        ("cron 0 9 * *", ScheduleProblem.CRON_FIELDS),
        ("cron", ScheduleProblem.CRON_FIELDS),
        ("cron 0 9 * * mon fri", ScheduleProblem.CRON_FIELDS),
        ("cron 60 9 * * *", ScheduleProblem.CRON_VALUE),
        ("cron 0 9 0 * *", ScheduleProblem.CRON_VALUE),
        ("cron 0 9 * 13 *", ScheduleProblem.CRON_VALUE),
        ("cron 0 9 * * 8", ScheduleProblem.CRON_VALUE),
        ("cron 0 9 * * funday", ScheduleProblem.CRON_VALUE),
        ("cron 0 9 5-1 * *", ScheduleProblem.CRON_VALUE),
        ("cron 0 9 */0 * *", ScheduleProblem.CRON_VALUE),
        ("cron 0 9 ² * *", ScheduleProblem.CRON_VALUE),
        ("cron * 9 * * *", ScheduleProblem.CRON_TOO_FREQUENT),
        ("cron 0 9,18 * * *", ScheduleProblem.CRON_TOO_FREQUENT),
        ("cron */30 9 * * *", ScheduleProblem.CRON_TOO_FREQUENT),
        ("cron 0 9 31 2 *", ScheduleProblem.CRON_NEVER_FIRES),
        ("cron 0 9 31 4,6,9,11 *", ScheduleProblem.CRON_NEVER_FIRES),
    ],
)
def test_parse_errors_carry_a_problem_id(text: str, problem: ScheduleProblem) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text)
    assert caught.value.problem is problem
    assert str(caught.value).startswith(problem.value)


def test_specs_are_checked_when_built_directly() -> None:
    with pytest.raises(ValueError, match="inconsistent"):
        ScheduleSpec(Cadence.WEEKLY, time(9))  # no weekday
    with pytest.raises(ValueError, match="inconsistent"):
        ScheduleSpec(Cadence.BIWEEKLY, time(9), 0, anchor=date(2025, 3, 4))  # not a Monday
    with pytest.raises(ValueError, match="inconsistent"):
        ScheduleSpec(Cadence.MONTHLY, time(9), 0, week_of_month=5)


# --- Cron semantics -----------------------------------------------------------------------


def test_cron_fields() -> None:
    expr = parse_cron("15 6 1-10/3 */4 sun,7,0")
    assert expr.days == {1, 4, 7, 10} and expr.months == {1, 5, 9}
    assert expr.weekdays == {6}  # Sunday, whichever way it is written
    assert parse_cron("0 9 * * 1-5").weekdays == {0, 1, 2, 3, 4}
    assert parse_cron("0 9 20/5 * *").days == {20, 25, 30}


def test_cron_day_of_month_or_day_of_week() -> None:
    either = parse_cron("0 9 1 * mon")  # the 1st, and every Monday
    assert either.matches(date(2025, 1, 1))  # a Wednesday
    assert either.matches(date(2025, 1, 6))  # a Monday
    assert not either.matches(date(2025, 1, 7))
    only_day = parse_cron("0 9 1 * *")
    assert only_day.matches(date(2025, 1, 1)) and not only_day.matches(date(2025, 1, 6))
    stepped = parse_cron("0 9 */2 * mon")  # a field starting with * is not a restriction
    assert stepped.matches(date(2025, 1, 6)) and not stepped.matches(date(2025, 1, 7))
    assert not stepped.matches(date(2025, 1, 3))  # a Friday, odd day: not a Monday


def test_cron_leap_day_fires_years_apart() -> None:
    spec = parse_schedule("cron 0 9 29 2 *")
    assert next_fire(spec, at(PARIS, 2025, 1, 1), PARIS) == at(PARIS, 2028, 2, 29, 9)
    assert next_fire(spec, at(PARIS, 2097, 1, 1), PARIS) == at(PARIS, 2104, 2, 29, 9)


# --- Next fires, DST ----------------------------------------------------------------------


def test_weekly_across_the_paris_spring_change() -> None:
    spec = parse_schedule("weekly mon 09:00")
    found = fires(spec, at(PARIS, 2025, 3, 20), PARIS, 3)
    assert found == [at(PARIS, 2025, 3, 24, 9), at(PARIS, 2025, 3, 31, 9), at(PARIS, 2025, 4, 7, 9)]
    # Same wall time, different UTC instant: 08:00 UTC before, 07:00 UTC after.
    assert [f.astimezone(UTC) for f in found[:2]] == [utc(2025, 3, 24, 8), utc(2025, 3, 31, 7)]
    assert all(f.tzinfo is PARIS for f in found)


def test_a_time_skipped_by_the_spring_change_fires_once_after_the_jump() -> None:
    spec = parse_schedule("cron 30 2 * * sun")
    first, second = fires(spec, at(PARIS, 2025, 3, 29), PARIS, 2)
    assert first.astimezone(UTC) == utc(2025, 3, 30, 1, 30)
    assert (first.hour, first.minute, first.utcoffset()) == (3, 30, timedelta(hours=2))
    assert second == at(PARIS, 2025, 4, 6, 2, 30)


def test_a_time_repeated_by_the_autumn_change_fires_once() -> None:
    spec = parse_schedule("cron 30 2 * * sun")
    first, second = fires(spec, at(PARIS, 2025, 10, 25), PARIS, 2)
    assert first.astimezone(UTC) == utc(2025, 10, 26, 0, 30)  # 02:30 summer time, the first
    assert second.astimezone(UTC) == utc(2025, 11, 2, 1, 30)
    # Asked from inside the repeated hour (02:20 winter time, 01:20 UTC, after the fire),
    # nothing more fires that day, although 02:30 is "later" by wall clock.
    inside = datetime(2025, 10, 26, 2, 20, fold=1, tzinfo=PARIS)
    assert next_fire(spec, inside, PARIS) == second
    assert missed_fire(spec, first, inside, PARIS) is None
    between = datetime(2025, 10, 26, 2, 40, fold=0, tzinfo=PARIS)  # 00:40 UTC
    assert next_fire(spec, between, PARIS) == second


def test_new_york_changes() -> None:
    spec = parse_schedule("biweekly sun 02:30 from 2025-03-03")
    first, second, third = fires(spec, at(NEW_YORK, 2025, 3, 1), NEW_YORK, 3)
    # 9 March 2025: 02:30 does not exist in New York; it fires at 03:30 EDT (07:30 UTC).
    assert first.astimezone(UTC) == utc(2025, 3, 9, 7, 30)
    assert second == at(NEW_YORK, 2025, 3, 23, 2, 30)
    assert third - second == timedelta(days=14)
    weekly = parse_schedule("weekly sun 01:30")
    autumn = fires(weekly, at(NEW_YORK, 2025, 11, 1), NEW_YORK, 2)
    assert autumn[0].astimezone(UTC) == utc(2025, 11, 2, 5, 30)  # the first 01:30, EDT
    assert autumn[1].astimezone(UTC) == utc(2025, 11, 9, 6, 30)


def test_monthly_first_and_last_weekday() -> None:
    first_monday = parse_schedule("monthly 1 mon 10:00")
    assert fires(first_monday, at(PARIS, 2025, 1, 7), PARIS, 3) == [
        at(PARIS, 2025, 2, 3, 10), at(PARIS, 2025, 3, 3, 10), at(PARIS, 2025, 4, 7, 10),
    ]  # fmt: skip
    last_friday = parse_schedule("monthly last fri 18:00")
    assert fires(last_friday, at(PARIS, 2025, 1, 1), PARIS, 3) == [
        at(PARIS, 2025, 1, 31, 18), at(PARIS, 2025, 2, 28, 18), at(PARIS, 2025, 3, 28, 18),
    ]  # fmt: skip


def test_next_fire_is_strictly_after() -> None:
    spec = parse_schedule("weekly mon 09:00")
    assert next_fire(spec, at(PARIS, 2025, 3, 24, 9), PARIS) == at(PARIS, 2025, 3, 31, 9)
    assert next_fire(spec, at(PARIS, 2025, 3, 24, 8, 59), PARIS) == at(PARIS, 2025, 3, 24, 9)
    # The instant may be given in any zone.
    assert next_fire(spec, utc(2025, 3, 24, 7, 59), PARIS) == at(PARIS, 2025, 3, 24, 9)


def test_naive_datetimes_are_refused() -> None:
    spec = parse_schedule("weekly mon 09:00")
    with pytest.raises(ValueError, match="aware"):
        next_fire(spec, datetime(2025, 3, 24), PARIS)
    with pytest.raises(ValueError, match="aware"):
        missed_fire(spec, datetime(2025, 3, 24), at(PARIS, 2025, 3, 25), PARIS)


# --- Missed fires -------------------------------------------------------------------------


def test_a_wave_missed_while_down_starts_exactly_once() -> None:
    spec = parse_schedule("weekly mon 09:00")
    created = at(PARIS, 2025, 3, 1, 12)
    assert missed_fire(spec, created, at(PARIS, 2025, 3, 3, 8, 59), PARIS) is None
    # The bot was down from Sunday to Wednesday: Monday's wave is due, once.
    now = at(PARIS, 2025, 3, 5, 14)
    due = missed_fire(spec, created, now, PARIS)
    assert due == at(PARIS, 2025, 3, 3, 9)
    assert missed_fire(spec, due, now, PARIS) is None  # after storing it as last fired
    assert missed_fire(spec, due, at(PARIS, 2025, 3, 10, 8), PARIS) is None
    assert missed_fire(spec, due, at(PARIS, 2025, 3, 10, 9), PARIS) == at(PARIS, 2025, 3, 10, 9)


def test_several_missed_fires_coalesce_into_the_latest() -> None:
    spec = parse_schedule("weekly mon 09:00")
    last = at(PARIS, 2025, 3, 3, 9)
    now = at(PARIS, 2025, 3, 26, 10)  # three Mondays passed
    assert missed_fire(spec, last, now, PARIS) == at(PARIS, 2025, 3, 24, 9)


def test_a_new_schedule_does_not_fire_for_the_past() -> None:
    spec = parse_schedule("weekly mon 09:00")
    created = at(PARIS, 2025, 3, 3, 10)  # an hour after this Monday's time
    assert missed_fire(spec, created, at(PARIS, 2025, 3, 3, 10, 5), PARIS) is None


def test_previous_fire() -> None:
    spec = parse_schedule("monthly 1 mon 10:00")
    assert previous_fire(spec, at(PARIS, 2025, 3, 3, 10), PARIS) == at(PARIS, 2025, 3, 3, 10)
    assert previous_fire(spec, at(PARIS, 2025, 3, 3, 9), PARIS) == at(PARIS, 2025, 2, 3, 10)


SPECS = [
    "weekly mon 09:00", "weekly sun 02:30", "biweekly fri 18:30 from 2025-03-03",
    "monthly 1 mon 10:00", "monthly last sun 02:30", "cron 30 2 * * *", "cron 0 1 1,15 * sun",
    "cron 45 23 */3 2-11 *",
]  # fmt: skip
ZONES = [PARIS, NEW_YORK, ZoneInfo("Africa/Casablanca"), ZoneInfo("Australia/Lord_Howe"), UTC]
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1), timezones=st.just(UTC)
)


@given(st.sampled_from(SPECS), st.sampled_from(ZONES), moments)
def test_next_fire_properties(text: str, tz: ZoneInfo, after: datetime) -> None:
    spec = parse_schedule(text)
    fire = next_fire(spec, after, tz)
    assert fire > after and fire.tzinfo is tz
    local = fire.astimezone(tz)
    assert spec.matches(local.date()) or spec.matches(local.date() - timedelta(days=1))
    # Nothing fires in between: the previous fire before it is at or before ``after``.
    # (Arithmetic in UTC: one microsecond before 02:30 on a day whose clocks jump from 02:00
    # to 02:30, Lord Howe's DST, is by wall clock a time that does not exist.)
    just_before = fire.astimezone(UTC) - timedelta(microseconds=1)
    before = previous_fire(spec, just_before, tz)
    assert before is None or before <= after
    assert previous_fire(spec, fire, tz) == fire
    assert missed_fire(spec, after, fire, tz) == fire
    assert missed_fire(spec, fire, fire.astimezone(UTC) + timedelta(seconds=1), tz) is None


@given(st.sampled_from(SPECS))
def test_canonical_text_round_trips(text: str) -> None:
    spec = parse_schedule(text)
    assert parse_schedule(spec.to_text()) == spec
