"""Early warning: tell facilitators when reports in one category and area rise sharply.

A surge is judged per (category, area) on weekly counts: this week's count is at least
``ratio`` (3) times the average of the trailing ``weeks`` (4) weeks, and at least k (5). With no
reports in the trailing weeks, k reports this week are a surge; below k nothing fires, which
also keeps small numbers out of alerts. Weeks before the dialogue existed count as zero.
Comparisons use exact fractions, so a boundary case never flips on floating-point rounding.

Urgent categories (threats by armed groups) alert on any report this week: waiting for five
would be too late. The caller may say which pairs have reports not yet alerted about, so that
the same report does not alert again on each day of its week.

Each (category, area) alerts at most once a day: the caller passes the pairs already alerted
today and records the ones returned. An alert carries this week's count only, through
``suppress_below`` (an urgent single report reads "<5"); the trailing average is left out,
because an average of small weekly counts would give those counts back.

:func:`decide` is the whole check for one dialogue: from what storage counted, the alerts to
record and the notices to send each of its facilitators.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from flows.disclosure import DEFAULT_K, Cell, Mark, suppress_below
from flows.notices import GrievanceAlert

DEFAULT_RATIO = 3
TRAILING_WEEKS = 4

Key = tuple[str, str]  # (category id, area id)


class AlertReason(StrEnum):
    SURGE = "surge"
    URGENT = "urgent"


@dataclass(frozen=True, slots=True)
class Alert:
    category: str
    area: str
    reasons: frozenset[AlertReason]
    count: Cell  # this week's count, "<k" when below k

    @property
    def key(self) -> Key:
        return self.category, self.area


@dataclass(frozen=True, slots=True)
class RaisedAlert:
    """An alert as recorded, for the digest's "early warnings this week"."""

    day: date
    category: str
    area: str
    reasons: frozenset[AlertReason]


def reasons_from(stored: Iterable[str]) -> frozenset[AlertReason]:
    """Reasons as stored (their ids, in the database or in a notice); an id this Palabre does
    not know is left out."""
    known = {r.value for r in AlertReason}
    return frozenset(AlertReason(r) for r in stored if r in known)


def is_surge(
    current: int,
    previous: Sequence[int],
    *,
    k: int = DEFAULT_K,
    ratio: int | Fraction = DEFAULT_RATIO,
    weeks: int = TRAILING_WEEKS,
) -> bool:
    """Whether ``current`` is a surge over ``previous`` (most recent week first)."""
    if current < 0 or any(c < 0 for c in previous):
        raise ValueError("counts cannot be negative")
    if weeks < 1:
        raise ValueError("the trailing window needs at least one week")
    trailing = sum(previous[:weeks])  # missing weeks count as zero
    return current >= k and current * weeks >= Fraction(ratio) * trailing


def alerts_to_raise(
    current: Mapping[Key, int],
    previous: Mapping[Key, Sequence[int]],
    *,
    urgent_categories: Set[str],
    already_alerted_today: Set[Key],
    k: int = DEFAULT_K,
    ratio: int | Fraction = DEFAULT_RATIO,
    weeks: int = TRAILING_WEEKS,
    new_since_last_alert: Set[Key] | None = None,
) -> tuple[Alert, ...]:
    """The alerts to send now, in (category, area) order, none for a pair alerted today.

    ``current`` holds this week's count per pair, ``previous`` the trailing weekly counts
    (most recent first; a pair missing from it had none). ``new_since_last_alert``, when
    given, names the pairs with reports the facilitators have not been alerted about: an
    urgent category alerts only for those, so one report does not alert again every day of
    its week.
    """
    alerts = []
    for key in sorted(current):
        if key in already_alerted_today:
            continue
        count = current[key]
        reasons = set()
        if is_surge(count, previous.get(key, ()), k=k, ratio=ratio, weeks=weeks):
            reasons.add(AlertReason.SURGE)
        fresh = new_since_last_alert is None or key in new_since_last_alert
        if key[0] in urgent_categories and count >= 1 and fresh:
            reasons.add(AlertReason.URGENT)
        if reasons:
            alerts.append(Alert(key[0], key[1], frozenset(reasons), suppress_below(count, k)))
    return tuple(alerts)


@dataclass(frozen=True, slots=True)
class Reports:
    """What storage counted for one dialogue, as :func:`decide` reads it (pairs are (category,
    area))."""

    #: Per pair: the count of the last seven days, then of each trailing week, most recent first.
    weekly: Mapping[Key, Sequence[int]]
    #: All-time counts per pair, for the pairs in urgent categories.
    urgent_totals: Mapping[Key, int]
    #: Per pair: how many reports (all time) its latest alert covered.
    seen: Mapping[Key, int]
    alerted_today: Set[Key]


@dataclass(frozen=True, slots=True)
class RecordAlert:
    """Record that ``alert`` was raised on ``day``, covering ``seen`` reports of its pair."""

    alert: Alert
    day: date
    seen: int


AlertEvent = RecordAlert | GrievanceAlert


def this_week(weekly: Mapping[Key, Sequence[int]]) -> dict[Key, int]:
    """The pairs with reports in the last seven days, with their count."""
    return {key: counts[0] for key, counts in weekly.items() if counts and counts[0]}


def decide(
    reports: Reports,
    *,
    dialogue_id: int,
    day: date,
    urgent_categories: Set[str],
    facilitators: Sequence[int],
    k: int = DEFAULT_K,
) -> tuple[AlertEvent, ...]:
    """The alerts to record for ``dialogue_id`` on ``day`` and the notice for each of its
    ``facilitators`` (person ids), in (category, area) order."""
    alerts = alerts_to_raise(
        this_week(reports.weekly),
        {key: counts[1:] for key, counts in reports.weekly.items()},
        urgent_categories=urgent_categories,
        already_alerted_today=reports.alerted_today,
        k=k,
        new_since_last_alert={
            key for key, total in reports.urgent_totals.items() if total > reports.seen.get(key, 0)
        },
    )
    warnings: list[AlertEvent] = []
    for alert in alerts:
        warnings.append(RecordAlert(alert, day, reports.urgent_totals.get(alert.key, 0)))
        count = alert.count.value if alert.count.mark is not Mark.SMALL else None
        reasons = tuple(sorted(r.value for r in alert.reasons))
        warnings += [
            GrievanceAlert(person, dialogue_id, day, alert.category, alert.area, reasons, count)
            for person in facilitators
        ]
    return tuple(warnings)
