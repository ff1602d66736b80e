"""Trust surveys end to end: waves, answering, reminders, closing, schedules, anonymity.

Buttons are pressed by their callback data (``sv:<wave>:<position>:<choice>``, ``-`` to skip,
``sc:del:<id>``) because labels are translated; texts are matched in English, with "en"
participants. The scheduler's regular tick is removed where a test calls ``start_due`` or
``remind_and_close`` itself, so that the counts those return are the test's own (the outbox
drain job keeps running). The tick is left running where a test relies on it.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from bot.scheduler import arm_schedules, tick
from flows.surveys.items import SKIPPED
from sandbox import BotMessage, VirtualParticipant
from sandbox.limits import DROPPED
from services import surveys
from tests.e2e.anonymity import check_anonymous
from tests.e2e.conftest import World
from tests.e2e.steps import create_dialogue, facilitated_dialogue, join, make_invite, settle

TODAY = "2026-11-21"  # the fixture's clock, in Africa/Niamey
COMMUNITY_ITEMS = (
    "trust_police",
    "trust_officials",
    "safe_after_dark",
    "pj_respect",
    "pj_fair",
    "pj_explain",
    "voice_listen",
)
OPEN_ITEM = "open_problem"
#: One valid answer to each community question, in order (the open question comes last).
COMMUNITY = ["a_lot", "somewhat", "fairly_safe", "often", "very_often", "often", "agree"]
POLICE = ["somewhat", "fairly_safe", "often", "often", "often", "agree", "agree"]
PROGRESS = re.compile(r"\((\d+)/(\d+)\)")
NOT_ALLOWED = "only facilitators"
CLOSED = "This survey has closed, so this answer was not recorded"
REMINDER = "A reminder: the survey is open until"
THANKS = "Thank you! Your answers are saved without your name"


# -- helpers ---------------------------------------------------------------------------------


def _rows(world: World, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(world.db_path)) as conn:
        return conn.execute(sql, params).fetchall()


def _count(world: World, table: str, where: str = "1", *params: object) -> int:
    return _rows(world, f"SELECT COUNT(*) FROM {table} WHERE {where}", *params)[0][0]


def _no_tick(world: World) -> None:
    """Remove the regular tick: the test calls start_due / remind_and_close itself."""
    assert world.app.job_queue is not None
    for job in world.app.job_queue.get_jobs_by_name("tick"):
        job.schedule_removal()


async def _restart(world: World) -> None:
    await world.restart()
    _no_tick(world)


async def _until(check: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError("the condition was not reached in time")
        await asyncio.sleep(0.05)


def _text(message: BotMessage) -> str:
    """The text with the narrow and no-break spaces of localised times made plain."""
    return message.plain_text.replace("\u202f", " ").replace("\xa0", " ")


def _survey_data(message: BotMessage) -> list[str]:
    return [data for _, data in message.buttons if data.startswith("sv:")]


def _questions(person: VirtualParticipant) -> list[BotMessage]:
    """Messages that carry survey buttons (as they look now)."""
    return [m for m in person.inbox if _survey_data(m)]


def _question(person: VirtualParticipant) -> BotMessage:
    """The latest survey question the person received."""
    found = _questions(person)
    assert found, f"{person.first_name} got no survey question: {person.inbox[-3:]}"
    return found[-1]


def _progress(message: BotMessage) -> tuple[int, int]:
    found = PROGRESS.search(message.plain_text)
    assert found, message.plain_text
    return int(found[1]), int(found[2])


def _button(message: BotMessage, choice: str) -> str:
    """The callback data of the button for ``choice`` (``-``: skip) on the message."""
    found = [d for d in _survey_data(message) if d.rsplit(":", 1)[1] == choice]
    assert len(found) == 1, (choice, message.buttons)
    return found[0]


async def _press(world: World, person: VirtualParticipant, message: BotMessage, data: str) -> None:
    await person.press_data(message, data)
    await settle(world.sandbox)


async def _answer(
    world: World, person: VirtualParticipant, message: BotMessage, choices: list[str]
) -> None:
    """Press the button for each choice in turn on the (edited) question message."""
    for choice in choices:
        await _press(world, person, message, _button(message, choice))


async def _finish(world: World, person: VirtualParticipant, choices: list[str], text: str) -> None:
    """Answer every button question, then type the open answer; the thanks come last."""
    question = _question(person)
    await _answer(world, person, question, choices)
    assert "Type your answer" in question.plain_text, question.plain_text
    person.unread.clear()
    await person.send(text)
    await person.expect(contains=THANKS)
    await settle(world.sandbox)
    assert question.buttons == [], "the answered open question still offers to skip it"


async def _members(
    world: World, community: int = 0, police: int = 0, language: str = "en"
) -> tuple[VirtualParticipant, list[VirtualParticipant], list[VirtualParticipant]]:
    """A dialogue with its facilitator, community members and police officers (all "en")."""
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    groups: list[list[VirtualParticipant]] = []
    for role, size in (("community member", community), ("police officer", police)):
        people: list[VirtualParticipant] = []
        if size:
            link = await make_invite(sb, facilitator, role, "No limit", "30 days")
            for i in range(size):
                person = sb.participant(f"{role.split()[0]}-{i}", language_code=language)
                await join(sb, person, link, language)
                people.append(person)
        groups.append(people)
    await settle(sb)
    for person in (facilitator, *groups[0], *groups[1]):
        person.unread.clear()
    return facilitator, groups[0], groups[1]


async def _survey_now(
    world: World, facilitator: VirtualParticipant, invited: int, roles: str = ""
) -> str:
    """/surveynow; returns the new wave's id once the invitations went out."""
    before = {w for (w,) in _rows(world, "SELECT id FROM survey_waves")}
    await facilitator.send(f"/surveynow {roles}".strip())
    reply = await facilitator.expect(contains="Survey started")
    noun = "person" if invited == 1 else "people"
    assert f"{invited} {noun} invited" in reply.plain_text, reply.plain_text
    await world.drained()
    (wave,) = {w for (w,) in _rows(world, "SELECT id FROM survey_waves")} - before
    return wave


