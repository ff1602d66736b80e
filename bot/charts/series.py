"""What a chart draws, as numbers: a series per group over the closed waves, NaN where nothing
may be drawn (a group not shown, fewer than k respondents), so the line breaks there and nothing
marks the suppressed wave. Open waves are left out entirely (results are released at close)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.surveys.trends import DialogueTrends, Site, WaveResult

__all__ = ["NAN", "Series", "Site", "day_number", "gap_series", "index_series", "latest_gaps"]

NAN = math.nan


@dataclass(frozen=True, slots=True)
class Series:
    """Points over waves (x: days, local time); NaN where nothing may be drawn."""

    x: tuple[float, ...]
    mean: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]

    @property
    def drawn(self) -> int:
        return sum(not math.isnan(v) for v in self.mean)


def day_number(moment: datetime) -> float:
    """Days since 0001-01-01 (local time of ``moment``), with the time of day as a fraction."""
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return moment.toordinal() + seconds / 86400


def closed_waves(trends: DialogueTrends, opened: Mapping[str, datetime]) -> list[WaveResult]:
    return [w for w in trends.waves if w.closed and w.wave_id in opened]


def index_series(trends: DialogueTrends, opened: Mapping[str, datetime]) -> dict[Role, Series]:
    """The trust index of each group over the closed waves; NaN where the group was not shown
    (fewer than k respondents), had no index or did not take part. Groups with no point at all
    are left out."""
    waves = closed_waves(trends, opened)
    found: dict[Role, Series] = {}
    for role in STAKEHOLDER_ROLES:
        x: list[float] = []
        mean: list[float] = []
        low: list[float] = []
        high: list[float] = []
        for wave in waves:
            group = wave.group(role)
            index = group.index if group is not None and group.shown else None
            x.append(day_number(opened[wave.wave_id]))
            if index is None:
                mean.append(NAN)
                low.append(NAN)
                high.append(NAN)
                continue
            mean.append(index.mean)
            low.append(index.low if index.low is not None else index.mean)
            high.append(index.high if index.high is not None else index.mean)
        series = Series(tuple(x), tuple(mean), tuple(low), tuple(high))
        if series.drawn:
            found[role] = series
    return found


def gap_series(trends: DialogueTrends, opened: Mapping[str, datetime]) -> dict[Role, Series]:
    """Per estimating group (police, officials): the average perception gap over the mirrored
    items of each closed wave; NaN where no gap may be shown."""
    waves = closed_waves(trends, opened)
    found: dict[Role, Series] = {}
    for role in (Role.POLICE, Role.OFFICIAL):
        x, mean = [], []
        for wave in waves:
            gaps = [g.gap for g in wave.gaps if g.role is role]
            x.append(day_number(opened[wave.wave_id]))
            mean.append(sum(gaps) / len(gaps) if gaps else NAN)
        none = tuple(NAN for _ in x)
        series = Series(tuple(x), tuple(mean), none, none)
        if series.drawn:
            found[role] = series
    return found


def latest_gaps(trends: DialogueTrends) -> WaveResult | None:
    """The latest closed wave that has a perception gap to show."""
    return next((w for w in reversed(trends.waves) if w.closed and w.gaps), None)
