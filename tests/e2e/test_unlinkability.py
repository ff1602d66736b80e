"""What people said cannot be linked to them: checked on the schema and on real rows.

After a round has run end to end, every table holding what people said or voted must carry no
person, chat, message or update id, no time finer than a day, a random key in a WITHOUT ROWID
table (a rowid follows arrival order), and no foreign key to people. The short-lived links that
exist while a round runs (who wrote what while collecting, how far each voter got) must be gone
once it closes. Grievances and survey answers join ANONYMOUS when they exist.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from pathlib import Path

import pytest

from bot.logs import hold_libraries
from sandbox import VirtualParticipant
from services import grievances as grievance_cases
from services import surveys as survey_cases
from tests.e2e.anonymity import check_anonymous
from tests.e2e.conftest import World
from tests.e2e.steps import choose_to_write, facilitated_dialogue, join, make_invite, settle

ANONYMOUS = ("statements", "votes", "grievances")
EMPTY_AFTER_CLOSE = ("statement_authors", "voting_progress")


async def test_a_closed_round_leaves_nothing_linkable(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    members = [sb.participant(f"m{i}", language_code="en") for i in range(3)]
    for member in members:
        await join(sb, member, link, "en")
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "What would build trust")
    await settle(sb)
    await facilitator.press(menu, "Moderation on/off")
    await settle(sb)
    await facilitator.press(menu, "Open the round")
    await world.drained()
    for i, member in enumerate(members):
        await choose_to_write(member)
        await member.send(f"Statement number {i} with my own words")
    await settle(sb)
    await facilitator.send("/next")
    await world.drained()
    for member in members:
        cards = [m for m in member.inbox if m.buttons]
        card = cards[-1]
        while card.buttons:
            label = next(t for t, d in card.buttons if d.endswith(":agree"))
            await member.press(card, label)
            card = await member.expect()
    await facilitator.send("/close")
    await world.drained()

    known_ids = {str(p.user_id) for p in [*members, facilitator, world.staff]}
    with sqlite3.connect(world.db_path) as conn:
        for table in ("statements", "votes"):
            check_anonymous(conn, table, known_ids)
        for table in EMPTY_AFTER_CLOSE:
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table


DESCRIPTIONS = [
    "The checkpoint officers asked every driver for two thousand francs",
    "Nobody came when the shop near the well was robbed",
    "Armed men warned the farmers not to go to the eastern fields",
]
CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}")
OURS = ("bot", "storage", "flows", "telegram", "httpx", "httpcore", "apscheduler", "aiosqlite")


def _database_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


async def _file(world: World, person: VirtualParticipant, category: str, text: str) -> str:
    person.unread.clear()
    await person.send("/grievance")
    await person.expect(contains="anonymous")
    question = await person.expect(contains="What is your grievance about")
    for step, choice, next_step in (
        ("category", category, "When did it happen"),
        ("when", "this_week", "Describe what happened"),
    ):
        await person.press_data(question, f"gv:c:{step}:{choice}")
        await _until(lambda: next_step in question.plain_text)  # noqa: B023 - awaited here
    await person.send(text)
    review = await person.expect(contains="Please check your grievance")
    # Before it is sent, the description exists nowhere in the database or its journal.
    assert text.encode() not in _database_bytes(world.db_path)
    await person.press_data(review, review.buttons[0][1])
    await _until(lambda: CODE.search(review.plain_text) is not None)
    found = CODE.search(review.plain_text)
    assert found, review.plain_text
    return found.group(0)


async def _until(check, timeout: float = 10.0) -> None:
    """Wait for the bot's edit (under load it can come after the sandbox looked idle)."""
    for _ in range(int(timeout / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the bot did not answer in time")


async def test_grievances_leave_nothing_linkable(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    hold_libraries(logging.DEBUG)  # as `palabre run` does at PALABRE_LOG_LEVEL=DEBUG
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    members = [sb.participant(f"g{i}", language_code="en") for i in range(3)]
    for member in members:
        await join(sb, member, link, "en")
    codes = []
    for member, category, text in zip(
        members, ("corruption", "theft", "armed_threats"), DESCRIPTIONS, strict=True
    ):
        codes.append(await _file(world, member, category, text))
    assert await grievance_cases.raise_alerts(world.runtime) == 1  # the armed threat
    await world.drained()
    # Forgetting the person who filed first leaves their grievance as it was, still anonymous.
    with sqlite3.connect(world.db_path) as conn:
        before = conn.execute("SELECT * FROM grievances ORDER BY key").fetchall()
    members[0].unread.clear()
    await members[0].send("/forgetme")
    await members[0].press_data(await members[0].expect(contains="Delete"), "forget:yes")
    await settle(sb)

    known_ids = {str(p.user_id) for p in [*members, facilitator, world.staff]}
    with sqlite3.connect(world.db_path) as conn:
        rows = check_anonymous(conn, "grievances", known_ids)
        assert rows == before
        assert {r[6] for r in rows} == set(DESCRIPTIONS)
        columns = [row[1] for row in conn.execute("PRAGMA table_info(grievances)")]
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["filed_on"])
            assert re.fullmatch(r"[0-9a-f]{32}", record["key"])
            assert re.fullmatch(r"[0-9a-f]{64}", record["receipt_key"])
        # The daily counts live in memory only, under pseudonyms of the day.
        pseudonyms = set(world.runtime.filed_today)
        assert len(pseudonyms) == 3 and not pseudonyms & known_ids
        assert not pseudonyms & {r[7] for r in rows}
        assert conn.execute("SELECT COUNT(*) FROM conversations").fetchone() == (0,)
    # Receipt codes are not stored as such, in any spelling.
    stored = _database_bytes(world.db_path)
    for code in codes:
        assert code.encode() not in stored and code.replace("-", "").encode() not in stored
    # The forgotten person can still follow their grievance with the code.
    await members[0].send(f"/status {codes[0]}")
    assert "Received" in (await members[0].expect(contains="Status")).plain_text
    # Nothing people wrote, and no receipt code, reached the logs at any level.
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.split(".")[0] in OURS)
    assert logging.getLogger("services.grievances").isEnabledFor(logging.DEBUG)
    for secret in [*DESCRIPTIONS, *codes]:
        assert secret not in logged


OPEN_ANSWER = "The road to the eastern wells needs night patrols"


async def test_survey_answers_leave_nothing_linkable(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    hold_libraries(logging.DEBUG)
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    members = [sb.participant(f"s{i}", language_code="en") for i in range(3)]
    for member in members:
        await join(sb, member, link, "en")
    await facilitator.send("/surveynow community")
    await facilitator.expect(contains="Survey started")
    await world.drained()
    for member in members:
        question = next(m for m in reversed(member.inbox) if m.buttons)
        while question.buttons:
            data = [d for _, d in question.buttons]
            if all(d.endswith(":-") for d in data):  # the open question, the last one
                await member.send(OPEN_ANSWER)
                await settle(sb)
                break
            await member.press_data(question, data[1])
            await settle(sb)
        # The survey is finished with the open answer: only then is it stored.
        assert "Thank you" in member.inbox[-1].plain_text
    world.clock.advance(hours=73)
    await survey_cases.remind_and_close(world.runtime)
    await world.drained()

    known_ids = {str(p.user_id) for p in [*members, facilitator, world.staff]}
    with sqlite3.connect(world.db_path) as conn:
        rows = check_anonymous(conn, "survey_responses", known_ids)
        assert len(rows) == 3
        columns = [row[1] for row in conn.execute("PRAGMA table_info(survey_responses)")]
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["answered_on"])
        texts = check_anonymous(conn, "survey_open_answers", known_ids)
        assert [r[4] for r in texts] == [OPEN_ANSWER] * 3
        # The open answer shares no column with the rest of the survey it came with.
        open_columns = {row[1] for row in conn.execute("PRAGMA table_info(survey_open_answers)")}
        assert open_columns & set(columns) == {"key", "wave_id", "role"}
        assert {r[0] for r in texts}.isdisjoint(r[0] for r in rows)
        assert conn.execute("SELECT COUNT(*) FROM survey_participation").fetchone() == (0,)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.split(".")[0] in OURS)
    assert OPEN_ANSWER not in logged
