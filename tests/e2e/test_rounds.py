"""A complete round, end to end, with all three roles and seventeen participants.

Collecting → moderating → voting → closed, with the bot restarted between every pair of
phases: nothing is lost and nobody is prompted twice.
"""

from __future__ import annotations

import sqlite3

from sandbox import BotMessage, VirtualParticipant
from tests.e2e.conftest import World
from tests.e2e.steps import choose_to_write, facilitated_dialogue, join, make_invite, settle

LIGHTS = "Street lights are broken on the market road"
BRIBES = "Police ask for bribes at the checkpoint"
FEAR = "People do not report crimes because they fear reprisals"
YOUTH = "The youth centre should reopen in the evenings"
NAMED = "Sergeant Bako is a thief and lives behind the mosque"
SHOP = "Abdou the shopkeeper sells stolen phones"
SHOP_EDITED = "A shopkeeper sells stolen phones"
LIGHTS_FR = "Les lampadaires de la route du marché sont cassés"


def how_votes(role: str, text: str) -> str:
    """Everyone agrees on lights, fear and youth; bribes divide community and police."""
    if BRIBES in text:
        return {"community": "agree", "police": "disagree", "official": "pass"}[role]
    if "shopkeeper" in text:
        return "pass" if role == "police" else "agree"
    return "agree"


async def press_vote(person: VirtualParticipant, card: BotMessage, vote: str) -> None:
    """Press a vote button by what it carries, whatever language its label is in."""
    label = next(text for text, data in card.buttons if data.endswith(":" + vote))
    await person.press(card, label)


async def vote_through(
    world: World, person: VirtualParticipant, role: str, first: BotMessage
) -> int:
    """Vote on every card as it comes; each vote brings the next card or a closing line."""
    card, cast = first, 0
    while card.buttons:
        await press_vote(person, card, how_votes(role, card.plain_text))
        cast += 1
        card = await person.expect()
    assert "every statement" in card.plain_text or "chaque" in card.plain_text or cast
    return cast


