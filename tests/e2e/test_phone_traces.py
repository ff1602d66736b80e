"""What a taken phone shows: a voting card never says which way its reader voted."""

from __future__ import annotations

from flows.rounds.voting import VOTE_LABELS
from sandbox import VirtualParticipant
from tests.e2e.conftest import World
from tests.e2e.steps import edited, facilitated_dialogue, join, make_invite, settle

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
