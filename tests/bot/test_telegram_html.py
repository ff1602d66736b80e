"""Long Telegram-HTML texts cut so that every part parses and fits, as Telegram checks it.

The sandbox's parser (sandbox/html.py, written to Telegram's rules) is the judge: every part
must pass ``format_text`` in HTML mode, which refuses unbalanced tags, a cut entity and a text
over 4,096 characters after parsing.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram_html import shorten, split_message, visible_length
from bot.texts import esc
from sandbox.formatting import format_text
from sandbox.html import parse_html

WORST = ["<", "&", ">", '"', "é", "😀", "ع", "ब", " ", "a"]


def _visible(html: str) -> str:
    return parse_html(html)[0]


def _check(parts: list[str], limit: int) -> None:
    for part in parts:
        shown = format_text(part, "HTML")  # raises BadRequest as Telegram would
        assert len(shown.text) <= limit


def test_a_thousand_escaped_angle_brackets_are_cut_between_entities() -> None:
    text = "<b>Agenda</b>\n" + esc("<" * 5000)
    parts = split_message(text, 4000)
    _check(parts, 4000)
    assert "".join(_visible(p) for p in parts) == "Agenda" + "<" * 5000
    assert len(parts) == 3  # the heading alone: the long line starts its own part


def test_a_bold_line_cut_in_the_middle_is_closed_and_reopened() -> None:
    text = "<b>" + "x" * 250 + "</b> end"
    parts = split_message(text, 100)
    _check(parts, 100)
    assert all(p.startswith("<b>") for p in parts[:3])
    assert parts[0].endswith("</b>")
    assert "".join(_visible(p) for p in parts) == "x" * 250 + " end"


def test_lines_are_kept_whole_when_they_fit() -> None:
    text = "\n".join(f"line {i}" for i in range(100))
    parts = split_message(text, 50)
    _check(parts, 50)
    assert [line for p in parts for line in p.split("\n")] == [f"line {i}" for i in range(100)]


def test_an_emoji_counts_one_character_as_telegram_counts_length() -> None:
    assert visible_length("😀&amp;<b>a</b>") == 3
    parts = split_message("😀" * 30, 10)
    _check(parts, 10)
    assert [len(p) for p in parts] == [10] * 3


def test_shorten_cuts_between_entities_with_an_ellipsis() -> None:
    text = esc("<&" * 20)
    cut = shorten(text, 11)
    assert visible_length(cut) <= 11
    assert _visible(cut) == "<&" * 5 + "…"
    assert shorten("short", 11) == "short"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "b", "i", "code", "blockquote"]),
            st.text(alphabet=st.sampled_from(WORST + ["\n"]), max_size=300),
        ),
        max_size=12,
    ),
    st.integers(min_value=20, max_value=400),
)
def test_every_part_parses_and_fits(chunks: list[tuple[str, str]], limit: int) -> None:
    text = "".join(f"<{tag}>{esc(words)}</{tag}>" if tag else esc(words) for tag, words in chunks)
    if not _visible(text).strip():
        return
    parts = split_message(text, limit)
    _check(parts, limit)
    # Nothing is lost but the line breaks (and spaces Telegram trims) where parts were cut.
    kept = "".join(_visible(p) for p in parts).replace("\n", "").replace(" ", "")
    assert kept == _visible(text).replace("\n", "").replace(" ", "")


def test_fit_keeps_the_first_words_whole_and_shortens_the_later_ones() -> None:
    from bot.telegram_html import HOLE, KEPT_AT_LEAST, fit

    message = f"Said: «{HOLE}»\nTranslated: «{HOLE}»\nAnd: «{HOLE}»"
    words = [esc("<" * 3000), "b" * 1000, "c" * 1000]
    text, shortened = fit(message, words, 4096)
    shown = _visible(text)
    assert shortened and len(shown) <= 4096 and "<" * 3000 in shown
    assert "c" * (KEPT_AT_LEAST - 1) + "…" in shown and "c" * KEPT_AT_LEAST not in shown
    assert fit(message, ["a", "b", "c"], 4096) == ("Said: «a»\nTranslated: «b»\nAnd: «c»", False)
    text, _ = fit(message, [esc("<" * 5000), "b", "c"], 4096)  # the first gives way last
    assert len(_visible(text)) <= 4096
