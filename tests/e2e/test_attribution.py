"""What a statement says of its author, end to end: one Arabic-speaking police officer among
French-speaking ones is "a participant", in a language not named; the French-speaking
officers are police officers; and nobody is offered their own statement.
"""

from __future__ import annotations

import sqlite3

from sandbox import BotMessage, VirtualParticipant
from tests.e2e.conftest import World
from tests.e2e.steps import choose_to_write, facilitated_dialogue, join, make_invite, settle

ARABIC = "نريد إنارة طريق السوق"
FRENCH = "Il faut éclairer la route du marché"
K = 5


def _statements(world: World) -> int:
    with sqlite3.connect(world.db_path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0])


def _cards(person: VirtualParticipant) -> list[BotMessage]:
    return [m for m in person.inbox if any(d.startswith("vote:") for _, d in m.buttons)]


async def _write(world: World, person: VirtualParticipant, text: str) -> None:
    before = _statements(world)
    await choose_to_write(person)
    await person.send(text)
    await world.sandbox.until(lambda: _statements(world) == before + 1, "the statement", 20)


async def test_one_arabic_speaking_officer_among_french_speaking_ones(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    police = await make_invite(sb, facilitator, "police officer", "50 people", "30 days")
    community = await make_invite(sb, facilitator, "community member", "50 people", "30 days")
    officers = [sb.participant(f"officer-{i}", language_code="fr") for i in range(K)]
    arabic = sb.participant("officer-ar", language_code="ar")
    residents = [sb.participant(f"resident-{i}", language_code="en") for i in range(K)]
    for person in [*officers, arabic]:
        await join(sb, person, police, person.language_code)
    for person in residents:
        await join(sb, person, community, "en")
    await settle(sb)

    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "What would build trust")
    await sb.until(lambda: any("Open the round" in t for t, _ in menu.buttons), "settings")
    await facilitator.press(menu, "Open the round")
    await world.drained()
    await _write(world, arabic, ARABIC)
    await _write(world, officers[0], FRENCH)

    # Moderation: the card says no more than voters will read.
    await facilitator.send("/next")
    await facilitator.expect(contains="Collecting has ended")
    await facilitator.send("/moderate")
    card = await facilitator.expect(contains="wait")
    origins: dict[str, str] = {}
    for _ in range(2):
        text = card.plain_text
        origins[ARABIC if ARABIC in text else FRENCH] = text
        edits = len(card.edits)
        await facilitator.press(card, "Approve")
        await sb.until(lambda edits=edits: len(card.edits) > edits, "the next card", 20)
    assert "From: a participant." in origins[ARABIC]
    assert "Arabic" not in origins[ARABIC] and "police" not in origins[ARABIC].lower()
    assert "translat" in origins[ARABIC]  # a translation keeps its author from standing out
    assert "written in French" in origins[FRENCH] and "Police" in origins[FRENCH]

    await facilitator.send("/next")
    await facilitator.expect(contains="Voting is open")
    await world.drained()

    # A resident reads the Arabic statement as a participant's, its language not named.
    reader = residents[0]
    await sb.until(lambda: bool(_cards(reader)), "a card", 20)
    reader.unread.clear()
    seen: dict[str, str] = {}
    card = _cards(reader)[0]
    while card.buttons:
        text = card.plain_text
        seen[ARABIC if ARABIC in text else FRENCH] = text
        assert "of 2" in text
        await reader.press(card, "Agree")
        card = await reader.expect(timeout=20)
    assert set(seen) == {ARABIC, FRENCH}
    assert "A participant said:" in seen[ARABIC] and "(no translation yet)" in seen[ARABIC]
    assert "Arabic" not in seen[ARABIC] and "police" not in seen[ARABIC].lower()
    assert "A police officer said:" in seen[FRENCH]
    assert "(written in French; no translation yet)" in seen[FRENCH]

    # Each author is offered only the other's statement: writing was agreeing.
    for author, own, other in ((arabic, ARABIC, FRENCH), (officers[0], FRENCH, ARABIC)):
        cards = _cards(author)
        assert cards and all(own not in m.plain_text for m in cards)
        assert other in cards[-1].plain_text
    # Their own group's reader of the Arabic statement is not told it is their group's.
    colleague = officers[1]
    await sb.until(lambda: bool(_cards(colleague)), "a card", 20)
    for message in _cards(colleague):
        if ARABIC in message.plain_text:
            assert "groupe" not in message.plain_text  # «Quelqu'un de votre propre groupe»
    with sqlite3.connect(world.db_path) as conn:
        rows = conn.execute(
            "SELECT s.text, s.author_role, s.language_named FROM statements s ORDER BY s.text"
        ).fetchall()
    assert sorted(rows) == sorted([(FRENCH, "police", 1), (ARABIC, None, 0)])
