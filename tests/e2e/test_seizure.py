"""Whoever seizes the server: a busy day through a real `palabre run`, then every file of the
bot's directory copied (after kill -9, and again after a clean stop) and read as an attacker
would: the write-ahead log replayed commit by commit, every keyed hash recomputed with every key
file over every person id and Telegram id, every table searched (see ``forensics``).

Grievances must be unlinkable at every moment; statements, votes and survey responses once
their round or wave has closed.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

from sandbox import BotApiSandbox, BotMessage, VirtualParticipant
from tests.e2e.deployment import Deployment, deployed
from tests.e2e.forensics import Findings, Truth, find_links
from tests.e2e.steps import facilitated_dialogue, join, make_invite
from tests.e2e.test_process import RECEIPT

MEMBERS = 10
GRIEVANCES_EACH = 2
OPEN_ANSWER = "The night patrols should come back to the river side"


async def _file_grievance(
    sb: BotApiSandbox, person: VirtualParticipant, number: int, truth: Truth
) -> None:
    description = f"Report {number} of {person.first_name}: the checkpoint asked for money again"
    await person.send("/grievance")
    await person.expect(contains="anonymous", timeout=20)
    question = await person.expect(contains="What is your grievance about", timeout=20)
    choices = [label for label, _ in question.buttons]
    await person.press(question, choices[number % 3])
    await sb.until(lambda: "When did it happen" in question.plain_text, "the next question", 20)
    await person.press(question, "This week")
    await sb.until(lambda: "Describe what happened" in question.plain_text, "the description", 20)
    await person.send(description)
    review = await person.expect(contains="Please check your grievance", timeout=20)
    await person.press(review, "Send it")
    await sb.until(lambda: RECEIPT.search(review.plain_text) is not None, "the receipt", 20)
    truth.grievances[description] = person.user_id


async def _write_statement(
    sb: BotApiSandbox, person: VirtualParticipant, text: str, truth: Truth
) -> None:
    await person.send(text)
    answer = await person.expect(timeout=20)
    if any(label == "Yes" for label, _ in answer.buttons):  # asked before it is taken
        await person.press(answer, "Yes")
        await sb.until(lambda: "saved" in answer.plain_text.lower(), "the statement saved", 20)
    else:
        assert "saved" in answer.plain_text.lower(), answer.plain_text
    truth.statements[text] = person.user_id


def _card(person: VirtualParticipant, seen: set[tuple[int, str]]) -> BotMessage | None:
    for message in reversed(person.inbox):
        agree = any(label == "Agree" for label, _ in message.buttons)
        if agree and (message.message_id, message.plain_text) not in seen:
            return message
    return None


async def _vote_through(sb: BotApiSandbox, person: VirtualParticipant, truth: Truth) -> None:
    seen: set[tuple[int, str]] = set()

    def done() -> bool:
        return any("every statement" in m.plain_text for m in person.inbox)

    while True:
        await sb.until(lambda: _card(person, seen) is not None or done(), "a card", 20)
        card = _card(person, seen)
        if card is None:
            break
        seen.add((card.message_id, card.plain_text))
        await person.press(card, "Agree")
        truth.voters.add(person.user_id)


async def _answer_survey(sb: BotApiSandbox, person: VirtualParticipant, truth: Truth) -> None:
    def survey(m: BotMessage) -> bool:
        return any(d.startswith("sv:") for _, d in m.buttons)

    await sb.until(lambda: any(survey(m) for m in person.inbox), "the invitation", 30)
    question = next(m for m in reversed(person.inbox) if survey(m))
    while True:
        data = [d for _, d in question.buttons]
        if data and all(d.endswith(":-") for d in data):  # the open question, the last one
            await person.send(OPEN_ANSWER)
            await sb.until(
                lambda: any("Thank you" in m.plain_text for m in person.inbox), "thanks", 20
            )
            break
        before = question.plain_text
        await person.press_data(question, data[1])
        await sb.until(lambda before=before: question.plain_text != before, "the next one", 20)
        if not question.buttons:
            break
    truth.finishers.add(person.user_id)


def _seize(deployment: Deployment, into: Path) -> Path:
    """Copy every file of the bot's directory, the key directory included, as it is now."""
    shutil.copytree(deployment.db_path.parent, into)
    return into


def _people(deployment: Deployment) -> dict[int, int]:
    with closing(sqlite3.connect(deployment.db_path)) as conn:
        return dict(conn.execute("SELECT id, telegram_id FROM people").fetchall())


def _report(name: str, found: Findings) -> str:
    return (
        f"{name}: {found.commits} commits ({found.grievance_commits} filing grievances) in "
        f"{found.generations} log generations, {found.hashes} keyed hashes from "
        f"{found.keys} keys, "
    ) + (f"{len(found.links)} links: {found.links[:5]}")


