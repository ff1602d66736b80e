"""Early warning: sharp rises and urgent categories, at most once a day per category and area."""

from datetime import date
from fractions import Fraction

import pytest

from flows.disclosure import Cell, Mark
from flows.grievances.early_warning import (
    Alert,
    AlertReason,
    RecordAlert,
    Reports,
    alerts_to_raise,
    decide,
    is_surge,
    reasons_from,
    this_week,
)
from flows.notices import GrievanceAlert

URGENT = frozenset({"armed_threats"})


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (5, [0, 0, 0, 0], True),  # zero average: k reports qualify
        (4, [0, 0, 0, 0], False),  # ...and fewer do not
        (5, [], True),  # a new dialogue: missing weeks count as zero
        (6, [2, 2, 2, 2], True),  # exactly 3 x 2
        (5, [2, 2, 2, 2], False),
        (3, [1, 1, 1, 1], False),  # 3 x the average, but below k
        (15, [5, 5, 5, 5], True),
        (14, [5, 5, 5, 5], False),
        (5, [1, 1, 1, 2], True),  # 3 x 1.25 = 3.75
        (5, [2, 2, 2, 1], False),  # 3 x 1.75 = 5.25
        (6, [2, 2, 2, 1], True),
        (15, [5, 5, 5, 5, 100], True),  # only the trailing four weeks count
    ],
)
def test_surge_thresholds_at_their_boundaries(current, previous, expected) -> None:
    assert is_surge(current, previous) is expected


def test_thresholds_are_parameters() -> None:
    assert is_surge(4, [2, 2], ratio=2, weeks=2, k=3)
    assert not is_surge(3, [2, 2], ratio=2, weeks=2, k=3)
    assert is_surge(5, [2, 2, 2, 2], ratio=Fraction(5, 2))
    assert not is_surge(4, [0, 0, 0, 0], k=5) and is_surge(4, [0, 0, 0, 0], k=4)
    with pytest.raises(ValueError):
        is_surge(-1, [])
    with pytest.raises(ValueError):
        is_surge(1, [], weeks=0)


def test_a_surge_alerts_once_per_day() -> None:
    current = {("theft", "north"): 9, ("theft", "south"): 2}
    previous = {("theft", "north"): [1, 0, 2, 1], ("theft", "south"): [0, 0, 0, 0]}
    alerts = alerts_to_raise(
        current, previous, urgent_categories=URGENT, already_alerted_today=set()
    )
    assert alerts == (Alert("theft", "north", frozenset({AlertReason.SURGE}), Cell(9)),)
    alerted = {a.key for a in alerts}
    again = alerts_to_raise(
        current, previous, urgent_categories=URGENT, already_alerted_today=alerted
    )
    assert again == ()
    next_day = alerts_to_raise(
        current, previous, urgent_categories=URGENT, already_alerted_today=set()
    )
    assert next_day == alerts


def test_urgent_categories_alert_on_a_single_report_without_showing_it() -> None:
    alerts = alerts_to_raise(
        {("armed_threats", "south"): 1, ("armed_threats", "north"): 0},
        {},
        urgent_categories=URGENT,
        already_alerted_today=set(),
    )
    assert alerts == (
        Alert("armed_threats", "south", frozenset({AlertReason.URGENT}), Cell(None, Mark.SMALL)),
    )
    assert (
        alerts_to_raise(
            {("armed_threats", "south"): 3},
            {},
            urgent_categories=URGENT,
            already_alerted_today={("armed_threats", "south")},
        )
        == ()
    )


def test_urgent_and_surging_gives_one_alert_with_both_reasons() -> None:
    alerts = alerts_to_raise(
        {("armed_threats", "north"): 7},
        {("armed_threats", "north"): [0, 1, 0, 0]},
        urgent_categories=URGENT,
        already_alerted_today={("theft", "north")},
    )
    assert len(alerts) == 1
    assert alerts[0].reasons == {AlertReason.URGENT, AlertReason.SURGE}
    assert alerts[0].count == Cell(7)


