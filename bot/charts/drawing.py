"""Drawing on a figure: its fixed size, the groups' and sites' colours, date and value axes in
the reader's numbers, a line with its confidence band, and the mirrored layout for
right-to-left readers (values on the right, time running from right to left).

Rendering uses ``matplotlib.figure.Figure`` with its own Agg canvas: no pyplot, no global
backend or rcParams, so each call is self-contained and may run in a worker thread. Every
figure has a fixed size (the PNG's pixel size is the same whatever the data).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.charts.series import Series
from bot.charts.text import Writer, day_label
from flows.roles import Role

#: Figure size in inches and resolution: every chart is WIDTH × HEIGHT pixels.
SIZE = (8.0, 4.5)
DPI = 120
WIDTH, HEIGHT = round(SIZE[0] * DPI), round(SIZE[1] * DPI)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TICKS = 6

#: Okabe–Ito colours (distinguishable with colour blindness), and a marker per group.
ROLE_STYLE: dict[Role, tuple[str, str]] = {
    Role.COMMUNITY: ("#0072B2", "o"),
    Role.POLICE: ("#D55E00", "s"),
    Role.OFFICIAL: ("#009E73", "^"),
}
SITE_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
SITE_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def new_figure() -> Figure:
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png(fig: Figure) -> bytes:
    out = BytesIO()
    fig.savefig(out, format="png", dpi=DPI, facecolor="white")
    return out.getvalue()


def date_ticks(ax: Axes, write: Writer, xs: Sequence[float], most: int, at_waves: bool) -> None:
    """Date ticks in the reader's format: at the waves (at most ``most``, evenly chosen, one
    per day), or ``most`` evenly spaced over the time range (many sites' waves)."""
    low, high = (min(xs), max(xs)) if xs else (0.0, 1.0)
    if at_waves:
        by_day = {int(x): x for x in sorted(xs, reverse=True)}
        keys = sorted(by_day.values())
        if len(keys) > most:
            step = (len(keys) - 1) / (most - 1)
            keys = [keys[round(n * step)] for n in range(most)]
    else:
        count = min(most, int(high) - int(low) + 1)
        keys = [low + (high - low) * n / max(1, count - 1) for n in range(count)]
    labels = [write(day_label(write, x)) for x in keys]
    ax.set_xticks(keys, labels, fontproperties=write.font(8))
    pad = max(1.0, (high - low) * 0.06)
    ax.set_xlim(low - pad, high + pad)
    if len(keys) > 3:
        ax.tick_params(axis="x", labelrotation=30)


def value_axis(ax: Axes, write: Writer, low: float, high: float, step: float) -> None:
    values = []
    v = low
    while v <= high + 1e-9:
        values.append(v)
        v += step
    ax.set_ylim(low, high)
    labels = [write(write.t.number(round(v))) for v in values]
    ax.set_yticks(values, labels, fontproperties=write.font(8))
    ax.grid(axis="y", alpha=0.3)


def mirror(ax: Axes, write: Writer, *, labels: bool = True) -> None:
    """For a right-to-left reader: values on the right, time running right to left. Value
    labels only where ``labels`` (the outer panel of a row)."""
    if write.rtl:
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
        ax.invert_xaxis()
    side = "labelright" if write.rtl else "labelleft"
    ax.tick_params(axis="y", **{side: labels})


def draw(ax: Axes, series: Series, gid: str, colour: str, marker: str, band: float) -> object:
    """A line with markers (named ``gid``), its confidence band (where there is one) and
    whiskers, so that a point between two suppressed waves still shows its interval."""
    x, mean = list(series.x), list(series.mean)
    (line,) = ax.plot(x, mean, color=colour, marker=marker, linewidth=2, markersize=6, gid=gid)
    finite = [not math.isnan(v) for v in series.low]
    if any(finite):
        ax.fill_between(
            x,
            list(series.low),
            list(series.high),
            where=finite,
            color=colour,
            alpha=band,
            linewidth=0,
            interpolate=False,
        )
        points = [n for n, ok in enumerate(finite) if ok and not math.isnan(mean[n])]
        ax.errorbar(
            [x[n] for n in points],
            [mean[n] for n in points],
            yerr=[
                [mean[n] - series.low[n] for n in points],
                [series.high[n] - mean[n] for n in points],
            ],
            fmt="none",
            ecolor=colour,
            alpha=0.6,
            capsize=3,
            linewidth=1,
        )
    return line


def no_point_note(write: Writer, k: int) -> str:
    return write.t._(
        "Shaded: confidence band (95%). No point is drawn where fewer than {k} people answered.",
        k=k,
    )
