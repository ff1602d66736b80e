"""PNG charts of survey trends, drawn for one reader: the trust index per group over waves with
its 95 % confidence band, and the perception gap; and the same across dialogues for program
staff (one line per site).

What is drawn is what ``flows.surveys.trends`` lets be shown: a wave's point exists only when
the wave is closed and the group shown (at least k respondents) with an index; otherwise the
point is NaN, so the line breaks there and nothing marks the suppressed wave. Open waves are
left out entirely (results are released at close).

Rendering uses ``matplotlib.figure.Figure`` with its own Agg canvas: no pyplot, no global
backend or rcParams, so each call is self-contained and may run in a worker thread. Every
figure has a fixed size (the PNG's pixel size is the same whatever the data), in DejaVu Sans,
which covers Arabic.

Arabic: matplotlib 3.11 and later lay text out with libraqm, which joins Arabic letters and
orders right-to-left text itself (:data:`NATIVE_LAYOUT`). Older matplotlib draws characters
one by one, left to right; there :func:`shape` joins the letters (``arabic-reshaper``) and puts
each line in display order (``python-bidi``) first. Doing both would reverse the text twice, so
exactly one of them runs. For right-to-left readers the layout is mirrored: titles and notes
aligned right, the value axis on the right, time running from right to left, legends on the
left.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from arabic_reshaper import reshape
from bidi.algorithm import get_display
from matplotlib import ft2font
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from bot.i18n import Translator
from bot.texts import group_name
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.surveys.items import Instrument
from flows.surveys.trends import DialogueTrends, WaveResult
from flows.text import N_

#: Figure size in inches and resolution: every chart is WIDTH × HEIGHT pixels.
SIZE = (8.0, 4.5)
DPI = 120
WIDTH, HEIGHT = round(SIZE[0] * DPI), round(SIZE[1] * DPI)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FONT_FAMILY = "DejaVu Sans"
SOURCE_LANGUAGE = "en"
MAX_TICKS = 6
#: How many characters of a title (13 pt bold) or a note (8 pt) fit on one line of the figure,
#: with room to spare for wide letters: longer ones wrap instead of running off the edge.
TITLE_CHARACTERS = 62
NOTE_CHARACTERS = 118
NAN = math.nan

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

#: Short names of the default instrument's mirrored items, for chart labels. Other items (or a
#: language where the short name is not translated yet) use the item's own wording, cut short.
SHORT_ITEMS: dict[str, str] = {
    "trust_police": N_("Trust in the police"),
    "trust_officials": N_("Trust in local officials"),
    "safe_after_dark": N_("Feeling safe after dark"),
    "pj_respect": N_("Police treat people with respect"),
    "pj_fair": N_("Police make fair decisions"),
    "pj_explain": N_("Police explain their decisions"),
    "voice_listen": N_("Police listen to residents"),
}

#: Whether matplotlib shapes and orders complex scripts itself (libraqm, matplotlib ≥ 3.11).
NATIVE_LAYOUT = bool(getattr(ft2font, "__libraqm_version__", ""))
#: Bidi controls DejaVu Sans has no glyph for (libraqm applies the others, and draws nothing).
_NO_GLYPH = dict.fromkeys(map(ord, "\u061c"))
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


# Text ------------------------------------------------------------------------------------------


def shape(text: str, right_to_left: bool = False, native: bool | None = None) -> str:
    """``text`` as matplotlib must be given it. With libraqm (``native``, by default when
    matplotlib has it): unchanged but for marks the font lacks. Without: Arabic letters joined
    and every line in display order (paragraph direction right-to-left for a right-to-left
    reader, else from its first strong character), invisible bidi marks dropped.
    """
    if NATIVE_LAYOUT if native is None else native:
        return text.translate(_NO_GLYPH)
    if not _RTL_CHARS.search(text):
        return text.translate(_BIDI_CONTROLS)
    base = "R" if right_to_left else None
    return "\n".join(
        get_display(reshape(line), base_dir=base).translate(_BIDI_CONTROLS)
        for line in text.split("\n")
    )


def wrapped(text: str, width: int) -> str:
    """``text`` broken into lines of at most about ``width`` characters, in reading order
    (before shaping, so a right-to-left title's first line stays its beginning)."""
    return "\n".join(textwrap.wrap(text.strip(), width) or [""])


def shorten(text: str, width: int = 28, lines: int = 2) -> str:
    """At most ``lines`` lines of about ``width`` characters, with an ellipsis if cut."""
    wrapped = textwrap.wrap(text.strip(), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1].rstrip(" ,.;:?؟،") + "…"
    return "\n".join(wrapped)


def item_label(t: Translator, instrument: Instrument, item_id: str) -> str:
    """A mirrored item's label in the reader's language, short enough for a chart."""
    short = SHORT_ITEMS.get(item_id)
    if short is not None and (t.language == SOURCE_LANGUAGE or t._(short) != short):
        return shorten(t._(short))
    item = instrument.item(item_id)
    try:
        wording = item.text_for(Role.COMMUNITY, t.language)
    except KeyError:
        wording = item.text_for(Role.COMMUNITY, SOURCE_LANGUAGE)
    return shorten(wording)


class _Writer:
    """Shaped text in the chart font for one reader."""

    def __init__(self, t: Translator) -> None:
        self.t = t
        self.rtl = t.right_to_left

    def __call__(self, text: str) -> str:
        return shape(text, self.rtl)

    @staticmethod
    def font(size: float = 10, bold: bool = False) -> FontProperties:
        return FontProperties(family=FONT_FAMILY, size=size, weight="bold" if bold else "normal")

    @property
    def side(self) -> str:
        """Where text starts for this reader."""
        return "right" if self.rtl else "left"

    def title(self, fig: Figure, text: str) -> None:
        x = 0.98 if self.rtl else 0.02
        fig.suptitle(
            self(wrapped(text, TITLE_CHARACTERS)),
            x=x,
            ha=self.side,
            fontproperties=self.font(13, bold=True),
        )

    def note(self, fig: Figure, text: str) -> None:
        x = 0.98 if self.rtl else 0.02
        fig.supxlabel(
            self(wrapped(text, NOTE_CHARACTERS)), x=x, ha=self.side, fontproperties=self.font(8)
        )

    def legend(self, fig: Figure, handles: list, labels: list[str]) -> None:
        where = "outside left center" if self.rtl else "outside right center"
        fig.legend(handles, [self(label) for label in labels], loc=where, prop=self.font(9))


# Series ----------------------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class Site:
    """One dialogue for the program-wide charts: its name, trends and waves' opening times."""

    name: str
    trends: DialogueTrends
    opened: Mapping[str, datetime]


def day_number(moment: datetime) -> float:
    """Days since 0001-01-01 (local time of ``moment``), with the time of day as a fraction."""
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return moment.toordinal() + seconds / 86400


def _closed(trends: DialogueTrends, opened: Mapping[str, datetime]) -> list[WaveResult]:
    return [w for w in trends.waves if w.closed and w.wave_id in opened]


def index_series(trends: DialogueTrends, opened: Mapping[str, datetime]) -> dict[Role, Series]:
    """The trust index of each group over the closed waves; NaN where the group was not shown
    (fewer than k respondents), had no index or did not take part. Groups with no point at all
    are left out."""
    waves = _closed(trends, opened)
    found: dict[Role, Series] = {}
    for role in STAKEHOLDER_ROLES:
        x, mean, low, high = [], [], [], []
        for wave in waves:
            group = wave.group(role)
            index = group.index if group is not None and group.shown else None
            x.append(day_number(opened[wave.wave_id]))
            if index is None:
                mean.append(NAN), low.append(NAN), high.append(NAN)
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
    waves = _closed(trends, opened)
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


# Figures ---------------------------------------------------------------------------------------


def _figure() -> Figure:
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png(fig: Figure) -> bytes:
    out = BytesIO()
    fig.savefig(out, format="png", dpi=DPI, facecolor="white")
    return out.getvalue()


def day_label(write: _Writer, x: float) -> str:
    """The local day of ``x`` in the reader's short format, without bidi marks (which would
    scramble it inside a sentence of the other direction)."""
    return write.t.date(date.fromordinal(int(x)), "short").translate(_BIDI_CONTROLS)


def _ticks(ax: Axes, write: _Writer, xs: Sequence[float], most: int, at_waves: bool) -> None:
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


def _value_axis(ax: Axes, write: _Writer, low: float, high: float, step: float) -> None:
    values = []
    v = low
    while v <= high + 1e-9:
        values.append(v)
        v += step
    ax.set_ylim(low, high)
    labels = [write(write.t.number(round(v))) for v in values]
    ax.set_yticks(values, labels, fontproperties=write.font(8))
    ax.grid(axis="y", alpha=0.3)


def _mirror(ax: Axes, write: _Writer, *, labels: bool = True) -> None:
    """For a right-to-left reader: values on the right, time running right to left. Value
    labels only where ``labels`` (the outer panel of a row)."""
    if write.rtl:
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
        ax.invert_xaxis()
    side = "labelright" if write.rtl else "labelleft"
    ax.tick_params(axis="y", **{side: labels})


def _draw(ax: Axes, series: Series, gid: str, colour: str, marker: str, band: float) -> object:
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


def _no_point_note(write: _Writer, k: int) -> str:
    return write.t._(
        "Shaded: confidence band (95%). No point is drawn where fewer than {k} people answered.",
        k=k,
    )


def trust_index_figure(
    t: Translator, trends: DialogueTrends, opened: Mapping[str, datetime], dialogue: str
) -> Figure | None:
    """The trust index per group over the dialogue's closed waves; None when no point may be
    drawn. ``opened``: each wave's opening time in local time."""
    found = index_series(trends, opened)
    if not found:
        return None
    write = _Writer(t)
    fig = _figure()
    ax = fig.subplots()
    handles, labels = [], []
    for role, series in found.items():
        colour, marker = ROLE_STYLE[role]
        handles.append(_draw(ax, series, role.value, colour, marker, 0.15))
        labels.append(group_name(t, role))
    xs = [day_number(opened[w.wave_id]) for w in _closed(trends, opened)]
    _ticks(ax, write, xs, MAX_TICKS, at_waves=True)
    _value_axis(ax, write, 0, 100, 20)
    ax.set_ylabel(write(t._("Trust index (0–100)")), fontproperties=write.font(9))
    ax.set_xlabel(write(t._("Survey date")), fontproperties=write.font(9))
    _mirror(ax, write)
    write.title(fig, t._("Trust index by group — {dialogue}", dialogue=dialogue))
    write.legend(fig, handles, labels)
    write.note(fig, _no_point_note(write, trends.k))
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
    write = _Writer(t)
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
        values = {g.item_id: g.estimate for g in wave.gaps if g.role is role}
        label = t._("{group}: their estimate", group=group_name(t, role))
        bars.append((role, label, [values.get(i, NAN) for i in items]))
    fig = _figure()
    ax = fig.subplots()
    height = 0.8 / len(bars)
    handles, labels = [], []
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


def _site_panels(
    t: Translator,
    sites: Sequence[Site],
    series_of,
    roles: Sequence[Role],
) -> tuple[Figure, list[tuple[Role, Axes]], list, list[str], _Writer] | None:
    """One panel per group that has a point somewhere, one line per site in each."""
    per_site = [(site, series_of(site.trends, site.opened)) for site in sites]
    shown_roles = [r for r in roles if any(r in found for _, found in per_site)]
    if not shown_roles:
        return None
    write = _Writer(t)
    fig = _figure()
    axes = fig.subplots(1, len(shown_roles), squeeze=False)[0]
    panels = list(zip(reversed(shown_roles) if write.rtl else shown_roles, axes, strict=True))
    handles: dict[str, object] = {}
    for n, (site, found) in enumerate(per_site):
        colour, marker = SITE_COLOURS[n % len(SITE_COLOURS)], SITE_MARKERS[n % len(SITE_MARKERS)]
        for role, ax in panels:
            if role in found:
                line = _draw(ax, found[role], f"site:{n}", colour, marker, 0.08)
                handles.setdefault(site.name, line)
    xs = [
        day_number(site.opened[w.wave_id])
        for site in sites
        for w in _closed(site.trends, site.opened)
    ]
    for role, ax in panels:
        ax.set_title(write(group_name(t, role)), fontproperties=write.font(10, bold=True))
        _ticks(ax, write, xs, 3 if len(panels) > 1 else MAX_TICKS, at_waves=False)
    return fig, panels, list(handles.values()), list(handles), write


def program_index_figure(t: Translator, sites: Sequence[Site]) -> Figure | None:
    """Program staff: the trust index over waves, a panel per group and a line per site."""
    made = _site_panels(t, sites, index_series, STAKEHOLDER_ROLES)
    if made is None:
        return None
    fig, panels, handles, labels, write = made
    edge = len(panels) - 1 if write.rtl else 0
    for n, (_role, ax) in enumerate(panels):
        _value_axis(ax, write, 0, 100, 20)
        _mirror(ax, write, labels=n == edge)
        if n == edge:
            ax.set_ylabel(write(t._("Trust index (0–100)")), fontproperties=write.font(9))
    write.title(fig, t._("Trust index by group and site"))
    write.legend(fig, handles, labels)
    write.note(fig, _no_point_note(write, max(s.trends.k for s in sites)))
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
        _value_axis(ax, write, -reach, reach, reach / 2)
        _mirror(ax, write, labels=n == edge)
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


def _png(fig: Figure | None) -> bytes | None:
    return png(fig) if fig is not None else None


def trust_index_chart(
    t: Translator, trends: DialogueTrends, opened: Mapping[str, datetime], dialogue: str
) -> bytes | None:
    """:func:`trust_index_figure` as PNG bytes."""
    return _png(trust_index_figure(t, trends, opened, dialogue))


def perception_gap_chart(
    t: Translator,
    instrument: Instrument,
    trends: DialogueTrends,
    opened: Mapping[str, datetime],
    dialogue: str,
) -> bytes | None:
    """:func:`perception_gap_figure` as PNG bytes."""
    return _png(perception_gap_figure(t, instrument, trends, opened, dialogue))


def program_index_chart(t: Translator, sites: Sequence[Site]) -> bytes | None:
    """:func:`program_index_figure` as PNG bytes."""
    return _png(program_index_figure(t, sites))


def program_gap_chart(t: Translator, sites: Sequence[Site]) -> bytes | None:
    """:func:`program_gap_figure` as PNG bytes."""
    return _png(program_gap_figure(t, sites))
