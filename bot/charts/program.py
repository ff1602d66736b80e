"""Program staff's charts: the same across every dialogue, a panel per group and a line per
site."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.charts.drawing import (
    MAX_TICKS,
    SITE_COLOURS,
    SITE_MARKERS,
    date_ticks,
    draw,
    mirror,
    new_figure,
    no_point_note,
    value_axis,
)
from bot.charts.series import Series, closed_waves, day_number, gap_series, index_series
from bot.charts.text import Writer, index_label
from bot.i18n import Translator
from bot.texts import group_name
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.surveys.trends import DialogueTrends, Site

SeriesOf = Callable[[DialogueTrends, Mapping[str, datetime]], dict[Role, Series]]


def _site_panels(
    t: Translator,
    sites: Sequence[Site],
    series_of: SeriesOf,
    roles: Sequence[Role],
    panel_title: Callable[[Translator, Role], str] = group_name,
) -> tuple[Figure, list[tuple[Role, Axes]], list[Any], list[str], Writer] | None:
    """One panel per group that has a point somewhere, one line per site in each."""
    per_site = [(site, series_of(site.trends, site.opened)) for site in sites]
    shown_roles = [r for r in roles if any(r in found for _, found in per_site)]
    if not shown_roles:
        return None
    write = Writer(t)
    fig = new_figure()
    axes = fig.subplots(1, len(shown_roles), squeeze=False)[0]
    panels = list(zip(reversed(shown_roles) if write.rtl else shown_roles, axes, strict=True))
    handles: dict[str, object] = {}
    for n, (site, found) in enumerate(per_site):
        colour, marker = SITE_COLOURS[n % len(SITE_COLOURS)], SITE_MARKERS[n % len(SITE_MARKERS)]
        for role, ax in panels:
            if role in found:
                line = draw(ax, found[role], f"site:{n}", colour, marker, 0.08)
                handles.setdefault(site.name, line)
    xs = [
        day_number(site.opened[w.wave_id])
        for site in sites
        for w in closed_waves(site.trends, site.opened)
    ]
    for role, ax in panels:
        ax.set_title(write(panel_title(t, role)), fontproperties=write.font(10, bold=True))
        date_ticks(ax, write, xs, 3 if len(panels) > 1 else MAX_TICKS, at_waves=False)
    return fig, panels, list(handles.values()), list(handles), write


def program_index_figure(t: Translator, sites: Sequence[Site]) -> Figure | None:
    """Program staff: the community's trust index over waves and the police's and
    officials' estimate of it, a panel each (titled with what it is) and a line per site."""
    made = _site_panels(t, sites, index_series, STAKEHOLDER_ROLES, index_label)
    if made is None:
        return None
    fig, panels, handles, labels, write = made
    edge = len(panels) - 1 if write.rtl else 0
    for n, (_role, ax) in enumerate(panels):
        value_axis(ax, write, 0, 100, 20)
        mirror(ax, write, labels=n == edge)
        if n == edge:
            ax.set_ylabel(write(t._("Index (0–100)")), fontproperties=write.font(9))
    write.title(
        fig, t._("Community trust, and the police's and officials' estimate of it, by site")
    )
    write.legend(fig, handles, labels)
    write.note(fig, no_point_note(write, max(s.trends.k for s in sites)))
    return fig


def program_gap_figure(t: Translator, sites: Sequence[Site]) -> Figure | None:
    """Program staff: the average perception gap over waves, a panel per estimating group
    (police, officials) and a line per site."""
    made = _site_panels(t, sites, gap_series, (Role.POLICE, Role.OFFICIAL))
    if made is None:
        return None
    fig, panels, handles, labels, write = made
    values = [
        abs(v)
        for site in sites
        for series in gap_series(site.trends, site.opened).values()
        for v in series.mean
        if not math.isnan(v)
    ]
    reach = min(100, max(20, 20 * math.ceil((max(values) + 5) / 20)))
    edge = len(panels) - 1 if write.rtl else 0
    for n, (_role, ax) in enumerate(panels):
        value_axis(ax, write, -reach, reach, reach / 2)
        mirror(ax, write, labels=n == edge)
        ax.axhline(0, color="#555555", linewidth=1)
        if n == edge:
            ax.set_ylabel(write(t._("Average gap (points)")), fontproperties=write.font(9))
    write.title(fig, t._("Perception gap by site"))
    write.legend(fig, handles, labels)
    write.note(
        fig,
        t._(
            "Estimate minus the community's own answer, averaged over the mirrored questions. "
            "No point where a group had fewer than {k} answers.",
            k=max(s.trends.k for s in sites),
        ),
    )
    return fig
