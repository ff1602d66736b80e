"""The main paths against a real `palabre run` process, over loopback HTTP, as deployed."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox import VirtualParticipant
from tests.e2e.conftest import BOT
from tests.e2e.deployment import Deployment, deployed
from tests.e2e.steps import choose_to_write, facilitated_dialogue, join, make_invite

RECEIPT = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}")


@pytest.fixture
async def deployment(tmp_path: Path) -> AsyncIterator[Deployment]:
    async with deployed(tmp_path) as found:
        yield found


async def test_invites_languages_roles_and_forgetting_through_palabre_run(
    deployment: Deployment,
) -> None:
    sb, staff = deployment.sandbox, deployment.staff
    facilitator, name = await facilitated_dialogue(sb, staff)
    community = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    single = await make_invite(sb, facilitator, "police officer", "1 person", "1 day")
    revoked = await make_invite(sb, facilitator, "official", "No limit", "No expiry")
    expiring = await make_invite(sb, facilitator, "official", "No limit", "1 day")

    # Valid invites, one language each.
    people = {}
    for language in ("en", "fr", "ar"):
        person = sb.participant(f"member-{language}", language_code="en")
        welcome = await join(sb, person, community, language)
        assert name in welcome.plain_text
        people[language] = person
    await people["ar"].send("/help")
    assert "/privacy" in (await people["ar"].expect()).plain_text

    # Unknown code.
    await people["en"].open_link(f"https://t.me/{BOT}?start=unknownCODE123")
    assert "not valid" in (await people["en"].expect()).plain_text
    # Used up.
    officer, second = sb.participant("officer"), sb.participant("officer-2")
    await join(sb, officer, single)
    await second.open_link(single)
    assert "already been used" in (await second.expect()).plain_text
    # Revoked.
    await facilitator.send("/invite")
    menu = await facilitator.expect()
    code = revoked.rsplit("=", 1)[1]
    (invite_id,) = deployment.one("SELECT id FROM invites WHERE code = ?", code)
    await facilitator.press(menu, "List and revoke invites")
    await sb.until(lambda: any(invite_id in t for t, _ in menu.buttons), "the list of invites")
    await facilitator.press(menu, next(t for t, _ in menu.buttons if invite_id in t))
    await sb.until(lambda: "Invite revoked." in facilitator.toasts, "the revocation")
    newcomer = sb.participant("newcomer")
    await newcomer.open_link(revoked)
    assert "withdrawn" in (await newcomer.expect()).plain_text
    # Expired: the clock of a real process cannot be moved, so the invite's end is.
    with sqlite3.connect(deployment.db_path) as conn:
        conn.execute(
            "UPDATE invites SET expires_at = '2000-01-01T00:00:00+00:00' WHERE code = ?",
            (expiring.rsplit("=", 1)[1],),
        )
    await newcomer.open_link(expiring)
    assert "expired" in (await newcomer.expect()).plain_text

    # Role checks.
    member = people["en"]
    await member.send("/invite")
    assert "only facilitators" in (await member.expect()).plain_text
    await member.send("/newdialogue Nope")
    assert "only program staff" in (await member.expect()).plain_text

    # Bad input and a group chat.
    await member.send_photo()
    assert "only reads typed text" in (await member.expect()).plain_text
    group = sb.group("Village", members=[member, newcomer])
    await newcomer.send("/start", chat=group)
    assert f"t.me/{BOT}" in (await group.expect()).plain_text

    # Blocking marks the person inactive.
    blocker = people["fr"]
    blocker.block()
    active = "SELECT active FROM people WHERE telegram_id = ?"
    await sb.until(lambda: deployment.one(active, blocker.user_id) == (0,), "marked unreachable")

    # /forgetme.
    leaver = people["ar"]
    await leaver.send("/forgetme")
    confirm = await leaver.expect()
    await leaver.press(confirm, confirm.buttons[0][0])
    await sb.until(lambda: bool(confirm.edits), "the confirmation of the deletion")
    assert deployment.one("SELECT COUNT(*) FROM people WHERE telegram_id = ?", leaver.user_id) == (
        0,
    )


async def test_menus_are_set_per_language(deployment: Deployment) -> None:
    sb = deployment.sandbox

    def menus() -> set[str]:
        return {language for _, language in sb.commands}

    await sb.until(lambda: {"en", "fr", "ar", ""} <= menus(), "a menu in each language")
    for language in ("en", "fr", "ar", ""):
        private = sb.commands_for({"type": "all_private_chats"}, language)
        assert "help" in private and "privacy" in private, (language, private)


async def test_a_kill_9_loses_no_open_step_and_asks_nothing_twice(
    deployment: Deployment,
) -> None:
    staff = deployment.staff
    await staff.send("/newdialogue")
    assert "called" in (await staff.expect()).plain_text
    await deployment.bot.kill()
    await deployment.bot.start()
    await staff.send("Tillabéri")
    created = await staff.expect()
    assert "Tillabéri" in created.plain_text and "t.me/" in created.plain_text
    await deployment.handled()
    assert staff.unread == []  # nothing was asked twice
    with sqlite3.connect(deployment.db_path) as conn:
        assert conn.execute("SELECT name FROM dialogues").fetchall() == [("Tillabéri",)]
        assert conn.execute("SELECT COUNT(*) FROM conversations").fetchone() == (0,)


async def test_a_round_survives_kill_9_between_phases(deployment: Deployment) -> None:
    sb, bot = deployment.sandbox, deployment.bot
    facilitator, _ = await facilitated_dialogue(sb, deployment.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    members = [sb.participant(f"m{i}", language_code="en") for i in range(2)]
    for member in members:
        await join(sb, member, link, "en")
    await deployment.handled()
    for member in members:
        member.unread.clear()

    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "What would build trust")
    await sb.until(lambda: any("Open the round" in t for t, _ in menu.buttons), "the settings")
    await facilitator.press(menu, "Open the round")
    prompts = [await m.expect(contains="New dialogue round", timeout=10) for m in members]
    assert len(prompts) == 2
    await bot.kill()
    await bot.start()
    await deployment.delivered()  # whatever the restart would send again, it has sent
    assert all(not m.unread for m in members), "a prompt was sent twice after kill -9"

    await choose_to_write(members[0])
    await members[0].send("Patrols should walk, not drive, through the market")
    await members[0].expect(contains="saved")
    await facilitator.send("/next")
    await facilitator.expect(contains="Collecting has ended")
    await facilitator.send("/moderate")
    card = await facilitator.expect(contains="Patrols")
    await facilitator.press(card, "Approve")
    await sb.until(lambda: bool(card.edits), "the approval")
    await bot.kill()
    await bot.start()
    facilitator.unread.clear()
    await facilitator.send("/next")
    await facilitator.expect(contains="Voting is open")
    vote_card = None
    for _ in range(2):
        message = await members[1].expect(timeout=10)
        if message.buttons:
            vote_card = message
    # Two members: fewer than k share the author's group, so it is not named.
    assert vote_card is not None and "A participant said:" in vote_card.plain_text
    await members[1].press(vote_card, "Agree")
    await members[1].expect(contains="every statement")
    await bot.kill()
    await bot.start()
    facilitator.unread.clear()
    members[0].unread.clear()
    await facilitator.send("/close")
    await facilitator.expect(contains="closed")
    result = await members[0].expect(contains="The round is closed", timeout=10)
    assert "Patrols" not in result.plain_text  # one voter is under k: nothing is shown
    await deployment.delivered()
    assert deployment.one("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL") == (0,)
    assert deployment.one("SELECT COUNT(*) FROM votes") == (2,)  # the author's, by writing


async def test_a_grievance_through_palabre_run_survives_kill_9_and_stays_out_of_the_log(
    deployment: Deployment, tmp_path: Path
) -> None:
    sb, bot = deployment.sandbox, deployment.bot
    facilitator, _ = await facilitated_dialogue(sb, deployment.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    member = sb.participant("Fatouma", language_code="en")
    await join(sb, member, link, "en")
    await deployment.handled()
    member.unread.clear()
    await member.send("/grievance")
    await member.expect(contains="anonymous")
    question = await member.expect(contains="What is your grievance about")
    await member.press(question, "Corruption or bribery")
    await sb.until(lambda: "When did it happen" in question.plain_text, "the next question")
    await bot.kill()  # an intake lives only in memory: the restart forgets it, and says so
    await bot.start()
    await member.press(question, "This week")
    await sb.until(lambda: "start again" in question.plain_text, "the intake said to be gone")
    assert question.buttons == []
    with sqlite3.connect(deployment.db_path) as conn:  # it never was on disk
        assert conn.execute("SELECT COUNT(*) FROM conversations").fetchone() == (0,)
    await member.send("/grievance")
    await member.expect(contains="anonymous")
    question = await member.expect(contains="What is your grievance about")
    await member.press(question, "Corruption or bribery")
    await sb.until(lambda: "When did it happen" in question.plain_text, "the next question")
    await member.press(question, "This week")
    await sb.until(lambda: "Describe what happened" in question.plain_text, "the description")
    description = "The customs officer kept half of the cattle at the border post"
    typed = await member.send(description)
    review = await member.expect(contains="Please check your grievance")
    assert "Corruption or bribery" in review.plain_text
    await member.press(review, "Send it")
    await sb.until(lambda: RECEIPT.search(review.plain_text) is not None, "the receipt")
    await sb.until(lambda: typed.deleted, "the description deleted from the chat")
    code = RECEIPT.search(review.plain_text)
    assert code
    await bot.kill()  # what was acknowledged with a receipt is already stored
    await bot.start()
    await member.send(f"/status {code.group(0)}")
    assert "Received" in (await member.expect(contains="Status")).plain_text
    await bot.stop()
    log_text = (tmp_path / "palabre.log").read_text(errors="replace")
    assert "DEBUG" in log_text or "INFO" in log_text
    assert description not in log_text and code.group(0) not in log_text


async def test_a_survey_wave_survives_kill_9_mid_wave(deployment: Deployment) -> None:
    """Invitations spread over a minute; kill -9 after the first ones: after the restart the
    others still come, once each (a message claimed at the very instant of the kill may be
    lost, never doubled), and a half-answered survey goes on where it stopped."""
    sb, bot = deployment.sandbox, deployment.bot
    await bot.stop()
    bot.env["PALABRE_WAVE_SPREAD_MINUTES"] = "1"  # 8 invitations, 7.5 s apart
    await bot.start()
    facilitator, _ = await facilitated_dialogue(sb, deployment.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    members = [sb.participant(f"s{i}", language_code="en") for i in range(8)]
    for member in members:
        await join(sb, member, link, "en")
    await deployment.handled()
    for person in (facilitator, *members):
        person.unread.clear()

    def questions(person: VirtualParticipant) -> list:
        return [m for m in person.inbox if any(d.startswith("sv:") for _, d in m.buttons)]

    def invitations(person: VirtualParticipant) -> list:
        """Invitation messages (the invitation and the first question are one message)."""
        return [
            m
            for m in person.inbox
            if "Open until" in m.plain_text or any("Open until" in e for e in m.edits)
        ]

    await facilitator.send("/surveynow community")
    assert "8 people invited" in (await facilitator.expect(contains="Survey started")).plain_text
    await sb.until(lambda: any(questions(m) for m in members), "the first invitation", 10)
    first = next(m for m in members if questions(m))
    question = questions(first)[0]
    for choice, then in (("A lot", "(2/8)"), ("Somewhat", "(3/8)")):
        await first.press(question, choice)
        await sb.until(lambda then=then: then in question.plain_text, f"question {then}")
    await sb.until(lambda: sum(1 for m in members if questions(m)) >= 2, "a second invitation", 15)
    reached = sum(1 for m in members if questions(m))
    assert reached < len(members), "the whole wave went out before the kill"

    await bot.kill()
    await bot.start()
    # The survey goes on at question 3, on the same message.
    data = question.find_button("Fairly safe")[1]
    assert data.split(":")[2] == "2", data
    await first.press(question, "Fairly safe")
    await sb.until(lambda: "(4/8)" in question.plain_text, "question 4 after the restart", 10)

    # The rest of the wave arrives: the last one is due 52.5 s after the start (one lost at
    # the kill would never come, so wait for all only until the spread is over).
    def spread_over() -> bool:  # every invitation row has been claimed and sent
        return deployment.one(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'survey_invite' AND sent_at IS NULL"
        ) == (0,)

    await sb.until(spread_over, "the end of the spread wave", timeout=120)
    await deployment.delivered()
    for member in members:
        assert len(invitations(member)) <= 1, member.first_name
        assert len(questions(member)) <= 1, member.first_name  # nobody asked anything twice
        assert len(invitations(member)) == len(questions(member)), member.first_name
    missing = [m.first_name for m in members if not invitations(m)]
    assert len(missing) <= 1, missing  # at most the one in flight at the kill
    assert len(questions(first)) == 1 and "(4/8)" in question.plain_text
    with sqlite3.connect(deployment.db_path) as conn:
        rows = conn.execute(
            "SELECT COUNT(*), COUNT(sent_at) FROM outbox WHERE kind = 'survey_invite'"
        ).fetchone()
        waves = conn.execute("SELECT COUNT(*) FROM survey_waves").fetchone()
        states = conn.execute("SELECT state FROM survey_participation WHERE state IS NOT NULL")
        positions = [re.search(r'"position": (\d+)', s).group(1) for (s,) in states]
    assert rows == (8, 8) and waves == (1,)
    assert positions == ["3"]