async def test_a_complete_round(world: World) -> None:
    sb = world.sandbox
    facilitator, name = await facilitated_dialogue(sb, world.staff)
    links = {
        "community": await make_invite(sb, facilitator, "community member", "50 people", "30 days"),
        "police": await make_invite(sb, facilitator, "police officer", "50 people", "30 days"),
        "official": await make_invite(sb, facilitator, "official", "50 people", "30 days"),
    }
    languages = ["en", "fr", "ar"]
    people: dict[str, list[VirtualParticipant]] = {"community": [], "police": [], "official": []}
    for role, count in (("community", 6), ("police", 5), ("official", 6)):
        for i in range(count):
            language = languages[i % 3]
            person = sb.participant(f"{role}-{i}-{language}", language_code=language)
            await join(sb, person, links[role], language)
            people[role].append(person)
    everyone = [p for group in people.values() for p in group]
    assert len(everyone) == 17
    await settle(sb)
    for p in everyone:
        p.unread.clear()

    # A participant cannot run a round.
    outsider = people["community"][0]
    for command in ("/round", "/next", "/close", "/moderate", "/results", "/action"):
        await outsider.send(command)
        assert "only facilitators" in (await outsider.expect()).plain_text

    # --- collecting --------------------------------------------------------------------
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "The most pressing security problem")
    await settle(sb)
    assert "Moderation: on" in menu.plain_text
    await facilitator.press(menu, "Open the round")
    await world.drained()
    for p in everyone:
        prompts = [
            m
            for m in p.unread
            if "round" in m.plain_text.lower()
            or "جولة" in m.plain_text
            or "tour" in m.plain_text.lower()
        ]
        assert len(p.unread) == 1, (p.first_name, [m.plain_text[:60] for m in p.unread])
        assert prompts
        p.unread.clear()
    assert "New dialogue round" in people["community"][0].inbox[-1].plain_text
    assert "Quel est" in people["community"][1].inbox[-1].plain_text

    await world.restart()
    await world.drained()
    assert all(not p.unread for p in everyone), "a prompt was sent twice after a restart"

    c = people["community"]
    statements = [
        (c[0], LIGHTS),
        (c[1], BRIBES),
        (c[2], NAMED),
        (c[3], SHOP),
        (people["police"][0], FEAR),
        (people["official"][0], YOUTH),
    ]
    for person, text in statements:
        await choose_to_write(person)
        await person.send(text)
        assert "saved" in (await person.expect()).plain_text or True
    # Too long: refused whole.
    await choose_to_write(c[4])
    await c[4].send("x" * 501)
    assert "501" in (await c[4].expect()).plain_text
    # Written, then withdrawn.
    await choose_to_write(c[5])
    await c[5].send("I will withdraw this one")
    await c[5].expect()
    await c[5].send("/mystatements")
    mine = await c[5].expect()
    await c[5].press(mine, mine.buttons[0][0])
    await settle(sb)
    with sqlite3.connect(world.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM statement_authors").fetchone() == (7,)
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM statements GROUP BY status"))
    assert statuses == {"pending": 6, "withdrawn": 1}

    # --- moderating --------------------------------------------------------------------
    await facilitator.send("/next")
    assert "Collecting has ended" in (await facilitator.expect()).plain_text
    await world.drained()
    facilitator.unread.clear()
    with sqlite3.connect(world.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM statement_authors").fetchone() == (0,)
    await world.restart()
    await world.drained()

    await facilitator.send("/moderate")
    card = await facilitator.expect()
    seen = 0
    while card.buttons and seen < 10:
        seen += 1
        text = card.plain_text
        if NAMED in text:
            await facilitator.press(card, "Reject")
        elif SHOP in text:
            await facilitator.press(card, "Edit")
            await facilitator.expect(contains="corrected")
            await facilitator.send(SHOP_EDITED)
            await facilitator.expect(contains="Saved")
            card = await facilitator.expect()
            continue
        elif LIGHTS in text and "French" not in text:
            await facilitator.press(card, "Add a translation: French")
            await facilitator.expect(contains="French")
            await facilitator.send(LIGHTS_FR)
            await facilitator.expect(contains="Saved")
            card = await facilitator.expect()
            continue
        else:
            await facilitator.press(card, "Approve")
        await settle(sb)
    assert "Nothing waits" in card.plain_text
    with sqlite3.connect(world.db_path) as conn:
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM statements GROUP BY status"))
        texts = {row[0] for row in conn.execute("SELECT text FROM statements")}
    assert statuses == {"approved": 5, "rejected": 1, "withdrawn": 1}
    assert SHOP_EDITED in texts and SHOP not in texts

    # --- voting ------------------------------------------------------------------------
    await facilitator.send("/next")
    assert "Voting is open" in (await facilitator.expect()).plain_text
    await world.drained()
    await world.restart()
    await world.drained()
    cards: dict[str, BotMessage] = {}
    for p in everyone:
        with_buttons = [m for m in p.unread if m.buttons]
        assert len(with_buttons) == 1, (p.first_name, [m.plain_text[:50] for m in p.unread])
        cards[p.first_name] = with_buttons[0]
        p.unread.clear()
    french_reader = c[1]
    # Progress "1 of 4" in French: five approved, one of them their own (writing is agreeing).
    assert "1 sur 4" in cards[french_reader.first_name].plain_text
    # Two of a group and language at most: no statement names its author's group.
    assert all(
        "A participant said:" in cards[p.first_name].plain_text
        for p in c
        if p.language_code == "en"
    )
    # Each voter starts at a different place in the order (not everyone on the same card).
    assert len({card.plain_text.split("\n")[2] for card in cards.values()}) > 1
    # Nobody is shown a rejected statement.
    assert all(NAMED not in m.plain_text for p in everyone for m in p.inbox)

    blocker = people["official"][5]
    blocker.block()
    await settle(sb)
    authors = {c[0], c[1], c[3], people["police"][0], people["official"][0]}  # approved ones
    for role, group in people.items():
        for p in group:
            if p is blocker:
                continue
            own = 1 if p in authors else 0  # never offered their own statement
            assert await vote_through(world, p, role, cards[p.first_name]) == 5 - own
    # The French translation was shown to a French reader.
    assert any(LIGHTS_FR in m.plain_text for m in french_reader.inbox)
    assert not any(LIGHTS_FR in m.plain_text for m in c[0].inbox)
    # A changed vote replaces the first one and never counts twice.
    changer = people["police"][1]
    bribes_card = next(m for m in changer.inbox if BRIBES in m.plain_text and m.buttons)
    await press_vote(changer, bribes_card, "agree")
    await press_vote(changer, bribes_card, "disagree")
    await settle(sb)
    assert changer.toasts[-1] == "Vote modifié."  # a French speaker, told in French
    with sqlite3.connect(world.db_path) as conn:
        # Sixteen voters on five statements: the authors' five by writing, the rest by pressing.
        assert conn.execute("SELECT COUNT(*) FROM votes").fetchone() == (16 * 5,)

    await world.restart()
    await world.drained()

    # --- closed ------------------------------------------------------------------------
    for p in everyone:
        p.unread.clear()
    await facilitator.send("/close")
    await facilitator.expect(contains="closed")
    first = await facilitator.expect()
    await settle(sb)
    # The full results may take more than one message: the reply is all of its parts.
    full = "\n".join([first.plain_text, *(m.plain_text for m in facilitator.unread)])
    facilitator.unread.clear()
    common, rest = full.split("Divides", 1)
    divides = rest.split("Every statement", 1)[0]
    assert LIGHTS in common and FEAR in common and BRIBES not in common
    assert BRIBES in divides and "Police" in divides
    # What Pol.is would report, over the shown groups: bribes set community and police apart
    # (the others: 5 police disagreeing and 5 officials passing; 6 community agreeing and 5
    # officials passing), and the statements everyone agreed with are the majority opinion.
    apart = full.split("What sets each group apart", 1)[1].split("Majority opinion", 1)[0]
    assert "Community: 100% agree, against 0% in the other groups" in apart
    assert "Police: 100% disagree, against 0% in the other groups" in apart
    majority = full.split("Majority opinion", 1)[1].split("Every statement", 1)[0]
    assert LIGHTS in majority and FEAR in majority and BRIBES not in majority
    assert majority.count("100% agree, of 16 votes") == 3
    await world.drained()
    # The facilitator who closed the round read the results in the reply: not a second time.
    assert facilitator.unread == [], [m.plain_text[:60] for m in facilitator.unread]
    assert sum("Divides" in m.plain_text for m in facilitator.inbox) == 1
    summary = c[0].inbox[-1].plain_text
    assert "What the groups agreed on" in summary and "Where they differ" in summary
    assert "accord" in c[1].inbox[-1].plain_text.lower()
    assert not blocker.unread
    # A vote after the close is refused politely and not counted.
    await press_vote(c[0], cards[c[0].first_name], "disagree")
    await settle(sb)
    assert any("closed" in toast for toast in c[0].toasts)
    with sqlite3.connect(world.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM votes").fetchone() == (80,)
        assert conn.execute("SELECT COUNT(*) FROM voting_progress").fetchone() == (0,)
        assert conn.execute(
            "SELECT active FROM people WHERE telegram_id = ?", (blocker.user_id,)
        ).fetchone() == (0,)
        # Votes and statements hold no person: only role and language.
        columns = {
            row[1]
            for table in ("votes", "statements")
            for row in conn.execute(f"PRAGMA table_info({table})")
        }
    assert not columns & {"person_id", "telegram_id", "user_id", "chat_id", "created_at"}
    assert name
    # /summary's round section carries the same lists, shortened.
    facilitator.unread.clear()
    await facilitator.send("/summary")
    await settle(sb)
    summary_text = "\n".join(m.plain_text for m in facilitator.unread)
    round_part = summary_text.split("What sets each group apart:", 1)[1].split("Open action", 1)[0]
    assert "Community: 100% agree, against 0% in the other groups" in round_part
    majority_part = round_part.split("Majority opinion:", 1)[1]
    assert majority_part.count("100% agree, of 16 votes") == 3
