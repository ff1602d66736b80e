"""A small valid instrument file that the loader tests break one piece at a time."""

from __future__ import annotations

import pytest

from flows.surveys.instruments import InstrumentSet, parse_instruments

L3 = 'en = "{0}", fr = "{0} (fr)", ar = "{0} (ar)"'


def langs(text: str) -> str:
    return "{ " + L3.format(text) + " }"


MINIMAL = f"""
spec_version = 1

[[scale]]
id = "yn"
high = "max"
favourable = ["yes"]
[[scale.choice]]
id = "no"
value = 0
label = {langs("No")}
[[scale.choice]]
id = "yes"
value = 1
label = {langs("Yes")}
[[scale.choice]]
id = "dont_know"
excluded = "dont_know"
label = {langs("Don't know")}

[[scale]]
id = "txt"
kind = "text"
max_length = 10

[[instrument]]
id = "t1"
title = {langs("Title")}
intro = {langs("Intro")}

[[instrument.item]]
id = "q1"
scale = "yn"
source = "palabre"
roles = ["community"]
in_index = true
text = {langs("Question one?")}

[[instrument.item]]
id = "q2"
scale = "yn"
source = "palabre"
roles = ["police"]
mirrors = "q1"
skippable = true
in_index = true
text = {langs("Do they say yes?")}

[[instrument.item]]
id = "open"
scale = "txt"
source = "palabre"
roles = ["community"]
skippable = true
text = {langs("What else?")}
"""


def broken(old: str, new: str, text: str = MINIMAL) -> str:
    """``text`` with ``old`` replaced once; fails loudly when ``old`` is not there."""
    assert text.count(old) >= 1, f"test set-up: {old!r} is not in the file"
    return text.replace(old, new, 1)


@pytest.fixture
def minimal() -> InstrumentSet:
    return parse_instruments(MINIMAL)
