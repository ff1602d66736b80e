"""PNG charts of survey trends, drawn for one reader: the trust index per group over waves with
its 95 % confidence band, and the perception gap; and the same across dialogues for program
staff (one line per site).

What is drawn is what ``flows.surveys.trends`` lets be shown (see :mod:`bot.charts.series`).
Every figure has a fixed size, in DejaVu Sans, which covers Arabic; for right-to-left readers
the layout is mirrored: titles and notes aligned right, the value axis on the right, time
running from right to left, legends on the left (:mod:`bot.charts.text`,
:mod:`bot.charts.drawing`). Drawing is self-contained (no pyplot), so the handlers run it in a
worker thread.

Modules: ``text`` (bidirectional text, labels), ``series`` (the numbers drawn), ``drawing``
(figure, axes, lines and bands), ``figures`` (a dialogue's charts), ``program`` (across sites).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from matplotlib.figure import Figure

from bot.charts.drawing import DPI, HEIGHT, PNG_SIGNATURE, SIZE, WIDTH, png
from bot.charts.figures import perception_gap_figure, trust_index_figure
from bot.charts.program import program_gap_figure, program_index_figure
from bot.charts.series import Series, Site, day_number, gap_series, index_series, latest_gaps
from bot.charts.text import item_label, shape, shorten, wrapped
from bot.i18n import Translator
from flows.surveys.items import Instrument
from flows.surveys.trends import DialogueTrends

__all__ = [
    "DPI",
    "HEIGHT",
    "PNG_SIGNATURE",
    "SIZE",
    "WIDTH",
    "Series",
    "Site",
    "day_number",
    "gap_series",
    "index_series",
    "item_label",
    "latest_gaps",
    "perception_gap_chart",
    "perception_gap_figure",
    "png",
    "program_gap_chart",
    "program_gap_figure",
    "program_index_chart",
    "program_index_figure",
    "shape",
    "shorten",
    "trust_index_chart",
    "trust_index_figure",
    "wrapped",
]


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