def test_alerts_come_in_a_stable_order() -> None:
    current = {("violence", "b"): 5, ("armed_threats", "z"): 1, ("violence", "a"): 5}
    alerts = alerts_to_raise(current, {}, urgent_categories=URGENT, already_alerted_today=set())
    assert [a.key for a in alerts] == [("armed_threats", "z"), ("violence", "a"), ("violence", "b")]


def test_an_urgent_report_already_alerted_about_does_not_alert_again() -> None:
    current = {("armed_threats", "north"): 1}
    again = alerts_to_raise(
        current,
        {},
        urgent_categories=URGENT,
        already_alerted_today=set(),
        new_since_last_alert=set(),
    )
    assert again == ()
    fresh = alerts_to_raise(
        current,
        {},
        urgent_categories=URGENT,
        already_alerted_today=set(),
        new_since_last_alert={("armed_threats", "north")},
    )
    assert [a.key for a in fresh] == [("armed_threats", "north")]


def test_a_surge_does_not_depend_on_new_reports() -> None:
    alerts = alerts_to_raise(
        {("theft", "north"): 6},
        {},
        urgent_categories=URGENT,
        already_alerted_today=set(),
        new_since_last_alert=set(),
    )
    assert [a.reasons for a in alerts] == [frozenset({AlertReason.SURGE})]


# -- decide: one dialogue's check, as the use case applies it ---------------------------------

DAY = date(2026, 11, 21)


def _reports(**kw) -> Reports:
    values = {
        "weekly": {("theft", "a1"): [5, 0, 0, 0, 0], ("armed_threats", "a2"): [1, 0, 0, 0, 0]},
        "urgent_totals": {("armed_threats", "a2"): 1},
        "seen": {},
        "alerted_today": set(),
    } | kw
    return Reports(**values)


def _decide(reports: Reports, facilitators=(7, 8)) -> tuple:
    return decide(
        reports, dialogue_id=3, day=DAY, urgent_categories=URGENT, facilitators=list(facilitators)
    )


def test_each_alert_is_recorded_then_sent_to_every_facilitator() -> None:
    events = _decide(_reports())
    threat = Alert("armed_threats", "a2", frozenset({AlertReason.URGENT}), Cell(None, Mark.SMALL))
    theft = Alert("theft", "a1", frozenset({AlertReason.SURGE}), Cell(5))
    assert events == (
        RecordAlert(threat, DAY, seen=1),
        GrievanceAlert(7, 3, DAY, "armed_threats", "a2", ("urgent",), None),
        GrievanceAlert(8, 3, DAY, "armed_threats", "a2", ("urgent",), None),
        RecordAlert(theft, DAY, seen=0),
        GrievanceAlert(7, 3, DAY, "theft", "a1", ("surge",), 5),
        GrievanceAlert(8, 3, DAY, "theft", "a1", ("surge",), 5),
    )


def test_decide_leaves_out_urgent_reports_already_alerted_about() -> None:
    seen = _reports(seen={("armed_threats", "a2"): 1})
    assert [e.alert.category for e in _decide(seen) if isinstance(e, RecordAlert)] == ["theft"]
    again = _reports(seen={("armed_threats", "a2"): 1}, urgent_totals={("armed_threats", "a2"): 2})
    assert len([e for e in _decide(again) if isinstance(e, RecordAlert)]) == 2


def test_nothing_twice_a_day_and_nothing_without_reports_this_week() -> None:
    today = _reports(alerted_today={("theft", "a1"), ("armed_threats", "a2")})
    assert _decide(today) == ()
    quiet = _reports(weekly={("theft", "a1"): [0, 9, 9, 9, 9]}, urgent_totals={})
    assert this_week(quiet.weekly) == {}
    assert _decide(quiet) == ()


def test_without_facilitators_the_alert_is_still_recorded() -> None:
    events = _decide(_reports(), facilitators=())
    assert events and all(isinstance(e, RecordAlert) for e in events)


def test_stored_reasons_read_back_leaving_unknown_ones_out() -> None:
    assert reasons_from(["surge", "urgent"]) == {AlertReason.SURGE, AlertReason.URGENT}
    assert reasons_from(("urgent", "newer_reason")) == {AlertReason.URGENT}