async def test_whoever_seizes_the_server_links_nothing(tmp_path: Path) -> None:
    truth = Truth()
    people: dict[int, int] = {}
    (tmp_path / "bot").mkdir()
    async with deployed(tmp_path / "bot") as deployment:
        sb, bot = deployment.sandbox, deployment.bot
        facilitator, _ = await facilitated_dialogue(sb, deployment.staff)
        link = await make_invite(sb, facilitator, "community member", "50 people", "7 days")
        members = [sb.participant(f"p{i}", language_code="en") for i in range(MEMBERS)]
        for member in members:
            await join(sb, member, link, "en")
        await deployment.handled()
        people |= _people(deployment)

        # A round without moderation; everyone writes a statement while grievances come in.
        await facilitator.send("/round")
        menu = await facilitator.expect()
        await facilitator.press(menu, "What would build trust")
        await sb.until(lambda: any("Open the round" in t for t, _ in menu.buttons), "settings")
        await facilitator.press(menu, "Moderation on/off")
        await sb.until(lambda: "Moderation: off" in menu.plain_text, "moderation off")
        await facilitator.press(menu, "Open the round")
        for member in members:
            await member.expect(contains="New dialogue round", timeout=20)
        await asyncio.gather(
            *(
                _write_statement(sb, m, f"Statement of {m.first_name}: light the market", truth)
                for m in members
            )
        )
        for number in range(GRIEVANCES_EACH):
            await asyncio.gather(*(_file_grievance(sb, m, number, truth) for m in members))
        assert len(truth.grievances) == MEMBERS * GRIEVANCES_EACH

        # While the round is still open: no grievance is linkable, now or ever.
        open_round = find_links(_seize(deployment, tmp_path / "open"), truth, people=people)
        assert open_round.grievance_commits > 0, "the log held no grievance to work on"
        assert not open_round.of("grievances"), _report("round open", open_round)

        await facilitator.send("/next")
        await facilitator.expect(contains="Voting is open", timeout=20)
        await deployment.delivered()
        # Collecting has ended: no author link, and the log that held them is gone. Each
        # author's agree now sits under their own vote key, so whoever also holds the round's
        # key finds the authors, one agree each (as the threat model says); without the key
        # directory (a RAM disk, powered off), nothing.
        ended = find_links(_seize(deployment, tmp_path / "ended"), truth, people=people)
        assert not ended.of("grievances") and not ended.of("statements"), _report("ended", ended)
        named = {int(x) for link in ended.of("votes") for x in re.findall(r"\d{6,}", link)}
        assert named == set(truth.statements.values()), _report("collecting ended", ended)
        keyless = _seize(deployment, tmp_path / "ended-keyless")
        shutil.rmtree(keyless / "palabre.db.keys")
        without_keys = find_links(keyless, truth, people=people)
        assert without_keys.links == [], _report("ended, no keys", without_keys)
        await asyncio.gather(*(_vote_through(sb, m, truth) for m in members))
        # While voting is open, the round's key is on disk: the attacker's method does find
        # who voted what (as the threat model says), which shows it would find a link.
        voting = find_links(_seize(deployment, tmp_path / "voting"), truth, people=people)
        assert voting.of("votes") and voting.keys >= 2, _report("voting open", voting)
        await facilitator.send("/close")
        await facilitator.expect(contains="closed", timeout=20)
        await deployment.delivered()
        for person in (facilitator, *members):
            person.unread.clear()

        await facilitator.send("/surveynow community")
        await facilitator.expect(contains="Survey started", timeout=20)
        await asyncio.gather(*(_answer_survey(sb, m, truth) for m in members))
        await deployment.delivered()
        people |= _people(deployment)

        # The wave's time runs out while the bot is down; on restart the tick closes it.
        await bot.kill()
        with closing(sqlite3.connect(deployment.db_path)) as conn, conn:
            # opened long ago: its window is over (and no reminder is due any more)
            conn.execute("UPDATE survey_waves SET opened_at = '2000-01-01T00:00:00+00:00'")
        await bot.start()
        await sb.until(
            lambda: deployment.one("SELECT COUNT(*) FROM survey_waves WHERE closed = 0") == (0,),
            "the wave closed",
            30,
        )
        await deployment.delivered()
        # One more grievance, and the kill right after it: the log may still hold its commit.
        members[0].unread.clear()
        await _file_grievance(sb, members[0], GRIEVANCES_EACH, truth)
        await bot.kill()
        killed = find_links(_seize(deployment, tmp_path / "killed"), truth, people=people)

        await bot.start()
        await deployment.handled()
        await bot.stop()
        stopped = find_links(_seize(deployment, tmp_path / "stopped"), truth, people=people)
        modes = {
            p.name: stat.S_IMODE(p.stat().st_mode)
            for p in deployment.db_path.parent.rglob("*")
            if p.name != "palabre.log"  # the test's own capture of the process's output
        }
        await bot.start()  # the fixture stops it

    print(_report("round open", open_round))
    print(_report("collecting ended", ended))
    print(_report("collecting ended, no key directory", without_keys))
    print(_report("voting open", voting))
    print(_report("after kill -9", killed))
    print(_report("after a clean stop", stopped))
    assert killed.links == [], _report("after kill -9", killed)
    assert stopped.links == [], _report("after a clean stop", stopped)
    assert "palabre.db.keys" in modes  # the round's key directory (its key destroyed at close)
    assert {name: mode for name, mode in modes.items() if mode & 0o077} == {}
