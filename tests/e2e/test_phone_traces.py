"""What a taken phone shows: a voting card never says which way its reader voted, and the
grievance receipt can be deleted from the chat once its code is noted (or, past Telegram's 48
hours, stripped of the code)."""

from __future__ import annotations

import re

from flows.rounds.voting import VOTE_LABELS
from sandbox import BotMessage, VirtualParticipant
from tests.e2e.conftest import World
from tests.e2e.steps import (
    choose_to_write,
    edited,
    facilitated_dialogue,
    join,
    make_invite,
    settle,
)

CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}")
STATEMENTS = ("The street lights on the market road are broken", "Nobody comes when we call")


async def _members(
    world: World, languages: tuple[str, ...]
) -> tuple[VirtualParticipant, list[VirtualParticipant]]:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "50 people", "30 days")
    people = []
    for i, language in enumerate(languages):
        person = sb.participant(f"member-{i}-{language}", language_code=language)
        await join(sb, person, link, language)
        people.append(person)
    await settle(sb)
    for person in (facilitator, *people):
        person.unread.clear()
    return facilitator, people


# -- voting cards ------------------------------------------------------------------------------


async def _voting(world: World) -> list[VirtualParticipant]:
    """A round without moderation, two statements by an English member, now voting; returns
    the voters (French and Arabic) with their first card unread."""
    sb = world.sandbox
    facilitator, (author, *voters) = await _members(world, ("en", "fr", "ar"))
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "The most pressing security problem")
    await settle(sb)
    await facilitator.press(menu, "Moderation on/off")
    await settle(sb)
    await facilitator.press(menu, "Open the round")
    await world.drained()
    await choose_to_write(author)
    for text in STATEMENTS:
        await author.send(text)
        await settle(sb)
    for voter in voters:
        voter.unread.clear()
    await facilitator.send("/next")
    await facilitator.expect(contains="Voting is open")
    await world.drained()
    return voters


def _labels(world: World, language: str) -> set[str]:
    t = world.runtime.catalogs.translator(language)
    return {t._(label) for label in VOTE_LABELS.values()}


async def test_a_card_voted_on_says_a_vote_was_recorded_never_which(world: World) -> None:
    sb = world.sandbox
    for voter in await _voting(world):
        language = voter.language_code
        assert language is not None
        t = world.runtime.catalogs.translator(language)
        card = next(m for m in voter.unread if m.buttons)
        voter.unread.clear()
        before, buttons = card.plain_text, card.buttons
        for n, (label, data) in enumerate(buttons):  # agree, disagree, pass in turn
            edits = len(card.edits)
            await voter.press(card, label)
            if n == 0:
                await edited(sb, card, edits, "the card marked as voted")
                # The next card follows, as before.
                following = await voter.expect()
                assert any(s in following.plain_text for s in STATEMENTS) and following.buttons
            await settle(sb)
            assert card.plain_text == f"{before}\n\n✔ {t._('Vote recorded')}", data
            text = card.text + "".join(card.edits)  # what the chat shows, and showed
            assert not any(shown in text for shown in _labels(world, language)), data
            assert card.buttons == buttons  # the vote can still be changed
        assert voter.toasts[-1] == t._("Vote changed.")


# -- the grievance receipt ---------------------------------------------------------------------


async def _file(world: World, person: VirtualParticipant) -> BotMessage:
    """File a grievance through every step; returns the receipt (the review, edited)."""
    sb = world.sandbox
    person.unread.clear()
    await person.send("/grievance")
    await person.expect()  # "This is anonymous..."
    question = await person.expect()
    for data in ("gv:c:category:corruption", "gv:c:when:this_week"):
        edits = len(question.edits)
        await person.press_data(question, data)
        await edited(sb, question, edits, data)
    await person.send("The clerk asked for money before writing the complaint")
    review = await person.expect()
    await person.press_data(review, review.buttons[0][1])
    await sb.until(lambda: CODE.search(review.plain_text) is not None, "the receipt")
    await settle(sb)
    return review


async def test_the_receipt_is_deleted_once_its_code_is_noted(world: World) -> None:
    sb = world.sandbox
    _, people = await _members(world, ("en", "fr", "ar"))
    for person in people:
        t = world.runtime.catalogs.translator(person.language_code)
        receipt = await _file(world, person)
        # One button, in the person's language, carrying nothing that points to the grievance.
        assert receipt.buttons == [(t._("I have noted the code — delete this message"), "gv:rcpt")]
        await person.press_data(receipt, "gv:rcpt")
        await sb.until(lambda r=receipt: r.deleted, "the receipt deleted")
        await settle(sb)
        assert person.toasts[-1] == t._("Deleted. Keep the code where you noted it.")
        assert not any(CODE.search(m.plain_text) for m in person.inbox if not m.deleted)


async def test_a_receipt_too_old_to_delete_loses_its_code_instead(world: World) -> None:
    sb = world.sandbox
    _, (person,) = await _members(world, ("fr",))
    t = world.runtime.catalogs.translator("fr")
    receipt = await _file(world, person)
    code = CODE.search(receipt.plain_text)
    assert code is not None
    receipt.date -= 48 * 3600  # Telegram deletes nothing older than 48 hours
    edits = len(receipt.edits)
    await person.press_data(receipt, "gv:rcpt")
    await edited(sb, receipt, edits, "the receipt without its code")
    await settle(sb)
    assert not receipt.deleted
    assert code.group(0) not in receipt.plain_text and not receipt.buttons
    assert t._("Your grievance has been received.") in receipt.plain_text
    assert sb.world.answers[person.user_id][-1].show_alert
    # The grievance is still there for whoever kept the code.
    await person.send(f"/status {code.group(0)}")
    assert code.group(0) in (await person.expect()).plain_text


async def test_the_receipt_button_acts_only_on_its_own_message(world: World) -> None:
    sb = world.sandbox
    _, (first, second) = await _members(world, ("en", "en"))
    theirs = await _file(world, first)
    mine = await _file(world, second)
    await second.press_data(mine, "gv:rcpt")
    await sb.until(lambda: mine.deleted, "the receipt deleted")
    await settle(sb)
    assert not theirs.deleted and CODE.search(theirs.plain_text)
