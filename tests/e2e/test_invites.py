"""Invites end to end: valid, unknown, revoked, expired and used up; role checks."""

from __future__ import annotations

import sqlite3

from tests.e2e.conftest import World
from tests.e2e.steps import facilitated_dialogue, join, make_invite, pick_language, settle


def _memberships(world: World) -> list[tuple]:
    with sqlite3.connect(world.db_path) as conn:
        return conn.execute(
            "SELECT p.telegram_id, m.role FROM memberships m JOIN people p ON p.id = m.person_id"
            " ORDER BY p.telegram_id"
        ).fetchall()


async def test_staff_dialogue_facilitator_and_a_valid_invite(world: World) -> None:
    sb = world.sandbox
    facilitator, name = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    amina = sb.participant("Amina", language_code="fr")
    welcome = await join(sb, amina, link, "fr")
    assert name in welcome.plain_text
    assert (amina.user_id, "community") in _memberships(world)
    await amina.send("/help")
    help_text = (await amina.expect()).plain_text
    assert "/invite" not in help_text and "/newdialogue" not in help_text
    assert "/dialogue" in help_text
    # Opening the same link again neither fails nor uses it twice.
    await amina.open_link(link)
    assert "déjà" in (await amina.expect()).plain_text
    with sqlite3.connect(world.db_path) as conn:
        assert conn.execute("SELECT uses FROM invites WHERE role='community'").fetchone() == (1,)


async def test_unknown_code_changes_nothing(world: World) -> None:
    sb = world.sandbox
    await facilitated_dialogue(sb, world.staff)
    before = _memberships(world)
    stranger = sb.participant("Stranger", language_code="ar")
    await stranger.open_link(f"https://t.me/{sb.bot_username}?start=NoSuchInviteCode123")
    answer = await stranger.expect()
    assert "دعوة" in answer.plain_text  # told in Arabic that the invite is not valid
    assert _memberships(world) == before
    with sqlite3.connect(world.db_path) as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM people WHERE telegram_id = ?", (stranger.user_id,)
        ).fetchone() == (0,)


async def test_revoked_invite(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "police officer", "No limit", "No expiry")
    await facilitator.send("/invite")
    menu = await facilitator.expect()
    await facilitator.press(menu, "List and revoke invites")
    await settle(sb)
    assert link in menu.plain_text
    revoke = next(text for text, _ in menu.buttons if text.startswith("Revoke"))
    await facilitator.press(menu, revoke)
    await settle(sb)
    assert "Invite revoked." in facilitator.toasts
    officer = sb.participant("Officer", language_code="en")
    await officer.open_link(link)
    assert "withdrawn" in (await officer.expect()).plain_text
    assert all(row[0] != officer.user_id for row in _memberships(world))


async def test_expired_invite(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "official", "No limit", "1 day")
    world.clock.advance(days=1, seconds=1)
    official = sb.participant("Official", language_code="en")
    await official.open_link(link)
    assert "expired" in (await official.expect()).plain_text
    assert all(row[0] != official.user_id for row in _memberships(world))


async def test_used_up_invite(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "1 person", "7 days")
    first, second = sb.participant("First"), sb.participant("Second")
    await join(sb, first, link)
    await second.open_link(link)
    assert "already been used" in (await second.expect()).plain_text
    assert [row[0] for row in _memberships(world)].count(second.user_id) == 0


async def test_community_member_cannot_use_facilitator_or_staff_powers(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    yusuf = sb.participant("Yusuf", language_code="en")
    await join(sb, yusuf, link, "en")
    await yusuf.send("/invite")
    assert "only facilitators" in (await yusuf.expect()).plain_text
    await yusuf.send("/newdialogue Fake")
    assert "only program staff" in (await yusuf.expect()).plain_text
    # A modified client forges the facilitator's buttons: refused, nothing created.
    with sqlite3.connect(world.db_path) as conn:
        invites_before = conn.execute("SELECT COUNT(*) FROM invites").fetchone()
        dialogue_id = conn.execute("SELECT id FROM dialogues").fetchone()[0]
    anchor = yusuf.inbox[-1]
    for forged in [
        f"inv:c:{dialogue_id}:police:-:-",
        f"inv:l:{dialogue_id}",
        f"inv:n:{dialogue_id}:facilitator",
        "dlg:999",
        "lang:xx",
        "forget:maybe",
        "nonsense",
    ]:
        await yusuf.press_data(anchor, forged)
    await settle(sb)
    with sqlite3.connect(world.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM invites").fetchone() == invites_before
    assert len(yusuf.toasts) == 7 and all(yusuf.toasts)


async def test_facilitator_cannot_invite_facilitators_but_staff_can(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    await facilitator.send("/invite")
    labels = [text for text, _ in (await facilitator.expect()).buttons]
    assert "facilitator" not in labels and "police officer" in labels
    await world.staff.send("/invite")
    labels = [text for text, _ in (await world.staff.expect()).buttons]
    assert "facilitator" in labels


async def test_one_person_in_two_dialogues_switches_with_dialogue(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff, "Maradi")
    link_a = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    await world.staff.send("/newdialogue Zinder")
    from tests.e2e.steps import link_in

    facilitator_link = link_in(await world.staff.expect(contains="Zinder"))
    await join(sb, facilitator, facilitator_link)
    link_b = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    hadiza = sb.participant("Hadiza", language_code="en")
    await join(sb, hadiza, link_a, "en")
    await join(sb, hadiza, link_b)
    await hadiza.send("/dialogue")
    chooser = await hadiza.expect()
    assert len(chooser.buttons) == 2
    maradi = next(text for text, _ in chooser.buttons if "Maradi" in text)
    await hadiza.press(chooser, maradi)
    await settle(sb)
    assert "Maradi" in chooser.plain_text
    await hadiza.send("/help")
    assert "Maradi" in (await hadiza.expect()).plain_text


async def test_language_choice_in_all_three(world: World) -> None:
    sb = world.sandbox
    expected = {"en": "Language set", "fr": "Langue", "ar": "اللغة"}
    for language, word in expected.items():
        person = sb.participant(f"P-{language}", language_code="en")
        await person.send("/start")
        await person.expect()
        confirmation = await pick_language(sb, person, language)
        assert word in confirmation
        await person.send("/help")
        reply = (await person.expect()).plain_text
        assert ("/privacy" in reply) and (language == "en" or "What you can do" not in reply)
    # Telegram's language is the default before any choice.
    arab = sb.participant("Default-ar", language_code="ar-EG")
    await arab.send("/start")
    assert "Palabre" in (await arab.expect()).plain_text
    picker = await arab.expect()
    assert any("\u0600" <= ch <= "\u06ff" for ch in picker.plain_text)
