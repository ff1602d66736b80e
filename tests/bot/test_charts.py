"""/trends charts: what is drawn (never a suppressed point), the PNGs (valid, fixed size) in
en, fr and ar, and Arabic text laid out right to left."""

from __future__ import annotations

import math
from datetime import datetime
from io import BytesIO

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from PIL import Image

from bot import charts
from bot.i18n import Catalogs, Translator
from flows.roles import Role
from flows.surveys.instruments import default_instrument
from flows.surveys.scoring import score
from flows.surveys.trends import DialogueTrends, RoleWave, WaveInput, dialogue_trends

INSTRUMENT = default_instrument()
CATALOGS = Catalogs()
LANGUAGES = ("en", "fr", "ar")
OPENED = {
    "w1": datetime(2026, 9, 7, 10),
    "w2": datetime(2026, 10, 5, 10),
    "w3": datetime(2026, 11, 2, 10),
    "w4": datetime(2026, 12, 7, 10),
}


def answers(role: Role, n: int, level: float) -> tuple[dict[str, str], ...]:
    """``n`` records of ``role``, each item answered at about ``level`` (0 least favourable,
    1 most), varied from person to person so that intervals have a width."""
    found = []
    for person in range(n):
        record = {}
        for item in INSTRUMENT.items_for(role):
            if item.is_text:
                continue
            scored = sorted(
                (c.id for c in item.scale.choices if score(item, c.id) is not None),
                key=lambda c, item=item: score(item, c) or 0.0,
            )
            at = min(1.0, level + 0.15 * (person % 3))
            record[item.id] = scored[round(at * (len(scored) - 1))]
        found.append(record)
    return tuple(found)


def group(role: Role, n: int, level: float) -> RoleWave:
    return RoleWave(role, n + 2, 0, n, answers(role, n, level))


def sample(k: int = 5) -> DialogueTrends:
    """Three closed waves and an open one. Police: 3 answers in w2 (suppressed); officials:
    never 5 answers (never shown)."""
    waves = [
        WaveInput(
            "w1",
            True,
            (
                group(Role.COMMUNITY, 8, 0.1),
                group(Role.POLICE, 6, 0.7),
                group(Role.OFFICIAL, 2, 0.4),
            ),
        ),
        WaveInput(
            "w2",
            True,
            (
                group(Role.COMMUNITY, 9, 0.3),
                group(Role.POLICE, 3, 0.8),
                group(Role.OFFICIAL, 4, 0.5),
            ),
        ),
        WaveInput(
            "w3",
            True,
            (group(Role.COMMUNITY, 7, 0.5), group(Role.POLICE, 6, 0.8)),
        ),
        WaveInput("w4", False, (RoleWave(Role.COMMUNITY, 9, 0, 6),)),
    ]
    return dialogue_trends("1", INSTRUMENT, waves, k=k)


def t_(language: str) -> Translator:
    return CATALOGS.translator(language)


def line(ax: Axes, gid: str) -> list[float]:
    (found,) = [ln for ln in ax.get_lines() if ln.get_gid() == gid]
    return [float(v) for v in found.get_ydata()]


def nan_at(values: list[float]) -> list[int]:
    return [n for n, v in enumerate(values) if math.isnan(v)]


