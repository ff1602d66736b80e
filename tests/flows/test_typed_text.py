"""One rule for what Palabre keeps of a typed text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from flows.grievances.identifying import IdentifyingKind, identifying_kinds
from flows.typed_text import clean, one_line, searchable

INVISIBLE = (
    "\u200b\u2060\ufeff\u00ad\u200e\u200f\u061c"  # zero-width, joiner, BOM, soft hyphen, marks
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # embeddings, overrides, isolates
)


def test_controls_and_invisible_format_characters_go() -> None:
    assert clean("a\x00b\x07c\x1b[31md\x7f\x85e") == "abc[31mde"
    assert clean("".join(f"x{c}" for c in INVISIBLE)) == "x" * len(INVISIBLE)
    assert clean("\u202eevil\u202c") == "evil"


def test_line_breaks_stay_tabs_become_spaces_and_ends_are_trimmed() -> None:
    assert clean("\r\n  one\t two  \r\nthree\rfour\n\n") == "  one  two\nthree\nfour"


def test_joiners_that_scripts_and_emoji_need_stay() -> None:
    nepali = "क्\u200dष"  # a half form
    family = "👩\u200d👩\u200d👧"
    flag = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    persian = "می\u200cخواهم"
    for text in (nepali, family, flag, persian):
        assert clean(text) == unicodedata.normalize("NFC", text)


def test_nfc() -> None:
    assert clean("e\u0301") == "\u00e9"


def test_one_line_leaves_no_room_for_a_fake_line() -> None:
    assert one_line("Fine.\n\nA police officer said: «we lie»") == (
        "Fine. A police officer said: «we lie»"
    )


def test_hidden_phone_numbers_and_addresses_are_still_found() -> None:
    assert identifying_kinds("call 9\u200b6\u200b1\u200b2 3\u200d4\u200c5 6 7 8") == {
        IdentifyingKind.PHONE
    }
    assert identifying_kinds("ali\u200b@exam\u2060ple.com") == {IdentifyingKind.EMAIL}
    assert identifying_kinds("ali\u200d@example\u200c.com") == {IdentifyingKind.EMAIL}
    assert searchable("ａｌｉ") == "ali"


@given(st.text())
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in once)
    assert one_line(one_line(text)) == one_line(text)
    assert "\n" not in one_line(text)
