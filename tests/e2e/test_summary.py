"""/summary end to end: sections, warnings, the k rule, splitting under 4,096 characters,
Arabic, the HTML document, and who may ask."""

from __future__ import annotations

import re

from flows.grievances.intake_events import GrievanceDraft
from flows.roles import Role
from sandbox import BotMessage, VirtualParticipant
from services import actions as action_cases
from services import grievances as grievance_cases
from services import surveys as survey_cases
from tests.e2e.conftest import World
from tests.e2e.steps import facilitated_dialogue, join, make_invite, pick_language, settle


async def _dialogue(world: World, community: int, police: int = 0):
    sb = world.sandbox
    facilitator, name = await facilitated_dialogue(sb, world.staff)
    people: dict[str, list[VirtualParticipant]] = {"community": [], "police": []}
    for role, label, size in (
        ("community", "community member", community),
        ("police", "police officer", police),
    ):
        if not size:
            continue
        link = await make_invite(sb, facilitator, label, "No limit", "30 days")
        for i in range(size):
            person = sb.participant(f"{role}-{i}", language_code="en")
            await join(sb, person, link, "en")
            people[role].append(person)
    await settle(sb)
    for person in (facilitator, *people["community"], *people["police"]):
        person.unread.clear()
    return facilitator, name, people


async def _summary(world: World, facilitator: VirtualParticipant) -> list[BotMessage]:
    facilitator.unread.clear()
    await facilitator.send("/summary")
    await settle(world.sandbox)
    found = list(facilitator.unread)
    facilitator.unread.clear()
    return found


async def _dialogue_id(world: World) -> int:
    async with world.runtime.db.read() as tx:
        return (await tx.dialogues.all())[-1].id


async def test_an_empty_dialogue_warns_about_missing_groups(world: World) -> None:
    facilitator, name, _ = await _dialogue(world, community=2)
    (message,) = await _summary(world, facilitator)
    text = message.plain_text
    assert f"Summary — {name}" in text
    assert "Community: 2 · Police: 0 · Officials: 0" in text
    assert "Nobody has joined as police officer yet." in text
    assert "fewer than 5 people" in text  # two community members: under k
    assert "No round has been held yet." in text
    assert "Open action items\nNone." in text
    assert "This week 0 (last week 0)" in text
    assert "No survey has closed yet." in text
    assert [label for label, _ in message.buttons] == ["Download as a document (HTML)"]


async def test_figures_below_k_are_suppressed_and_the_rest_shown(world: World) -> None:
    facilitator, _, people = await _dialogue(world, community=6, police=2)
    rt = world.runtime
    dialogue = await _dialogue_id(world)
    # Three grievances this week: a count below k.
    async with rt.db.read() as tx:
        members = await tx.people.members(dialogue, (Role.COMMUNITY,))
    for person in members[:3]:
        draft = GrievanceDraft("theft", "unspecified", "this_week", "Our goats were stolen")
        await grievance_cases.file(rt, person.id, person.telegram_id, dialogue, draft)
    # An overdue action item comes first.
    await action_cases.add(rt, dialogue, "Repair the lights on the market road", Role.OFFICIAL, 14)
    await action_cases.add(rt, dialogue, "Meet the youth association", Role.POLICE, 7)
    world.clock.advance(days=5)
    # A survey: six community answers (shown), two police (not shown).
    wave, _ = await survey_cases.start_wave(rt, dialogue, (Role.COMMUNITY, Role.POLICE))
    async with rt.db.read() as tx:
        everyone = await tx.people.members(dialogue, (Role.COMMUNITY, Role.POLICE))
    for person in everyone:
        result = await survey_cases.current(rt, wave.id, person.id)
        while isinstance(result, survey_cases.Asked):
            given: survey_cases.Answer = (
                survey_cases.Skip()
                if result.item.is_text
                else survey_cases.Choice(result.item.scale.choices[2].id)
            )
            result = await survey_cases.respond(
                rt, wave.id, person.id, result.session.position, given
            )
    world.clock.advance(hours=73)
    await survey_cases.remind_and_close(rt)
    await world.drained()
    text = "\n".join(m.plain_text for m in await _summary(world, facilitator))
    assert "Community: 6 · Police: 2 · Officials: 0" in text
    assert "Police: fewer than 5 people" in text
    assert "This week 0 (last week <5)" in text  # filed last Saturday; now it is Friday
    assert "Theft or robbery (<5)" in text
    overdue = text.index("Overdue: Meet the youth association")
    assert overdue < text.index("Repair the lights on the market road")
    assert "Community: 6 of 6 answered (100%)" in text
    assert "the community's own trust index: " in text
    assert "Police: 2 of 2 answered (100%)\n  fewer than 5 answers: not shown" in text


async def test_a_long_summary_is_split_cleanly_under_4096_characters(world: World) -> None:
    facilitator, _, _ = await _dialogue(world, community=1)
    dialogue = await _dialogue_id(world)
    for n in range(30):
        text = f"Action {n:02d}: " + "check the <street> lights & the market road " * 4
        await action_cases.add(world.runtime, dialogue, text.strip(), Role.OFFICIAL, 30)
    messages = await _summary(world, facilitator)
    assert len(messages) >= 2
    for message in messages:
        assert len(message.plain_text) <= 4096  # as Telegram counts: after parsing the HTML
        assert message.text.count("<b>") == message.text.count("</b>")
    joined = "\n".join(m.plain_text for m in messages)
    assert all(f"Action {n:02d}" in joined for n in range(30))  # nothing lost at the cuts
    assert "<street>" in joined  # escaped in the HTML, shown as typed
    assert messages[-1].buttons and not any(m.buttons for m in messages[:-1])


async def test_arabic_summary_and_its_html_document(world: World) -> None:
    sb = world.sandbox
    await world.staff.send("/start")
    await world.staff.expect()
    await pick_language(sb, world.staff, "en")
    await world.staff.send("/newdialogue Mossoul")
    link = re.search(r"https://t\.me/\S+", (await world.staff.expect()).plain_text).group(0)
    facilitator = sb.participant("Layla", language_code="ar")
    await join(sb, facilitator, link, "ar")
    await settle(sb)
    messages = await _summary(world, facilitator)
    text = messages[0].plain_text
    assert re.search("[\u0600-\u06ff]{3,}", text), text
    assert "Summary" not in text
    await facilitator.press_data(messages[-1], "sm:html")
    await settle(sb)
    document = facilitator.inbox[-1]
    assert document.kind == "document" and document.document is not None
    page = document.document.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'dir="rtl"' in page and 'lang="ar"' in page
    assert "Mossoul" in page


async def test_only_facilitators_get_a_summary(world: World) -> None:
    facilitator, _, people = await _dialogue(world, community=1, police=1)
    for person in (people["community"][0], people["police"][0]):
        await person.send("/summary")
        assert "only facilitators" in (await person.expect()).plain_text
        await person.press_data(await _last(person), "sm:html")
        await settle(world.sandbox)
        assert "only facilitators" in person.toasts[-1]
        assert not [m for m in person.inbox if m.kind == "document"]
    (message,) = await _summary(world, facilitator)
    await facilitator.press_data(message, "sm:forged")
    await settle(world.sandbox)
    assert "no longer valid" in facilitator.toasts[-1]


async def _last(person: VirtualParticipant) -> BotMessage:
    return person.inbox[-1]
