"""A dialogue's two charts: the trust index per group over its closed waves with its 95 %
confidence band, and the latest perception gap per mirrored question."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from matplotlib.figure import Figure

from bot.charts.drawing import (
    MAX_TICKS,
    ROLE_STYLE,
    date_ticks,
    draw,
    mirror,
    new_figure,
    no_point_note,
    value_axis,
)
from bot.charts.series import NAN, closed_waves, day_number, index_series, latest_gaps
from bot.charts.text import Writer, day_label, index_label, item_label
from bot.i18n import Translator
from bot.texts import group_name
from flows.roles import Role
from flows.surveys.items import Instrument
from flows.surveys.trends import DialogueTrends


def trust_index_figure(
    t: Translator, trends: DialogueTrends, opened: Mapping[str, datetime], dialogue: str
) -> Figure | None:
    """The community's trust index over the dialogue's closed waves, and the police's and
    officials' estimate of it, each its own labelled line; None when no point may be drawn.
    ``opened``: each wave's opening time in local time."""
    found = index_series(trends, opened)
    if not found:
        return None
    write = Writer(t)
    fig = new_figure()
    ax = fig.subplots()
    handles: list[Any] = []
    labels: list[str] = []
    for role, series in found.items():
        colour, marker = ROLE_STYLE[role]
        handles.append(draw(ax, series, role.value, colour, marker, 0.15))
        labels.append(index_label(t, role))
    xs = [day_number(opened[w.wave_id]) for w in closed_waves(trends, opened)]
    date_ticks(ax, write, xs, MAX_TICKS, at_waves=True)
    value_axis(ax, write, 0, 100, 20)
    ax.set_ylabel(write(t._("Index (0–100)")), fontproperties=write.font(9))
    ax.set_xlabel(write(t._("Survey date")), fontproperties=write.font(9))
    mirror(ax, write)
    write.title(
        fig,
        t._(
            "Community trust, and the police's and officials' estimate of it — {dialogue}",
            dialogue=dialogue,
        ),
    )
    write.legend(fig, handles, labels)
    write.note(fig, no_point_note(write, trends.k))
    return fig


def perception_gap_figure(
    t: Translator,
    instrument: Instrument,
    trends: DialogueTrends,
    opened: Mapping[str, datetime],
    dialogue: str,
) -> Figure | None:
    """The latest closed wave's perception gap: for each mirrored item, the community's own
    answer next to the police's and officials' estimate of it (0–100); None without a gap."""
    wave = latest_gaps(trends)
    if wave is None:
        return None
    write = Writer(t)
    items = list(dict.fromkeys(g.item_id for g in wave.gaps))
    roles = [r for r in (Role.POLICE, Role.OFFICIAL) if any(g.role is r for g in wave.gaps)]
    bars: list[tuple[Role, str, list[float]]] = [
        (
            Role.COMMUNITY,
            t._("{group}: its own answer", group=group_name(t, Role.COMMUNITY)),
            [next(g.community for g in wave.gaps if g.item_id == i) for i in items],
        )
    ]
    for role in roles:
        estimates = {g.item_id: g.estimate for g in wave.gaps if g.role is role}
        label = t._("{group}: their estimate", group=group_name(t, role))
        bars.append((role, label, [estimates.get(i, NAN) for i in items]))
    fig = new_figure()
    ax = fig.subplots()
    height = 0.8 / len(bars)
    handles: list[Any] = []
    labels: list[str] = []
    for n, (role, label, values) in enumerate(bars):
        offsets = [i - 0.4 + height * (n + 0.5) for i in range(len(items))]
        shown = [(y, v) for y, v in zip(offsets, values, strict=True) if not math.isnan(v)]
        colour = ROLE_STYLE[role][0]
        handles.append(
            ax.barh(
                [y for y, _ in shown],
                [v for _, v in shown],
                height=height,
                color=colour,
                gid=role.value,
            )
        )
        labels.append(label)
        for y, v in shown:
            ax.text(
                v + 1.5,
                y,
                write(t.number(round(v))),
                va="center",
                ha=write.side,
                fontproperties=write.font(7),
                color="#333333",
            )
    ax.set_yticks(
        list(range(len(items))),
        [write(item_label(t, instrument, i)) for i in items],
        fontproperties=write.font(8),
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ticks = [0, 20, 40, 60, 80, 100]
    ax.set_xticks(ticks, [write(t.number(v)) for v in ticks], fontproperties=write.font(8))
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel(write(t._("Out of 100")), fontproperties=write.font(9))
    if write.rtl:
        ax.invert_xaxis()
        ax.yaxis.tick_right()
    day = day_label(write, day_number(opened[wave.wave_id])) if wave.wave_id in opened else ""
    write.title(
        fig, t._("Perception gap — {dialogue}, survey of {day}", dialogue=dialogue, day=day)
    )
    write.legend(fig, handles, labels)
    write.note(
        fig,
        t._(
            "The gap is the estimate minus the community's own answer. Groups with fewer than "
            "{k} answers are not shown.",
            k=trends.k,
        ),
    )
    return fig
