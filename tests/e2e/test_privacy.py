"""/privacy through the sandbox: the threat model's start, then every topic with its buttons, in
every language: everything the README says is reachable in the bot."""

from __future__ import annotations

import re

import pytest

from flows.languages import SHIPPED_LANGUAGES
from flows.privacy import THREAT_MODEL
from tests.e2e.conftest import World
from tests.e2e.steps import edited, settle

MARKS = re.compile(r"\*\*|`")


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
async def test_every_topic_is_reachable_in_every_language(world: World, language: str) -> None:
    sb = world.sandbox
    t = world.runtime.catalogs.translator(language)
    k = world.settings.min_group_size

    def shown(message_id: str) -> str:
        """A paragraph as the person reads it: translated, marks gone."""
        return MARKS.sub("", t._(message_id, k=t.number(k)))

    person = sb.participant(f"Curious-{language}", language_code=language)
    await person.send("/privacy")
    start = await person.expect()
    assert start.plain_text.startswith(t._(THREAT_MODEL.title))
    assert all(shown(p) in start.plain_text for p in THREAT_MODEL.intro)
    for section in THREAT_MODEL.sections:
        edits = len(start.edits)
        await person.press_data(start, f"priv:{section.key}")
        await edited(sb, start, edits, section.key)
        text = start.plain_text
        assert t._(section.heading) in text.split("\n")[1], section.key
        assert all(shown(p) in text for p in section.paragraphs), section.key
        assert (f"• {t._(section.heading)}", f"priv:{section.key}") in start.buttons
    edits = len(start.edits)
    await person.press(start, t._("Back to the start"))
    await edited(sb, start, edits, "the start")
    assert start.plain_text.startswith(t._(THREAT_MODEL.title))
    await settle(sb)
    assert not sb.unanswered_queries()
    assert len(person.inbox) == 1  # one message, edited: the chat stays short


async def test_a_forged_topic_is_refused_politely(world: World) -> None:
    sb = world.sandbox
    person = sb.participant("Forger", language_code="en")
    await person.send("/privacy")
    start = await person.expect()
    before = start.plain_text
    await person.press_data(start, "priv:nothing")
    await settle(sb)
    assert "no longer valid" in person.toasts[-1] and start.plain_text == before