def check_png(data: bytes | None) -> None:
    assert data is not None
    assert data.startswith(charts.PNG_SIGNATURE)
    with Image.open(BytesIO(data)) as image:
        image.verify()
    with Image.open(BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (charts.WIDTH, charts.HEIGHT) == (960, 540)


def texts(fig: Figure) -> list[str]:
    """Every non-empty text drawn on the figure (titles, labels, ticks, legends, notes)."""
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


# Series: what may be drawn ---------------------------------------------------------------------


def test_index_series_draw_shown_groups_of_closed_waves_only() -> None:
    trends = sample()
    found = charts.index_series(trends, OPENED)
    assert list(found) == [Role.COMMUNITY, Role.POLICE]  # officials: never 5 answers
    community, police = found[Role.COMMUNITY], found[Role.POLICE]
    # The open wave w4 is left out: three closed waves.
    assert community.x == tuple(charts.day_number(OPENED[w]) for w in ("w1", "w2", "w3"))
    assert nan_at(list(community.mean)) == []
    expected = [trends.wave(w).group(Role.COMMUNITY).index for w in ("w1", "w2", "w3")]
    assert list(community.mean) == [e.mean for e in expected]
    assert list(community.low) == [e.low for e in expected]
    assert list(community.high) == [e.high for e in expected]
    # Police: 3 answers in w2 → no point, no band there.
    assert nan_at(list(police.mean)) == nan_at(list(police.low)) == [1]
    assert police.drawn == 2


def test_gap_series_average_the_mirrored_items_and_skip_suppressed_waves() -> None:
    trends = sample()
    found = charts.gap_series(trends, OPENED)
    assert list(found) == [Role.POLICE]
    gaps = [g.gap for g in trends.wave("w1").gaps if g.role is Role.POLICE]
    assert found[Role.POLICE].mean[0] == pytest.approx(sum(gaps) / len(gaps))
    assert nan_at(list(found[Role.POLICE].mean)) == [1]
    assert charts.latest_gaps(trends) is trends.wave("w3")


def test_nothing_to_draw_gives_no_chart() -> None:
    few = dialogue_trends(
        "1", INSTRUMENT, [WaveInput("w1", True, (group(Role.COMMUNITY, 4, 0.5),))], k=5
    )
    t = t_("en")
    assert charts.index_series(few, OPENED) == {}
    assert charts.trust_index_chart(t, few, OPENED, "Maradi") is None
    assert charts.perception_gap_chart(t, INSTRUMENT, few, OPENED, "Maradi") is None
    site = charts.Site("Maradi", few, OPENED)
    assert charts.program_index_chart(t, [site]) is None
    assert charts.program_gap_chart(t, [site]) is None
    # A shown community without police or officials: an index, but no gap.
    alone = dialogue_trends(
        "1", INSTRUMENT, [WaveInput("w1", True, (group(Role.COMMUNITY, 6, 0.5),))], k=5
    )
    assert charts.trust_index_chart(t, alone, OPENED, "Maradi") is not None
    assert charts.perception_gap_chart(t, INSTRUMENT, alone, OPENED, "Maradi") is None


# Figures ---------------------------------------------------------------------------------------


def test_the_index_figure_breaks_the_line_at_a_suppressed_wave() -> None:
    fig = charts.trust_index_figure(t_("en"), sample(), OPENED, "Maradi Nord")
    assert fig is not None
    (ax,) = fig.axes
    community, police = line(ax, "community"), line(ax, "police")
    assert nan_at(community) == [] and len(community) == 3
    assert nan_at(police) == [1]
    assert not [ln for ln in ax.get_lines() if ln.get_gid() == "official"]
    assert ax.get_ylim() == (0, 100)
    words = texts(fig)
    title = "Community trust, and the police's and officials' estimate of it — Maradi Nord"
    assert title in " ".join(words).replace("\n", " ")
    # The police's index is their estimate of the community's trust, labelled so; never a
    # series named like the community's own trust.
    assert {"Community's own trust", "Police's estimate of community trust"} <= set(words)
    assert "Community" not in words and "Police" not in words
    assert not any("Officials" in w for w in words)
    assert "9/7/26" in words and "11/2/26" in words and "12/7/26" not in words  # w4 is open
    assert not ax.xaxis_inverted()


def test_the_gap_figure_shows_the_latest_wave_community_answer_and_estimates() -> None:
    trends = sample()
    fig = charts.perception_gap_figure(t_("en"), INSTRUMENT, trends, OPENED, "Maradi Nord")
    assert fig is not None
    (ax,) = fig.axes
    gaps = [g for g in trends.wave("w3").gaps if g.role is Role.POLICE]
    bars = {
        gid: [p.get_width() for p in ax.patches if p.get_gid() == gid]
        for gid in ("community", "police", "official")
    }
    assert bars["community"] == pytest.approx([g.community for g in gaps])
    assert bars["police"] == pytest.approx([g.estimate for g in gaps])
    assert bars["official"] == []
    words = texts(fig)
    assert "Perception gap — Maradi Nord, survey of 11/2/26" in words
    assert "Trust in the police" in words and "Police: their estimate" in words


def test_program_figures_draw_a_line_per_site_in_a_panel_per_group() -> None:
    first = sample()
    second = dialogue_trends(
        "2",
        INSTRUMENT,
        [
            WaveInput("a", True, (group(Role.COMMUNITY, 6, 0.6), group(Role.OFFICIAL, 5, 0.6))),
            WaveInput("b", True, (group(Role.COMMUNITY, 6, 0.7), group(Role.OFFICIAL, 4, 0.6))),
        ],
        k=5,
    )
    opened = {"a": datetime(2026, 9, 20, 9), "b": datetime(2026, 11, 10, 9)}
    sites = [charts.Site("Maradi Nord", first, OPENED), charts.Site("Zinder", second, opened)]
    fig = charts.program_index_figure(t_("en"), sites)
    assert fig is not None
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == [
        "Community's own trust",
        "Police's estimate of community trust",
        "Officials' estimate of community trust",
    ]
    community, police, officials = fig.axes
    assert len(line(community, "site:0")) == 3 and len(line(community, "site:1")) == 2
    assert nan_at(line(police, "site:0")) == [1]
    assert not [ln for ln in police.get_lines() if ln.get_gid() == "site:1"]
    assert nan_at(line(officials, "site:1")) == [1]  # 4 officials in b
    assert {"Maradi Nord", "Zinder"} <= set(texts(fig))
    gap = charts.program_gap_figure(t_("en"), sites)
    assert gap is not None
    assert [ax.get_title() for ax in gap.axes] == ["Police", "Officials"]
    check_png(charts.png(gap))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_is_a_png_of_the_fixed_size(language: str) -> None:
    """Also: no "Glyph missing" warning (warnings are errors in the tests), so the font draws
    every character, Arabic included."""
    t = t_(language)
    trends = sample()
    site = charts.Site("Maradi Nord", trends, OPENED)
    other = charts.Site("زندر", trends, {w: m.replace(day=20) for w, m in OPENED.items()})
    check_png(charts.trust_index_chart(t, trends, OPENED, "Maradi Nord"))
    check_png(charts.perception_gap_chart(t, INSTRUMENT, trends, OPENED, "Maradi Nord"))
    check_png(charts.program_index_chart(t, [site, other]))
    check_png(charts.program_gap_chart(t, [site, other]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_title_wraps_inside_the_figure(language: str) -> None:
    """A long dialogue name in French ran the title off the chart's right edge."""
    t = t_(language)
    name = "Maradi – Quartier Nord et Quartier Sud, avec les villages voisins"
    figures = [
        charts.trust_index_figure(t, sample(), OPENED, name),
        charts.perception_gap_figure(t, INSTRUMENT, sample(), OPENED, name),
    ]
    for fig in figures:
        assert fig is not None
        fig.canvas.draw()
        title = fig._suptitle
        assert title is not None and "\n" in title.get_text()
        box, frame = title.get_window_extent(), fig.bbox
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, (language, box, frame)
        note = fig._supxlabel
        assert note is not None
        box = note.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, (language, box, frame)


# Arabic ----------------------------------------------------------------------------------------


def test_arabic_charts_are_mirrored_and_in_arabic() -> None:
    t = t_("ar")
    fig = charts.trust_index_figure(t, sample(), OPENED, "مرادي الشمالية")
    assert fig is not None
    (ax,) = fig.axes
    assert ax.xaxis_inverted()  # time runs from right to left
    assert ax.yaxis.get_label_position() == "right"
    assert fig.get_suptitle() and fig._suptitle.get_horizontalalignment() == "right"
    words = set(texts(fig))
    own = t._("Community's own trust")
    assert own != "Community's own trust" and "المجتمع" in own
    assert charts.shape(own, True) in words
    assert t.date(OPENED["w1"].date(), "short") == "7\u200f/9\u200f/2026"
    assert "7/9/2026" in words  # bidi marks dropped: they would scramble the date in a title
    gap = charts.perception_gap_figure(t, INSTRUMENT, sample(), OPENED, "مرادي")
    assert gap is not None
    assert gap.axes[0].xaxis_inverted()


def test_shape_joins_and_orders_arabic_without_native_layout() -> None:
    word = "المجتمع"
    shaped = charts.shape(word, True, native=False)
    assert all("\ufe70" <= c <= "\ufeff" for c in shaped)  # presentation forms: joined
    assert shaped[-1] == "\ufe8d"  # the first letter, alef (isolated form), drawn rightmost
    assert len(shaped) == len(word)
    mixed = charts.shape("مؤشر الثقة — Maradi", True, native=False)
    assert mixed.startswith("Maradi")  # right-to-left paragraph: the Latin name ends up left
    assert charts.shape("Maradi Nord", native=False) == "Maradi Nord"
    assert charts.shape("21\u200f/11\u200f/2026", native=False) == "21/11/2026"
    # With libraqm, matplotlib lays the text out itself: it is passed on as written.
    assert charts.shape(word, True, native=True) == word
    assert charts.shape("a\u061cb", native=True) == "ab"  # a mark DejaVu Sans cannot draw


def test_arabic_renders_without_glyph_warnings_on_either_layout_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    t = t_("ar")
    for native in (True, False):
        monkeypatch.setattr(charts.text, "NATIVE_LAYOUT", native)
        fig = charts.trust_index_figure(t, sample(), OPENED, "مرادي")
        assert fig is not None
        assert charts.shape(t._("Community's own trust"), True) in texts(fig)
        check_png(charts.png(fig))


def test_item_labels_are_short_and_in_the_reader_language() -> None:
    assert charts.item_label(t_("en"), INSTRUMENT, "trust_police") == "Trust in the police"
    ar = charts.item_label(t_("ar"), INSTRUMENT, "pj_respect")
    lines = ar.split("\n")
    assert len(lines) <= 2 and all(len(s) <= 30 for s in lines)
    assert any("\u0600" <= c <= "\u06ff" for c in ar)  # Arabic, whatever the catalog holds
    assert charts.shorten("one two three four five six seven", 10, 2) == "one two\nthree four…"
