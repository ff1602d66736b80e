"""Telegram's HTML parse mode: accepted markup, refused markup, visible text, entities."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.errors import ApiError
from sandbox.formatting import command_entities, format_text
from sandbox.html import EntityError, parse_html, strip_tags, utf16_len


def test_every_supported_tag_becomes_an_entity() -> None:
    source = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        '<strike>k</strike><del>d</del><span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler>'
        '<a href="https://example.org/?a=1&b=2">l</a><code>c</code>'
        '<pre><code class="language-python">x = 1</code></pre>'
        "<blockquote>q</blockquote><blockquote expandable>x</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    text, entities = parse_html(source)
    assert text == "bsieunskdpqlcx = 1qx👍"
    assert [e["type"] for e in entities] == [
        "bold", "bold", "italic", "italic", "underline", "underline", "strikethrough",
        "strikethrough", "strikethrough", "spoiler", "spoiler", "text_link", "code", "pre",
        "blockquote", "expandable_blockquote", "custom_emoji",
    ]  # fmt: skip
    assert entities[11]["url"] == "https://example.org/?a=1&b=2"
    assert entities[13] == {"type": "pre", "offset": 13, "length": 5, "language": "python"}
    assert entities[16]["custom_emoji_id"] == "5368324170671202286"


def test_entities_unescape_and_offsets_count_utf16() -> None:
    text, entities = parse_html("&lt;&gt;&amp;&quot;&#233;&#x1F600; <B>gras</B>")
    assert text == '<>&"é😀 gras'
    assert entities == [{"type": "bold", "offset": 8, "length": 4}]
    assert utf16_len("😀") == 2


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<blink>x</blink>", 'Unsupported start tag "blink" at byte offset 0'),
        ("<br/>", 'Unsupported start tag "br/"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("é <b", "Unclosed start tag at byte offset 3"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("<a href>x</a>", "Expected equal sign"),
        ("fish & chips", 'Character "&" at byte offset 5 must be escaped'),
        ("AT&T", 'Character "&" at byte offset 2'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("&#xZZ;", "must be escaped"),
    ],
)
def test_refused_markup_names_the_problem(source: str, error: str) -> None:
    with pytest.raises(EntityError) as refused:
        parse_html(source)
    assert error in str(refused.value)


@given(st.text())
def test_escaped_text_always_parses_back_to_itself(text: str) -> None:
    assert parse_html(html.escape(text, quote=False)) == (text, [])
    assert strip_tags("<b>" + html.escape(text) + "</b>") == text


@given(st.text(min_size=1).filter(lambda t: t.strip() != ""))
def test_plain_text_without_parse_mode_is_kept_trimmed(text: str) -> None:
    formatted = format_text(text, None)
    assert formatted.text == text.strip() and formatted.entities == []


def test_trimming_moves_and_clips_entities() -> None:
    formatted = format_text("  <b> hello </b>  ", "HTML")
    assert formatted.text == "hello"
    assert formatted.entities == [{"type": "bold", "offset": 0, "length": 5}]


def test_markdown_modes_pass_through_and_unknown_modes_fail() -> None:
    assert format_text("*bold*", "MarkdownV2").text == "*bold*"
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        format_text("x", "BBCode")


def test_command_entities_mark_commands_at_word_starts() -> None:
    assert command_entities("/start abc") == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert command_entities("😀 /help") == [{"type": "bot_command", "offset": 3, "length": 5}]
    assert command_entities("a/b") == []
