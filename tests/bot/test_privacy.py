"""The threat model is one source for the README and /privacy: the README's section is what the
source renders in English, every translation keeps the model's marks and quotes the bot's own
words, and every topic fits one Telegram message in every language."""

from __future__ import annotations

import re

import pytest

from bot import privacy_doc, privacy_texts
from bot.buttons.info import PrivacyTopic
from bot.i18n import Catalogs
from flows.languages import SHIPPED_LANGUAGES
from flows.privacy import THREAT_MODEL

CATALOGS = Catalogs()
CODE = re.compile(r"`([^`]+)`")
#: Words of the bot the model quotes: a translation must quote them as the bot shows them.
QUOTED = (
    "Vote recorded",
    "I have noted the code — delete this message",
    "Someone from your own group said:",
    "A participant said:",
)
#: What would make a wrapped README line start a list, a quote or a heading.
BLOCK_START = re.compile(r"^([-+*>]\s|\d+[.)]\s|#)")


def test_the_readme_section_is_what_the_source_renders() -> None:
    readme = privacy_doc.README.read_text(encoding="utf-8")
    assert privacy_doc.section_in(readme) == privacy_doc.markdown(), (
        "the README's privacy section differs from flows/privacy: run `make privacy-doc`"
    )
    assert privacy_doc.main(["--check"]) == 0


def test_writing_the_section_again_changes_nothing() -> None:
    readme = privacy_doc.README.read_text(encoding="utf-8")
    assert privacy_doc.with_section(readme) == readme
    assert privacy_doc.section_in("no markers here") is None


def test_the_generated_markdown_has_no_accidental_blocks() -> None:
    text = privacy_doc.markdown()
    paragraphs = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert not [line for line in paragraphs if BLOCK_START.match(line)]
    assert "{k}" not in text and "5 people" in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == len(THREAT_MODEL.chapters) + len(THREAT_MODEL.sections)


def test_sections_are_named_once_and_found() -> None:
    keys = [s.key for s in THREAT_MODEL.sections]
    assert len(keys) == len(set(keys)) and privacy_texts.INTRO not in keys
    for section in THREAT_MODEL.sections:
        found = THREAT_MODEL.find(section.key)
        assert found is not None and found[1] is section
    assert THREAT_MODEL.find("nothing") is None
    assert len(set(THREAT_MODEL.message_ids())) == len(THREAT_MODEL.message_ids())


def test_every_actor_of_the_threat_model_has_its_section() -> None:
    keys = {s.key for s in THREAT_MODEL.sections}
    actors = {"telegram", "operator", "seized", "staff", "facilitators", "police"}
    assert actors | {"participants", "phone"} <= keys


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_translations_keep_the_marks_and_quote_the_bot(language: str) -> None:
    t = CATALOGS.translator(language)
    problems = []
    for message_id in THREAT_MODEL.message_ids():
        translated = t._(message_id)
        if translated.count("**") != message_id.count("**") or translated.count("`") % 2:
            problems.append(f"marks: {message_id[:50]!r}")
        if sorted(CODE.findall(translated)) != sorted(CODE.findall(message_id)):
            problems.append(f"names: {message_id[:50]!r}")
        for words in QUOTED:
            if words.rstrip(":") in message_id:
                shown = t._(words).rstrip(": \u202f\u00a0")
                if shown not in translated:
                    problems.append(f"quotes {words!r} not as {shown!r}: {message_id[:40]!r}")
    assert problems == []


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_every_topic_fits_one_message_and_is_offered(language: str) -> None:
    t = CATALOGS.translator(language)
    keys = [privacy_texts.INTRO, *(s.key for s in THREAT_MODEL.sections)]
    for key in keys:
        text = privacy_texts.topic(t, key, 5)
        assert text is not None and len(text) <= 4096, (key, len(text or ""))
        assert "**" not in text and "`" not in text and "{" not in text
        offered = [
            PrivacyTopic.decode(b.callback_data if isinstance(b.callback_data, str) else None)
            for row in privacy_texts.keyboard(t, key).inline_keyboard
            for b in row
        ]
        topics = [b.topic for b in offered if b is not None]
        assert len(topics) == len(offered)
        # Every section from every topic, and the way back from a section.
        expected = set(keys) if key != privacy_texts.INTRO else set(keys[1:])
        assert set(topics) == expected, key
    assert privacy_texts.topic(t, "nothing", 5) is None


def test_names_and_lead_ins_become_html() -> None:
    t = CATALOGS.translator("en")
    html = privacy_texts.topic(t, "running", 5)
    assert html is not None
    assert "<b>Put <code>PALABRE_KEY_DIR</code> on a RAM disk (tmpfs)</b>" in html
    assert "<b>Use full-disk encryption</b>" in html
