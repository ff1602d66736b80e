"""/trends end to end: after a closed survey, facilitators (in English and in Arabic) receive
the trust index and perception gap charts as PNG photos, program staff the charts across
dialogues, and a community member is refused.

Survey buttons are pressed by their callback data (``sv:<wave>:<position>:<choice>``); each
person picks a scored answer, varied from person to person.
"""

from __future__ import annotations

import asyncio
from io import BytesIO

from PIL import Image

from bot import charts
from flows.roles import Role
from flows.surveys.instruments import default_instrument
from flows.surveys.scoring import score
from sandbox import BotMessage, VirtualParticipant
from sandbox.media import image_size
from services import surveys
from tests.e2e.conftest import World
from tests.e2e.steps import create_dialogue, join, link_in, pick_language, settle

INSTRUMENT = default_instrument()
NO_RESULTS = "There are no survey results to chart yet"
NOT_ALLOWED = "only facilitators"


def _no_tick(world: World) -> None:
    """Remove the regular tick: the test closes the wave itself."""
    assert world.app.job_queue is not None
    for job in world.app.job_queue.get_jobs_by_name("tick"):
        job.schedule_removal()


def _survey_data(message: BotMessage) -> list[str]:
    return [data for _, data in message.buttons if data.startswith("sv:")]


def _choice(role: Role, data: list[str], person: int) -> str:
    """A scored answer to the question the buttons belong to (skip for the open question)."""
    position = int(data[0].split(":")[2])
    item = INSTRUMENT.items_for(role)[position]
    if item.is_text:
        return next(d for d in data if d.endswith(":-"))
    scored = sorted(
        (d for d in data if not d.endswith(":-") and score(item, d.rsplit(":", 1)[1]) is not None),
        key=lambda d: score(item, d.rsplit(":", 1)[1]) or 0.0,
    )
    favourable = 0.8 if role is Role.POLICE else 0.3  # the police think trust is higher
    at = min(1.0, favourable + 0.2 * (person % 3))
    return scored[round(at * (len(scored) - 1))]


async def _answer(person: VirtualParticipant, role: Role, n: int) -> None:
    """Answer every question of the survey, waiting for each edit of the question message."""
    question = next(m for m in reversed(person.inbox) if _survey_data(m))
    while data := _survey_data(question):
        before = question.plain_text
        await person.press_data(question, _choice(role, data, n))
        for _ in range(500):
            if question.plain_text != before:
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError(f"{person.first_name}: the question did not move on")


def _check_photo(message: BotMessage, name: str) -> None:
    assert message.kind == "photo", message.plain_text
    assert message.filename == name
    data = message.document
    assert data is not None and data.startswith(charts.PNG_SIGNATURE)
    assert image_size(data) == (charts.WIDTH, charts.HEIGHT)
    with Image.open(BytesIO(data)) as image:
        assert image.format == "PNG" and image.size == (charts.WIDTH, charts.HEIGHT)
        image.load()  # decodes the whole image
    largest = message.attachment["photo"][-1]
    assert (largest["width"], largest["height"]) == (charts.WIDTH, charts.HEIGHT)


async def _edited(person: VirtualParticipant, message: BotMessage, label: str) -> None:
    """Press a button and wait until the bot has edited the message."""
    before = message.plain_text
    await person.press(message, label)
    for _ in range(500):
        if message.plain_text != before:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{label!r} did not change {before!r}")


async def _invite(person: VirtualParticipant, role_label: str) -> str:
    """An invite with no use limit, valid 30 days, through the /invite menu."""
    await person.send("/invite")
    menu = await person.expect(contains="Who is the new invite for?")
    for label in (role_label, "No limit", "30 days"):
        await _edited(person, menu, label)
    return link_in(menu)


async def _photos(person: VirtualParticipant, count: int = 2) -> list[BotMessage]:
    found = await person.expect_many(count, timeout=20)
    assert all(m.kind == "photo" for m in found), [m.plain_text for m in found]
    return found


async def test_trends_send_the_charts_to_facilitators_and_staff_only(world: World) -> None:
    sb = world.sandbox
    _no_tick(world)
    staff = world.staff
    await staff.send("/start")
    await staff.expect()
    await pick_language(sb, staff, "en")
    link = await create_dialogue(sb, staff, "Maradi Nord")
    moussa = sb.participant("Moussa", language_code="en")
    await join(sb, moussa, link, "en")
    second = await _invite(staff, "facilitator")
    amina = sb.participant("Amina", language_code="ar")
    await join(sb, amina, second, "ar")
    community_link = await _invite(moussa, "community member")
    police_link = await _invite(moussa, "police officer")
    members = {Role.COMMUNITY: [], Role.POLICE: []}
    for role, invite, size in ((Role.COMMUNITY, community_link, 6), (Role.POLICE, police_link, 5)):
        for n in range(size):
            person = sb.participant(f"{role.value}-{n}", language_code="en")
            await join(sb, person, invite, "en")
            members[role].append(person)
    await settle(sb)
    for person in (staff, moussa, amina, *members[Role.COMMUNITY], *members[Role.POLICE]):
        person.unread.clear()

    # Before any survey: a clear message, no photo.
    await moussa.send("/trends")
    await moussa.expect(contains=NO_RESULTS)
    await staff.send("/trends")
    await staff.expect(contains=NO_RESULTS)

    # One survey, answered by 6 community members and 5 police officers, then closed.
    await moussa.send("/surveynow")
    await moussa.expect(contains="Survey started")
    await world.drained()
    await asyncio.gather(
        *(
            _answer(person, role, n)
            for role, people in members.items()
            for n, person in enumerate(people)
        )
    )
    await settle(sb)
    world.clock.advance(hours=73)
    assert await surveys.remind_and_close(world.runtime) == (0, 1)
    await settle(sb)

    # The facilitator: the trust index and the perception gap, as PNG photos.
    moussa.unread.clear()
    await moussa.send("/trends")
    index, gap = await _photos(moussa)
    _check_photo(index, "trust-index.png")
    _check_photo(gap, "perception-gap.png")
    caption = index.caption or ""
    assert "The community's own trust in Maradi Nord, and the police's and officials' " in caption
    assert "estimate of it" in caption
    assert "Perception gap in Maradi Nord" in (gap.caption or "")

    # An Arabic-speaking facilitator of the same dialogue gets them too, drawn in Arabic.
    amina.unread.clear()
    await amina.send("/trends")
    index_ar, gap_ar = await _photos(amina)
    _check_photo(index_ar, "trust-index.png")
    _check_photo(gap_ar, "perception-gap.png")
    assert index_ar.document != index.document  # labelled and laid out for the reader

    # A community member is refused, and gets no photo.
    member = members[Role.COMMUNITY][0]
    member.unread.clear()
    await member.send("/trends")
    await member.expect(contains=NOT_ALLOWED)
    await settle(sb)
    assert not [m for m in member.unread if m.kind == "photo"]

    # Program staff: the charts across dialogues (an empty second dialogue is left out).
    await create_dialogue(sb, staff, "Zinder Sud")
    staff.unread.clear()
    await staff.send("/trends")
    across, across_gap = await _photos(staff)
    _check_photo(across, "trust-index-all-sites.png")
    _check_photo(across_gap, "perception-gap-all-sites.png")
    assert "The community's own trust, and the police's and officials' estimate of it, by site" in (
        across.caption or ""
    )
