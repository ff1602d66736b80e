"""Text in a chart, for one reader: shaped for right-to-left scripts, wrapped and shortened to
fit, in the chart font, with titles, notes and legends on the side the reader starts from.

Arabic: matplotlib 3.11 and later lay text out with libraqm, which joins Arabic letters and
orders right-to-left text itself (:data:`NATIVE_LAYOUT`). Older matplotlib draws characters
one by one, left to right; there :func:`shape` joins the letters (``arabic-reshaper``) and puts
each line in display order (``python-bidi``) first. Doing both would reverse the text twice, so
exactly one of them runs.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from arabic_reshaper import reshape
from bidi.algorithm import get_display
from matplotlib import ft2font
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from bot.i18n import Translator
from flows.roles import Role
from flows.surveys.items import Instrument
from flows.text import N_

FONT_FAMILY = "DejaVu Sans"
SOURCE_LANGUAGE = "en"
#: How many characters of a title (13 pt bold) or a note (8 pt) fit on one line of the figure,
#: with room to spare for wide letters: longer ones wrap instead of running off the edge.
TITLE_CHARACTERS = 62
NOTE_CHARACTERS = 118
Legend = Literal["outside left center", "outside right center"]

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

#: What each group's index line is: the community's own trust, or the police's or officials'
#: estimate of it (their index is over items about the community), never labelled alike.
INDEX_SERIES: dict[Role, str] = {
    Role.COMMUNITY: N_("Community's own trust"),
    Role.POLICE: N_("Police's estimate of community trust"),
    Role.OFFICIAL: N_("Officials' estimate of community trust"),
}

#: Whether matplotlib shapes and orders complex scripts itself (libraqm, matplotlib ≥ 3.11).
NATIVE_LAYOUT = bool(getattr(ft2font, "__libraqm_version__", ""))
#: Bidi controls DejaVu Sans has no glyph for (libraqm applies the others, and draws nothing).
_NO_GLYPH = dict.fromkeys(map(ord, "\u061c"))
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def shape(text: str, right_to_left: bool = False, native: bool | None = None) -> str:
    """``text`` as matplotlib must be given it. With libraqm (``native``, by default when
    matplotlib has it): unchanged but for marks the font lacks. Without: Arabic letters joined
    and every line in display order (paragraph direction right-to-left for a right-to-left
    reader, else from its first strong character), invisible bidi marks dropped.
    """
    if NATIVE_LAYOUT if native is None else native:
        return text.translate(_NO_GLYPH)
    if not _RTL_CHARS.search(text):
        return text.translate(BIDI_CONTROLS)
    base = "R" if right_to_left else None
    return "\n".join(
        get_display(reshape(line), base_dir=base).translate(BIDI_CONTROLS)
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


def index_label(t: Translator, role: Role) -> str:
    """What a group's index line is called in a chart's legend or panel."""
    return t._(INDEX_SERIES[role])


class Writer:
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

    def legend(self, fig: Figure, handles: Sequence[Any], labels: Sequence[str]) -> None:
        """``handles``: the lines or bar containers drawn, one per label."""
        where: Legend = "outside left center" if self.rtl else "outside right center"
        fig.legend(list(handles), [self(label) for label in labels], loc=where, prop=self.font(9))


def day_label(write: Writer, x: float) -> str:
    """The local day of ``x`` in the reader's short format, without bidi marks (which would
    scramble it inside a sentence of the other direction)."""
    return write.t.date(date.fromordinal(int(x)), "short").translate(BIDI_CONTROLS)