def _responses(world: World, wave: str) -> list[tuple[str, str, dict]]:
    rows = _rows(
        world, "SELECT role, answered_on, answers FROM survey_responses WHERE wave_id = ?", wave
    )
    return [(r[0], r[1], json.loads(r[2])) for r in sorted(rows)]


def _wave_counts(world: World, wave: str) -> dict[str, tuple[int, int, int]]:
    rows = _rows(
        world,
        "SELECT role, invited, blocked, answered FROM survey_wave_counts WHERE wave_id = ?",
        wave,
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _reminders(person: VirtualParticipant) -> list[BotMessage]:
    """Reminder messages, including those since edited into the next question."""
    return [
        m
        for m in person.inbox
        if m.plain_text.startswith(REMINDER) or any(e.startswith(REMINDER) for e in m.edits)
    ]


def _check_unlinkable(world: World) -> None:
    known = {str(u) for u in world.sandbox.world.started}
    with closing(sqlite3.connect(world.db_path)) as conn:
        check_anonymous(conn, "survey_responses", known)
        if conn.execute("SELECT COUNT(*) FROM survey_open_answers").fetchone()[0]:
            check_anonymous(conn, "survey_open_answers", known)


# -- 1. a wave under flood control -----------------------------------------------------------


async def test_a_wave_of_fifty_under_flood_control_loses_nothing_and_doubles_nothing(
    world: World,
) -> None:
    sb = world.sandbox
    _no_tick(world)
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    community = await make_invite(sb, facilitator, "community member", "No limit", "30 days")
    police = await make_invite(sb, facilitator, "police officer", "50 people", "30 days")
    languages = ("en", "fr", "ar")
    people = [sb.participant(f"c{i}", language_code=languages[i % 3]) for i in range(40)]
    officers = [sb.participant(f"p{i}", language_code=languages[i % 3]) for i in range(10)]
    for person in people:
        await person.open_link(community)
    for officer in officers:
        await officer.open_link(police)
    await settle(sb)
    everyone = people + officers
    for person in (facilitator, *everyone):
        person.unread.clear()
    sb.flood_control(
        enabled=True,
        overall_per_second=30,
        overall_burst=30,
        per_chat_per_second=1,
        per_chat_burst=3,
        retry_after=1,
    )
    sb.stats.sends.clear()
    started = time.monotonic()
    await facilitator.send("/surveynow")
    reply = await facilitator.expect(contains="Survey started", timeout=10)
    assert "50 people invited" in reply.plain_text, reply.plain_text
    await _until(lambda: all(len(p.unread) >= 1 for p in everyone), timeout=30)
    await world.drained()  # every invitation row sent: a duplicate could only come from one
    elapsed = time.monotonic() - started
    ((wave,),) = _rows(world, "SELECT id FROM survey_waves")

    for person in everyone:
        got = person.unread
        assert len(got) == 1, (person.first_name, [m.plain_text[:40] for m in got])
        (question,) = got
        assert "(1/8)" in question.plain_text, person.first_name  # invitation and question
        assert _survey_data(question), person.first_name
        assert all(d.startswith(f"sv:{wave}:0:") for d in _survey_data(question))
        assert _progress(question) == (1, 8)
    # The outbox: one invitation per person, all sent, none left or doubled.
    rows = _rows(
        world, "SELECT person_id, dedupe, sent_at FROM outbox WHERE kind = ?", "survey_invite"
    )
    assert len(rows) == 50
    assert len({r[0] for r in rows}) == 50 and len({r[1] for r in rows}) == 50
    assert all(r[2] is not None for r in rows)
    assert _count(world, "outbox", "sent_at IS NULL") == 0
    assert _count(world, "survey_participation", "wave_id = ?", wave) == 50
    # Telegram's limits: about 30 a second overall, one a second per chat. The invitation
    # and the first question are one message.
    per_chat = {p.first_name: sb.stats.max_per_second(p.user_id) for p in everyone}
    assert all(n <= 1 for n in per_chat.values()), per_chat
    assert all(len(sb.stats.sends[p.user_id]) == 1 for p in everyone)
    assert sb.stats.max_per_second() <= 60
    assert elapsed >= 1.0  # 51 messages at 30 a second after a burst of 30


# -- 2. answering ----------------------------------------------------------------------------


def _participation(world: World, wave: str, person: VirtualParticipant) -> list[tuple]:
    return _rows(
        world,
        "SELECT s.role, s.state, s.finished FROM survey_participation s"
        " JOIN people p ON p.id = s.person_id WHERE s.wave_id = ? AND p.telegram_id = ?",
        wave,
        person.user_id,
    )


async def test_a_member_answers_every_question_in_one_message_and_types_the_open_answer(
    world: World,
) -> None:
    _no_tick(world)
    facilitator, (member,), _ = await _members(world, community=1)
    wave = await _survey_now(world, facilitator, 1, "community")
    (question,) = member.unread
    assert "Trust and safety check-in" in question.plain_text
    assert "Open until" in question.plain_text
    assert _progress(question) == (1, 8)
    assert _survey_data(question) == [
        f"sv:{wave}:0:{c}" for c in ("not_at_all", "just_a_little", "somewhat", "a_lot")
    ] + [f"sv:{wave}:0:dont_know", f"sv:{wave}:0:-"]
    member.unread.clear()

    # Forged and stale data before any answer: refused, nothing recorded, nothing moves.
    before = _participation(world, wave, member)
    assert before == [("community", None, 0)]
    for data in (
        f"sv:{wave}:0:not_a_choice",  # no such choice
        f"sv:{wave}:0:very_safe",  # a choice of another question's scale
        "sv:ffffffffff:0:a_lot",  # no such wave
        f"sv:{wave}:99:a_lot",  # no such question
        f"sv:{wave}:1:a_lot",  # a later question
        f"sv:{wave}:x:a_lot",  # not a position
        f"sv:{wave}:0",  # too short
    ):
        await _press(world, member, question, data)
        assert _participation(world, wave, member) == before, data
        assert _progress(question) == (1, 8), (data, question.plain_text)
    assert len(member.toasts) == 7, member.toasts
    assert _count(world, "survey_responses") == 0
    assert world.sandbox.unanswered_queries() == []
    # (A repeated refusal also sends the question anew: see the test of that bug below.)
    member.unread.clear()

    # The first answer edits the same message to the second question.
    await _press(world, member, question, f"sv:{wave}:0:a_lot")
    assert _progress(question) == (2, 8) and question.edits
    assert "local officials" in question.plain_text
    assert all(d.startswith(f"sv:{wave}:1:") for d in _survey_data(question))
    # A double tap on the first question's button is refused and changes nothing.
    state = _participation(world, wave, member)
    await _press(world, member, question, f"sv:{wave}:0:not_at_all")
    assert _participation(world, wave, member) == state
    assert _progress(question) == (2, 8)
    assert "earlier question" in member.toasts[-1], member.toasts[-1]

    # Skip one, answer the rest.
    await _answer(world, member, question, ["-", *COMMUNITY[2:]])
    assert _progress(question) == (8, 8)
    assert "Type your answer" in question.plain_text
    assert _survey_data(question) == [f"sv:{wave}:7:-"]  # the open question has only "skip"
    ((_, saved, finished),) = _participation(world, wave, member)
    assert finished == 0 and json.loads(saved)["position"] == 7
    assert _count(world, "conversations") == 1  # waiting for the typed answer
    # A press meant for the open question is refused: it wants text (or skip).
    await _press(world, member, question, f"sv:{wave}:7:a_lot")
    assert _count(world, "survey_responses") == 0
    assert member.unread == []

    typed = "Thieves on motorbikes at the cattle market on Thursdays"
    await member.send(typed)
    thanks = await member.expect(contains=THANKS)  # a NEW message: one cannot edit into text
    assert thanks.message_id != question.message_id and not thanks.buttons
    await settle(world.sandbox)
    assert member.unread == []

    ((role, day, answers),) = _responses(world, wave)
    assert (role, day) == ("community", TODAY)
    assert answers == {
        "trust_police": "a_lot",
        "trust_officials": SKIPPED,
        **dict(zip(COMMUNITY_ITEMS[2:], COMMUNITY[2:], strict=True)),
    }
    assert typed not in json.dumps(answers)
    assert _rows(world, "SELECT wave_id, role, item, text FROM survey_open_answers") == [
        (wave, "community", OPEN_ITEM, typed)
    ]
    assert _participation(world, wave, member) == [("community", None, 1)]
    assert _count(world, "conversations") == 0

    # Old buttons after finishing: refused with a toast, nothing changes.
    snapshot = (
        _rows(world, "SELECT * FROM survey_responses"),
        _rows(world, "SELECT * FROM survey_open_answers"),
        _rows(world, "SELECT * FROM survey_participation"),
    )
    toasts = len(member.toasts)
    for data in (f"sv:{wave}:0:a_lot", f"sv:{wave}:7:-"):
        await _press(world, member, question, data)
    assert len(member.toasts) == toasts + 2
    assert all("already answered" in t for t in member.toasts[toasts:]), member.toasts
    # Typing again is not a second open answer either.
    await member.send("Another answer that must not be stored")
    await settle(world.sandbox)
    assert snapshot == (
        _rows(world, "SELECT * FROM survey_responses"),
        _rows(world, "SELECT * FROM survey_open_answers"),
        _rows(world, "SELECT * FROM survey_participation"),
    )
    assert world.sandbox.unanswered_queries() == []

    # While open, the facilitator sees counts only.
    facilitator.unread.clear()
    await facilitator.send("/survey")
    report = await facilitator.expect(contains="(open)")
    assert "Community: 1 of 1 answered" in report.plain_text, report.plain_text
    assert "trust index" not in report.plain_text
    assert "Results are shown when the survey closes" in report.plain_text


# -- 3. reminders ----------------------------------------------------------------------------


async def test_reminders_go_only_to_those_who_have_not_finished(world: World) -> None:
    _no_tick(world)
    facilitator, (done, half, silent, gone), _ = await _members(world, community=4)
    wave = await _survey_now(world, facilitator, 4)
    await _finish(world, done, COMMUNITY, "Road robberies")
    await _answer(world, half, _question(half), COMMUNITY[:3])
    assert _progress(_question(half)) == (4, 8)
    gone.block()  # before any reminder
    await settle(world.sandbox)
    assert _rows(world, "SELECT active FROM people WHERE telegram_id = ?", gone.user_id) == [(0,)]
    for person in (done, half, silent, gone):
        person.unread.clear()

    # Not yet: 23 hours after opening.
    world.clock.advance(hours=23)
    assert await surveys.remind_and_close(world.runtime) == (0, 0)

    world.clock.advance(hours=2)  # 25 h
    assert await surveys.remind_and_close(world.runtime) == (2, 0)
    await world.drained()
    assert done.unread == [] and gone.unread == []
    for person, where, words in (
        (half, (4, 8), "Here is where you stopped."),
        (silent, (1, 8), "Here is the first question."),  # not "where you stopped"
    ):
        (question,) = person.unread  # the reminder and the question, one message
        assert question.plain_text.startswith(REMINDER), question.plain_text
        assert words in question.plain_text, question.plain_text
        assert "11/24/26" in question.plain_text  # until when, in Niamey time
        assert _progress(question) == where, person.first_name
        assert all(d.startswith(f"sv:{wave}:{where[0] - 1}:") for d in _survey_data(question))
        person.unread.clear()
    # The same moment again (another tick, or a restart): nothing more.
    assert await surveys.remind_and_close(world.runtime) == (0, 0)
    await _restart(world)
    assert await surveys.remind_and_close(world.runtime) == (0, 0)
    await world.drained()
    assert all(not p.unread for p in (done, half, silent, gone))

    # The half-done one goes on from the reminder's message.
    reminded = _question(half)
    await _press(world, half, reminded, _button(reminded, COMMUNITY[3]))
    assert _progress(reminded) == (5, 8)

    world.clock.advance(hours=24)  # 49 h: the second reminder, once
    assert await surveys.remind_and_close(world.runtime) == (2, 0)
    assert await surveys.remind_and_close(world.runtime) == (0, 0)
    await world.drained()
    assert [len(_reminders(p)) for p in (done, half, silent, gone)] == [0, 2, 2, 0]
    assert _progress(_question(half)) == (5, 8)
    assert _progress(_question(silent)) == (1, 8)

    world.clock.advance(hours=24)  # 73 h: closed, no third reminder
    assert await surveys.remind_and_close(world.runtime) == (0, 1)
    await world.drained()
    assert [len(_reminders(p)) for p in (done, half, silent, gone)] == [0, 2, 2, 0]
    # half answered 4 of the 7 index questions: enough to be kept.
    assert len(_responses(world, wave)) == 2
    # The one who blocked the bot leaves the denominator: 2 of 4 - 1 answered.
    assert _wave_counts(world, wave)["community"] == (4, 1, 2)
    facilitator.unread.clear()
    await facilitator.send("/survey")
    report = await facilitator.expect(contains="(closed)")
    assert "Community: 2 of 3 answered (67%)" in report.plain_text, report.plain_text
    _check_unlinkable(world)


# -- 4. closing and late answers -------------------------------------------------------------


async def test_closing_keeps_what_is_complete_enough_and_refuses_late_answers(
    world: World,
) -> None:
    _no_tick(world)
    facilitator, community, police = await _members(world, community=8, police=2)
    wave = await _survey_now(world, facilitator, 10)
    complete, at_open, four, three = community[:5], community[5], community[6], community[7]
    for n, person in enumerate(complete):
        choices = COMMUNITY if n % 2 else ["somewhat", *COMMUNITY[1:]]
        await _finish(world, person, choices, f"Problem number {n}")
    for officer in police:
        await _finish(world, officer, POLICE, "Drugs near the school")
    # All seven button questions, but never typed the open answer.
    await _answer(world, at_open, _question(at_open), COMMUNITY)
    # Four of the seven index questions (half, rounded up): kept.
    await _answer(world, four, _question(four), [*COMMUNITY[:4], "-"])
    # Three of seven and a skip: not enough, discarded.
    await _answer(world, three, _question(three), [*COMMUNITY[:3], "-"])
    assert _count(world, "survey_responses") == 7
    assert _count(world, "survey_participation", "wave_id = ?", wave) == 10

    world.clock.advance(hours=71, minutes=59)
    assert await surveys.remind_and_close(world.runtime) == (10 - 7, 0)  # the 48 h reminder
    await world.drained()
    world.clock.advance(minutes=1)  # 72 h: the window is over
    assert await surveys.remind_and_close(world.runtime) == (0, 1)
    assert await surveys.remind_and_close(world.runtime) == (0, 0)
    assert _rows(world, "SELECT closed FROM survey_waves WHERE id = ?", wave) == [(1,)]
    assert _count(world, "survey_participation") == 0  # who took part is forgotten
    assert _count(world, "conversations") == 0  # nobody waits for a typed answer any more
    found = _responses(world, wave)
    assert Counter(r[0] for r in found) == {"community": 7, "police": 2}
    kept = sorted(len(r[2]) for r in found if r[0] == "community")
    assert kept == [5, 7, 7, 7, 7, 7, 7], kept  # the four-answer one kept with its skip
    assert _count(world, "survey_open_answers") == 7
    assert _wave_counts(world, wave) == {
        "community": (8, 0, 7),
        "police": (2, 0, 2),
        "official": (0, 0, 0),
    }

    # Late: a press on the last question shown, and a typed open answer.
    snapshot = (
        _rows(world, "SELECT * FROM survey_responses"),
        _count(world, "survey_open_answers"),
    )
    late = _question(three)
    toasts = len(three.toasts)
    await _press(world, three, late, _button(late, COMMUNITY[4]))
    assert len(three.toasts) == toasts + 1 and CLOSED in three.toasts[-1], three.toasts
    await at_open.send("Late open answer about the market")
    await settle(world.sandbox)
    stale = _question(at_open)
    await _press(world, at_open, stale, f"sv:{wave}:7:-")
    assert CLOSED in at_open.toasts[-1], at_open.toasts
    assert snapshot == (
        _rows(world, "SELECT * FROM survey_responses"),
        _count(world, "survey_open_answers"),
    )
    assert _count(world, "survey_participation") == 0
    assert world.sandbox.unanswered_queries() == []

    facilitator.unread.clear()
    await facilitator.send("/survey")
    report = (await facilitator.expect(contains="(closed)")).plain_text
    assert "Community: 7 of 8 answered" in report, report
    assert "Police: 2 of 2 answered" in report, report
    community_part, police_part = report.split("Police:", 1)
    assert "trust index:" in community_part, report
    assert "fewer than 5 answers: not shown" in police_part, report
    assert "trust index" not in police_part.split("Perception gap")[0]
    assert "Perception gap" not in report  # the police group is too small to compare
    assert "Results are shown when the survey closes" not in report
    _check_unlinkable(world)


# -- 5. schedules survive a restart ----------------------------------------------------------

MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 09:00 in Niamey
NEXT_MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def _alarm(world: World, schedule: str) -> datetime | None:
    """The due time the schedule's JobQueue alarm stands for, checked against when it rings.

    The JobQueue reads the system clock, the bot the fixture's: the alarm must ring after the
    delay the bot's clock gives, whatever today's date is.
    """
    assert world.app.job_queue is not None
    jobs = world.app.job_queue.get_jobs_by_name(f"survey:{schedule}")
    assert len(jobs) <= 1, jobs
    if not jobs:
        return None
    due, rings = jobs[0].data, jobs[0].next_t
    assert rings is not None, "the alarm was dropped"
    late = (rings - datetime.now(UTC)) - (due - world.clock())
    assert abs(late.total_seconds()) < 60, (due, rings, world.clock())
    return due


async def _schedule(world: World, facilitator: VirtualParticipant, text: str) -> BotMessage:
    """/schedule ...; returns the list that follows the confirmation."""
    facilitator.unread.clear()
    await facilitator.send(f"/schedule {text}")
    saved = await facilitator.expect(contains="Saved:")
    assert "The next survey goes out" in saved.plain_text, saved.plain_text
    listing = await facilitator.expect(contains="Survey schedules")
    await settle(world.sandbox)
    return listing


async def test_a_schedule_survives_a_restart_and_starts_its_wave_once(world: World) -> None:
    _no_tick(world)
    facilitator, community, police = await _members(world, community=2, police=1)
    listing = await _schedule(world, facilitator, "weekly mon 09:00")
    line = "1. weekly mon 09:00 — Community, Police, Officials; next: 11/23/26, 9:00 AM"
    assert line in _text(listing), listing.plain_text
    ((schedule, spec, roles),) = _rows(world, "SELECT id, spec, roles FROM survey_schedules")
    assert (spec, roles) == ("weekly mon 09:00", "community,police,official")
    assert [d for _, d in listing.buttons] == [f"sc:del:{schedule}"]
    assert _alarm(world, schedule) == MONDAY

    await _restart(world)
    facilitator.unread.clear()
    await facilitator.send("/schedule")
    assert line in _text(await facilitator.expect(contains="Survey schedules"))
    assert _alarm(world, schedule) == MONDAY  # re-armed from the database
    assert await surveys.start_due(world.runtime) == []
    assert _count(world, "survey_waves") == 0

    world.clock.moment = datetime(2026, 11, 23, 7, 59, tzinfo=UTC)
    assert await surveys.start_due(world.runtime) == []  # 08:59 in Niamey: not yet
    world.clock.moment = MONDAY.replace(minute=1)
    (wave,) = await surveys.start_due(world.runtime)
    assert (wave.schedule_id, wave.due_at) == (schedule, MONDAY)
    assert wave.roles == ("community", "police", "official")
    assert await surveys.start_due(world.runtime) == []
    await world.drained()
    for person in (*community, *police):
        (question,) = person.unread
        assert "Trust and safety check-in" in question.plain_text
        assert all(d.startswith(f"sv:{wave.id}:0:") for d in _survey_data(question))
        person.unread.clear()
    assert facilitator.unread == [] and world.staff.unread == []

    await _restart(world)
    assert await surveys.start_due(world.runtime) == []
    await world.drained()
    assert all(not p.unread for p in (*community, *police))
    assert _rows(world, "SELECT id, due_at FROM survey_waves WHERE schedule_id = ?", schedule) == [
        (wave.id, "2026-11-23T08:00:00+00:00")
    ]
    assert _rows(world, "SELECT last_fired FROM survey_schedules") == [
        ("2026-11-23T08:00:00+00:00",)
    ]
    assert _alarm(world, schedule) == NEXT_MONDAY
    await facilitator.send("/schedule")
    listing = await facilitator.expect(contains="Survey schedules")
    assert "next: 11/30/26, 9:00 AM" in _text(listing), listing.plain_text
    # A wave is open: /surveynow does not start a second one.
    await facilitator.send("/surveynow")
    assert "already open" in (await facilitator.expect()).plain_text
    assert _count(world, "survey_waves") == 1


async def test_the_alarm_starts_a_due_wave_by_the_bot_clock_without_the_tick(
    world: World,
) -> None:
    """The JobQueue alarm rings by the bot's clock: set to a Monday long gone by the system's
    clock, the alarm still rings at its due time and starts the wave, with no tick running."""
    _no_tick(world)
    facilitator, (member,), _ = await _members(world, community=1)
    await _schedule(world, facilitator, "weekly mon 09:00 community")
    ((schedule,),) = _rows(world, "SELECT id FROM survey_schedules")
    assert _alarm(world, schedule) == MONDAY
    world.clock.run_from(MONDAY - timedelta(seconds=2))
    await arm_schedules(world.app)  # as after any change: the alarm now rings in 2 s
    question = await member.expect(contains="Trust and safety check-in", timeout=15)
    assert _rows(world, "SELECT schedule_id, due_at FROM survey_waves") == [
        (schedule, "2026-11-23T08:00:00+00:00")
    ]
    assert _survey_data(question)
    assert _alarm(world, schedule) == NEXT_MONDAY


# -- 6. a wave due during downtime -----------------------------------------------------------


async def test_a_wave_due_while_the_bot_was_down_starts_once_for_the_latest_due_time(
    world: World,
) -> None:
    facilitator, community, police = await _members(world, community=3, police=1)
    await _schedule(world, facilitator, "weekly mon 09:00")
    ((schedule,),) = _rows(world, "SELECT id FROM survey_schedules")
    await world.stack.aclose()  # the bot is down ...
    world.clock.moment = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # ... over two Mondays
    await world.restart()  # with its regular tick, which runs a second after start-up
    await _until(lambda: _count(world, "survey_waves") > 0, timeout=5)
    assert await surveys.start_due(world.runtime) == []  # the tick started it already
    await world.drained()
    assert _rows(world, "SELECT schedule_id, due_at, opened_at FROM survey_waves") == [
        (schedule, "2026-11-30T08:00:00+00:00", "2026-11-30T09:00:00+00:00")
    ]
    ((wave,),) = _rows(world, "SELECT id FROM survey_waves")
    for person in (*community, *police):
        (question,) = person.unread
        assert all(d.startswith(f"sv:{wave}:0:") for d in _survey_data(question))
        person.unread.clear()

    # Another restart and a tick (run here to its end, as the JobQueue runs it): nothing new.
    await world.restart()
    await tick(SimpleNamespace(application=world.app, bot=world.app.bot))
    assert await surveys.start_due(world.runtime) == []
    await world.drained()
    assert _count(world, "survey_waves") == 1
    assert _count(world, "outbox", "kind = 'survey_invite'") == 4
    assert all(not p.unread for p in (*community, *police))


# -- 7. unlinkability ------------------------------------------------------------------------


async def _forget(world: World, person: VirtualParticipant) -> None:
    person.unread.clear()
    await person.send("/forgetme")
    confirm = await person.expect(contains="Delete your profile")
    await _press(world, person, confirm, "forget:yes")
    assert _rows(world, "SELECT id FROM people WHERE telegram_id = ?", person.user_id) == []


async def test_a_closed_wave_leaves_nothing_linkable_and_forgetting_keeps_the_answers(
    world: World,
) -> None:
    _no_tick(world)
    facilitator, (first, second, silent), (officer,) = await _members(world, community=3, police=1)
    wave = await _survey_now(world, facilitator, 4)
    await _finish(world, first, COMMUNITY, "Night robberies on the Zinder road")
    await _finish(world, second, ["-", *COMMUNITY[1:]], "Cattle theft")
    await _finish(world, officer, POLICE, "Drugs near the school")
    await _answer(world, silent, _question(silent), COMMUNITY[:2])
    # /forgetme while the wave is open: the answers stay, the link goes with the person.
    before = _rows(world, "SELECT * FROM survey_responses")
    await _forget(world, first)
    assert _rows(world, "SELECT * FROM survey_responses") == before
    assert _count(world, "survey_participation", "wave_id = ?", wave) == 3

    world.clock.advance(hours=72)
    assert await surveys.remind_and_close(world.runtime) == (0, 1)
    assert _count(world, "survey_participation") == 0
    assert _count(world, "survey_responses") == 3  # silent's two answers are not enough
    texts = {t for (t,) in _rows(world, "SELECT text FROM survey_open_answers")}
    assert texts == {"Night robberies on the Zinder road", "Cattle theft", "Drugs near the school"}
    _check_unlinkable(world)
    with closing(sqlite3.connect(world.db_path)) as conn:
        person_ids = {str(r[0]) for r in conn.execute("SELECT id FROM people")}
        for table in ("survey_responses", "survey_open_answers"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                assert not {str(v) for v in row} & person_ids, (table, row)
        # Nothing the bot keeps about the wave names anyone any more, the outbox aside.
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'survey%'"
        ):
            assert "person_id" not in sql or "survey_participation" in sql

    snapshot = (
        _rows(world, "SELECT * FROM survey_responses"),
        _rows(world, "SELECT * FROM survey_open_answers"),
    )
    await _forget(world, second)
    await _forget(world, officer)
    assert snapshot == (
        _rows(world, "SELECT * FROM survey_responses"),
        _rows(world, "SELECT * FROM survey_open_answers"),
    )
    facilitator.unread.clear()
    await facilitator.send("/survey")
    report = (await facilitator.expect(contains="(closed)")).plain_text
    assert "Community: 2 of" in report and "fewer than 5 answers: not shown" in report, report


# -- 8. permissions --------------------------------------------------------------------------


async def test_members_cannot_start_schedule_or_read_surveys(world: World) -> None:
    _no_tick(world)
    sb = world.sandbox
    facilitator, (member,), (officer,) = await _members(world, community=1, police=1)
    listing = await _schedule(world, facilitator, "weekly mon 09:00 community")
    ((schedule,),) = _rows(world, "SELECT id FROM survey_schedules")
    for person in (member, officer):
        for command in (
            "/surveynow",
            "/surveynow community",
            "/schedule",
            "/schedule weekly tue 10:00",
            "/survey",
        ):
            await person.send(command)
            refusal = await person.expect()
            assert NOT_ALLOWED in refusal.plain_text, (command, refusal.plain_text)
        # A forged delete button on any message they have.
        await _press(world, person, person.inbox[-1], f"sc:del:{schedule}")
        assert NOT_ALLOWED in person.toasts[-1], person.toasts
    assert _count(world, "survey_waves") == 0
    assert _rows(world, "SELECT id FROM survey_schedules") == [(schedule,)]
    assert _count(world, "outbox") == 0

    # The facilitator of another dialogue cannot delete this one's schedule either.
    link = await create_dialogue(sb, world.staff, "Zinder Sud")
    other = sb.participant("Aissa", language_code="en")
    await join(sb, other, link, "en")
    await settle(sb)
    other.unread.clear()
    await other.send("/schedule")
    assert "No survey is scheduled" in (await other.expect()).plain_text
    await _press(world, other, other.inbox[-1], f"sc:del:{schedule}")
    assert "no longer valid" in other.toasts[-1], other.toasts
    await other.send("/survey")
    assert "No survey has been sent" in (await other.expect()).plain_text
    assert _rows(world, "SELECT id FROM survey_schedules") == [(schedule,)]
    assert _alarm(world, schedule) == MONDAY

    # The facilitator can.
    await _press(world, facilitator, listing, f"sc:del:{schedule}")
    assert facilitator.toasts[-1] == "Schedule deleted."
    assert "No survey is scheduled" in listing.plain_text
    assert _count(world, "survey_schedules") == 0
    assert _alarm(world, schedule) is None
    assert sb.unanswered_queries() == []


# -- bugs found while writing these tests ---------------------------------------------------


async def test_a_repeated_refusal_sends_no_new_message(world: World) -> None:
    """A double tap or an old button pressed twice is answered with a toast and, at most, an
    edit of the message it was on: the person must not get copies of the question.

    The second identical refusal cannot edit the message (Telegram answers "message is not
    modified"), and ``bot.handlers.surveys._show`` then sends the question (or the "already
    answered" note) again as a new message.
    """
    _no_tick(world)
    facilitator, (member,), _ = await _members(world, community=1)
    wave = await _survey_now(world, facilitator, 1, "community")
    question = _question(member)
    member.unread.clear()
    await _press(world, member, question, f"sv:{wave}:0:a_lot")
    assert _progress(question) == (2, 8)
    for _ in range(3):  # an impatient triple tap on a button that is no longer there
        await _press(world, member, question, f"sv:{wave}:0:a_lot")
    assert _progress(question) == (2, 8)
    assert len(member.toasts) == 3
    copies = [m.plain_text[:60] for m in member.unread]
    assert copies == [], f"refusals sent {len(copies)} new message(s): {copies}"


async def test_an_invitation_that_fails_once_is_sent_once_later(world: World) -> None:
    """Zero lost, zero twice: the invitation and the first question are one message. When
    Telegram fails it (a 502 that outlives the HTTP retries) it is sent again, once."""
    _no_tick(world)
    sb = world.sandbox
    facilitator, (member,), _ = await _members(world, community=1)
    sb.inject_errors(4, 502, "sendMessage")
    await facilitator.send("/surveynow community")
    await facilitator.expect(contains="Survey started")
    await _until(lambda: len(_questions(member)) > 0, timeout=15)
    await world.drained()  # nothing left to send: a second invitation could only come from it
    assert sb.stats.injected_errors == 4
    invitations = [m for m in member.inbox if "Open until" in m.plain_text]
    assert len(_questions(member)) == 1
    assert len(invitations) == 1, f"{len(invitations)} invitations"


async def test_invitations_that_may_have_arrived_are_sent_again_and_none_is_lost(
    world: World,
) -> None:
    """A 502 or a dropped connection after Telegram delivered: an invitation is of the kind
    that is sent again when unsure (``SurveyInvitation.if_unsure``), so nobody misses the wave;
    the only copies are those of the sends that failed after delivering."""
    _no_tick(world)
    sb = world.sandbox
    facilitator, members, _ = await _members(world, community=12)
    sb.inject_errors(3, 502, "sendMessage", applied=True)
    sb.inject_errors(3, DROPPED, "sendMessage", applied=True)
    await facilitator.send("/surveynow community")
    await facilitator.expect(contains="Survey started")
    await world.drained()
    await _until(lambda: all(_questions(m) for m in members), timeout=30)
    copies = sum(len(_questions(m)) - 1 for m in members)
    assert sb.stats.injected_errors == 6
    assert 0 < copies <= 6  # the failed reply to the facilitator may take some of the six
