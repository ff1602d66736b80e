"""Anonymous grievances end to end: /grievance, /status, /grievances, /agenda, early warning.

Buttons are pressed by their callback data (``gv:c:<step>:<choice>``, ``gv:ok``, ``gd:...``)
because their labels are translated. The scheduler's early-warning job is removed so that the
tests' own ``raise_alerts`` calls are the only ones.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date

import pytest

from flows.grievances.categories import default_catalogue
from sandbox import BotMessage, VirtualParticipant
from services import grievances as grievance_cases
from tests.e2e.anonymity import check_anonymous
from tests.e2e.conftest import World
from tests.e2e.steps import facilitated_dialogue, join, link_in, make_invite, settle

CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}")
TODAY = "2026-11-21"  # the fixture's clock, in Africa/Niamey
CATEGORIES = default_catalogue().category_ids
STALE = "This button is no longer valid"
MEDIA_REFUSED = "can identify you"
COUNTS_LINE = re.compile(r"^(.+): (\S+ / \S+ · \S+ / \S+)$", re.M)


@pytest.fixture(autouse=True)
async def _no_alert_job(world: World):
    for job in world.app.job_queue.get_jobs_by_name("alerts"):
        job.schedule_removal()
    yield
    # Every test here leaves a database behind: none of it may link a grievance to anyone.
    with closing(sqlite3.connect(world.db_path)) as conn:
        if conn.execute("SELECT COUNT(*) FROM grievances").fetchone()[0]:
            known = {str(user) for user in world.sandbox.world.started}
            check_anonymous(conn, "grievances", known)


# -- helpers ---------------------------------------------------------------------------------


def _rows(world: World, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(world.db_path)) as conn:
        return conn.execute(sql, params).fetchall()


def _count(world: World, table: str) -> int:
    return _rows(world, f"SELECT COUNT(*) FROM {table}")[0][0]


def _intake_state(world: World) -> tuple[str, dict]:
    """The one open intake: in the bot's memory, never in the database."""
    assert _count(world, "conversations") == 0
    (step,) = world.runtime.memory_steps.values()
    return step.step, step.payload["state"]


def _code(message: BotMessage) -> str:
    found = CODE.search(message.plain_text)
    assert found, message.plain_text
    return found.group(0)


def _send_it(review: BotMessage) -> str:
    """The data of the review's "Send it": it names that review (``gv:ok:<token>``)."""
    (data,) = [d for _, d in review.buttons if d.startswith("gv:ok:")]
    return data


def _key(world: World, category: str) -> str:
    return _rows(world, "SELECT key FROM grievances WHERE category = ?", category)[0][0]


async def _dialogue(
    world: World, languages: tuple[str, ...] = ("en",), places: tuple[str, ...] = ()
) -> tuple[VirtualParticipant, list[VirtualParticipant]]:
    """A dialogue with its facilitator, optional places, and community members."""
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    if places:
        await facilitator.send("/areas")
        await facilitator.press(await facilitator.expect(contains="Places offered"), "Add places")
        await facilitator.expect(contains="one per line")
        await facilitator.send("\n".join(places))
        await facilitator.expect(contains="added")
        await facilitator.expect(contains="Places offered")
    link = await make_invite(sb, facilitator, "community member", "50 people", "30 days")
    people = []
    for i, language in enumerate(languages):
        person = sb.participant(f"member-{i}", language_code=language)
        await join(sb, person, link, language)
        people.append(person)
    await settle(sb)
    for person in (facilitator, *people):
        person.unread.clear()
    return facilitator, people


async def _open(world: World, person: VirtualParticipant) -> BotMessage:
    """/grievance: the intro note, then the question message (returned)."""
    person.unread.clear()
    await person.send("/grievance")
    await person.expect()  # "This is anonymous..."
    question = await person.expect()
    await settle(world.sandbox)
    return question


async def _press(world: World, person: VirtualParticipant, message: BotMessage, data: str) -> None:
    await person.press_data(message, data)
    await settle(world.sandbox)


async def _choose(
    world: World, person: VirtualParticipant, message: BotMessage, step: str, choice: str
) -> None:
    """Choose an offered answer: the bot edits the question into the next one."""
    edits = len(message.edits)
    await _press(world, person, message, f"gv:c:{step}:{choice}")
    for _ in range(250):  # under load the edit can come after the sandbox looked idle
        if len(message.edits) > edits:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{step}: the question was not edited")


async def _describe(
    world: World, person: VirtualParticipant, text: str
) -> tuple[BotMessage, BotMessage]:
    """Type the description; returns (the person's message, the bot's answer)."""
    person.unread.clear()
    typed = await person.send(text)
    answer = await person.expect()
    await settle(world.sandbox)
    return typed, answer


async def _reviewed(world: World, person: VirtualParticipant, text: str) -> BotMessage:
    """A theft this week, described as ``text``: the review (returned)."""
    question = await _open(world, person)
    await _choose(world, person, question, "category", "theft")
    await _choose(world, person, question, "when", "this_week")
    _, review = await _describe(world, person, text)
    return review


async def _file(
    world: World,
    person: VirtualParticipant,
    category: str = "corruption",
    *,
    area: str | None = None,
    when: str = "this_week",
    text: str = "The clerk asked for money before writing the complaint",
) -> BotMessage:
    """File one grievance through every step; returns the receipt (the edited review)."""
    question = await _open(world, person)
    await _choose(world, person, question, "category", category)
    if area is not None:
        await _choose(world, person, question, "area", area)
    await _choose(world, person, question, "when", when)
    typed, review = await _describe(world, person, text)
    await _press(world, person, review, _send_it(review))
    assert typed.deleted and CODE.search(review.plain_text), review.plain_text
    return review


async def _digest(world: World, facilitator: VirtualParticipant) -> BotMessage:
    facilitator.unread.clear()
    await facilitator.send("/grievances")
    digest = await facilitator.expect(contains="Grievances —")
    await settle(world.sandbox)
    return digest


# -- the intake ------------------------------------------------------------------------------


async def test_intake_in_english_french_and_arabic(world: World) -> None:
    _, people = await _dialogue(world, ("en", "fr", "ar"), places=("Grand marché", "Dan Goulbi"))
    catalogue = default_catalogue()
    cases = [
        ("police_conduct", "a1", "this_week", "Police beat a trader at the market gate"),
        ("land", "a2", "earlier", "Le chef a vendu notre champ deux fois"),
        ("theft", "unspecified", "this_month", "سرق رجال مسلحون ماشيتنا ليلا"),
    ]
    for person, (category, area, when, text) in zip(people, cases, strict=True):
        language = person.language_code
        assert language is not None
        t = world.runtime.catalogs.translator(language)
        label = catalogue.category(category).label(language)
        when_label = next(w for w in catalogue.when if w.id == when).label(language)
        question = await _open(world, person)
        assert t._("What is your grievance about?") in question.plain_text
        assert t._("(step {n} of {total})", n=1, total=4) in question.plain_text
        assert [d for _, d in question.buttons] == [
            *(f"gv:c:category:{c}" for c in CATEGORIES),
            "gv:x",
        ]
        assert (label, f"gv:c:category:{category}") in question.buttons
        if language != "en":  # the catalogue's own translation, not the English label
            assert label != catalogue.category(category).label("en")
        assert question.buttons[-1][0] == t._("Cancel")
        await _choose(world, person, question, "category", category)
        # The same message now asks for the place: the facilitator's names, then "not saying".
        assert t._("Where did it happen?") in question.plain_text
        assert [shown for shown, _ in question.buttons] == [
            "Grand marché",
            "Dan Goulbi",
            catalogue.unspecified_area.label(language),
            t._("Cancel"),
        ]
        await _choose(world, person, question, "area", area)
        assert t._("When did it happen?") in question.plain_text
        assert (when_label, f"gv:c:when:{when}") in question.buttons
        await _choose(world, person, question, "when", when)
        assert t._("(step {n} of {total})", n=4, total=4) in question.plain_text
        typed, review = await _describe(world, person, text)
        assert review is not question
        assert t._("Please check your grievance before sending it.") in review.plain_text
        assert label in review.plain_text and when_label in review.plain_text
        assert text in review.plain_text and review.buttons[0] == (t._("Send it"), _send_it(review))
        await _press(world, person, review, _send_it(review))
        assert t._("Your grievance has been received.") in review.plain_text
        assert _code(review) in review.plain_text
        assert [d for _, d in review.buttons] == ["gv:rcpt"]  # "I have noted the code"
        assert typed.deleted
        if language == "ar":
            assert re.search("[\u0600-\u06ff]", review.edits[-1].replace(text, ""))
    assert sorted(
        _rows(world, "SELECT category, area, happened, filed_on, description FROM grievances")
    ) == sorted((c, a, w, TODAY, d) for c, a, w, d in cases)
    assert _count(world, "conversations") == 0


async def test_cancel_at_every_step_keeps_nothing(world: World) -> None:
    _, (person,) = await _dialogue(world, places=("Grand marché",))

    async def reach(step: str) -> BotMessage:
        question = await _open(world, person)
        for at, choice in (("category", "corruption"), ("area", "a1"), ("when", "earlier")):
            if at == step:
                return question
            await _choose(world, person, question, at, choice)
        if step == "description":
            return question
        return (await _describe(world, person, "The clerk asked for money"))[1]

    for step in ("category", "area", "when", "description", "review"):
        shown = await reach(step)
        assert _intake_state(world)[0] == step
        questions = [m for m in person.inbox if m.buttons and not m.deleted]
        await person.send("/cancel")
        assert "Cancelled. Nothing of it was kept." in (await person.expect()).plain_text
        assert _count(world, "conversations") == 0 and _count(world, "grievances") == 0
        # Nothing of it stays on the screen: the questions, the review quoting the
        # description, and the description typed.
        assert shown.deleted and all(m.deleted for m in questions), step
        assert all(m.deleted for m in person.sent if "clerk" in (m.plain_text or ""))
    # The Cancel button does the same, on the message itself, and deletes what was typed.
    question = await _open(world, person)
    await _choose(world, person, question, "category", "corruption")
    await _choose(world, person, question, "area", "a1")
    await _choose(world, person, question, "when", "earlier")
    typed, review = await _describe(world, person, "The clerk asked for money")
    assert not typed.deleted and not question.deleted
    await _press(world, person, review, "gv:x")
    assert "Cancelled" in review.plain_text and not review.buttons
    assert typed.deleted and question.deleted and not review.deleted
    assert _count(world, "conversations") == 0 and _count(world, "grievances") == 0
    # Buttons of cancelled intakes are dead, even forged onto the message that is left.
    await _press(world, person, review, "gv:c:category:theft")
    assert STALE in person.toasts[-1] and _count(world, "conversations") == 0
    await person.send("/cancel")
    assert "nothing to cancel" in (await person.expect()).plain_text
    # Starting again in the middle of one: the old one goes, from the screen too.
    question = await _open(world, person)
    for at, choice in (("category", "corruption"), ("area", "a1"), ("when", "earlier")):
        await _choose(world, person, question, at, choice)
    typed, review = await _describe(world, person, "The clerk asked for money again")
    await _open(world, person)
    assert typed.deleted and review.deleted and question.deleted
    await person.send("/cancel")
    await person.expect(contains="Cancelled")
    # Seven intakes opened and cancelled: none counts towards the daily limit.
    assert world.runtime.filed_today == {}
    await _file(world, person, area="a1")
    assert _count(world, "grievances") == 1


async def test_media_is_refused_and_the_answers_are_kept(world: World) -> None:
    _, (person,) = await _dialogue(world, places=("Grand marché",))
    await _open(world, person)
    await person.send_photo()
    refusal = await person.expect()
    assert MEDIA_REFUSED in refusal.plain_text
    assert "What is your grievance about?" in refusal.plain_text and refusal.buttons
    await _choose(world, person, refusal, "category", "violence")
    assert "Where did it happen?" in refusal.plain_text
    for send in (person.send_voice, lambda: person.send_location(13.51, 2.11)):
        await send()
        again = await person.expect()
        assert MEDIA_REFUSED in again.plain_text and "Where did it happen?" in again.plain_text
        assert ("Grand marché", "gv:c:area:a1") in again.buttons
    await _choose(world, person, again, "area", "a1")
    await _choose(world, person, again, "when", "this_month")
    for send in (
        person.send_voice,
        lambda: person.send_photo(caption="My number is +227 90 12 34 56"),
        lambda: person.send_location(13.51, 2.11),
    ):
        await send()
        again = await person.expect()
        assert MEDIA_REFUSED in again.plain_text and "Describe what happened" in again.plain_text
    assert _intake_state(world)[1]["category"] == "violence"
    typed, review = await _describe(world, person, "Men beat a trader at the market gate")
    assert "Violence or assault" in review.plain_text and "Grand marché" in review.plain_text
    await _press(world, person, review, _send_it(review))
    assert typed.deleted
    assert _rows(world, "SELECT category, area, happened, description FROM grievances") == [
        ("violence", "a1", "this_month", "Men beat a trader at the market gate")
    ]
    with closing(sqlite3.connect(world.db_path)) as conn:
        dump = "\n".join(conn.iterdump())
    assert "90 12 34 56" not in dump and "13.51" not in dump


async def test_identifying_details_are_flagged_before_sending(world: World) -> None:
    _, (person,) = await _dialogue(world)  # no places: the area step is skipped
    question = await _open(world, person)
    await _choose(world, person, question, "category", "theft")
    assert "When did it happen?" in question.plain_text
    assert "(step 2 of 3)" in question.plain_text
    await _choose(world, person, question, "when", "this_week")
    typed = []
    for text, detail in (
        ("They took my goats, call me on +227 90 12 34 56", "a phone number"),
        ("Write to amadou.issa@example.org for the details", "an e-mail address"),
    ):
        message, review = await _describe(world, person, text)
        typed.append(message)
        assert f"seems to contain {detail}" in review.plain_text
        await _press(world, person, review, "gv:ed:description")
        assert "Describe what happened" in review.plain_text  # the review became the question
    message, review = await _describe(world, person, "They took 15 000 CFA and my goats in 2024")
    typed.append(message)
    assert "seems to contain" not in review.plain_text
    edits = [f"gv:ed:{step}" for step in ("category", "when", "description")]  # no place
    assert [d for _, d in review.buttons] == [_send_it(review), *edits, "gv:x"]
    # Changing the subject keeps the description and comes back to the review.
    await _press(world, person, review, "gv:ed:category")
    await _choose(world, person, review, "category", "land")
    assert "Land or property dispute" in review.plain_text and "my goats" in review.plain_text
    await _press(world, person, review, _send_it(review))
    assert all(m.deleted for m in typed)
    assert _rows(world, "SELECT category, description FROM grievances") == [
        ("land", "They took 15 000 CFA and my goats in 2024")
    ]


async def test_length_limit_and_forged_buttons_change_nothing(world: World) -> None:
    facilitator, (person, other) = await _dialogue(world, ("en", "en"))
    en = world.runtime.catalogs.translator("en")
    question = await _open(world, person)
    for forged in ("gv:c:category:nonexistent", "gv:c:when:this_week", "gv:ok", "gv:ed:when"):
        await _press(world, person, question, forged)
        assert STALE in person.toasts[-1], forged
        step, state = _intake_state(world)
        assert step == "category" and state["category"] is None
    assert "What is your grievance about?" in question.plain_text
    await person.send("Corruption")
    assert "Please answer with the buttons" in (await person.expect()).plain_text
    await _choose(world, person, question, "category", "corruption")
    await _choose(world, person, question, "when", "earlier")
    too_long, refusal = await _describe(world, person, "x" * 1001)
    assert (
        f"Your description has {en.number(1001)} characters; the limit is {en.number(1000)}"
        in refusal.plain_text
    )
    assert "Describe what happened" in refusal.plain_text
    typed, review = await _describe(world, person, "y" * 1000)
    await _press(world, person, review, _send_it(review))
    assert typed.deleted and too_long.deleted
    assert _rows(world, "SELECT description FROM grievances") == [("y" * 1000,)]
    # Desk buttons forged by a community member, or with bad values by the facilitator.
    key = _key(world, "corruption")
    before = _rows(world, "SELECT * FROM grievances")
    for forged in (f"gd:st:{key}:closed", f"gd:ag:{key}:1", f"gd:rp:{key}", "gd:pg:0"):
        await _press(world, other, other.inbox[0], forged)
        assert "only facilitators" in other.toasts[-1], forged
    for forged in (f"gd:st:{key}:on_agenda", f"gd:st:{key}:bogus", f"gd:st:{'0' * 32}:closed"):
        await _press(world, facilitator, facilitator.inbox[0], forged)
        assert STALE in facilitator.toasts[-1], forged
    assert _rows(world, "SELECT * FROM grievances") == before
    assert _count(world, "conversations") == 0


async def test_invisible_characters_neither_hide_details_nor_reach_the_record(
    world: World,
) -> None:
    _, (person,) = await _dialogue(world)
    question = await _open(world, person)
    await _choose(world, person, question, "category", "theft")
    await _choose(world, person, question, "when", "this_week")
    _, blank = await _describe(world, person, "\u200b\u2060 \u200e")
    assert "no visible text" in blank.plain_text
    assert "answer the question above" in blank.plain_text
    _, review = await _describe(
        world, person, "Call 9\u200b0 12\u200b 34 56 78 or ali\u200b@example.org"
    )
    assert "seems to contain an e-mail address, a phone number" in review.plain_text, (
        review.plain_text
    )
    await _press(world, person, review, "gv:ed:description")
    _, review = await _describe(world, person, "\u202eThey took\u202c my goats\x07\r\nat night")
    await _press(world, person, review, _send_it(review))
    assert _rows(world, "SELECT description FROM grievances") == [("They took my goats\nat night",)]


async def test_the_longest_description_allowed_is_reviewed_and_filed_whole(world: World) -> None:
    world.runtime.settings = replace(world.runtime.settings, grievance_length=4000)
    _, (person,) = await _dialogue(world, ("ar",))
    question = await _open(world, person)
    await _choose(world, person, question, "category", "theft")
    await _choose(world, person, question, "when", "this_week")
    description = ("<&😀ع" * 1000)[:4000]
    _, review = await _describe(world, person, description)
    assert review.plain_text.count("😀") > 500  # the review itself, shortened to fit
    await _press(world, person, review, _send_it(review))
    assert CODE.search(review.plain_text), review.plain_text
    assert _rows(world, "SELECT description FROM grievances") == [(description,)]


async def test_a_send_it_confirms_only_the_review_it_is_under(world: World) -> None:
    _, (person,) = await _dialogue(world)
    first = await _reviewed(world, person, "AAA they took the pump")
    old_send = _send_it(first)
    world.sandbox.inject_errors(20, 400, "deleteMessage")  # the old review stays on the phone
    await person.send("/cancel")
    await settle(world.sandbox)
    question = await _open(world, person)
    await _choose(world, person, question, "category", "land")
    await _choose(world, person, question, "when", "this_week")
    _, second = await _describe(world, person, "BBB they moved the boundary stones")
    assert _send_it(second) != old_send
    await _press(world, person, first, old_send)
    assert STALE in person.toasts[-1]
    assert _count(world, "grievances") == 0
    assert "BBB" in second.plain_text and _send_it(second)  # still offered, untouched
    # Within one intake too: a changed description makes the older review's button stale.
    second_send = _send_it(second)
    await _press(world, person, second, "gv:ed:description")
    _, third = await _describe(world, person, "CCC they moved the stones at night")
    await _press(world, person, third, second_send)
    assert STALE in person.toasts[-1]
    assert _count(world, "grievances") == 0
    await _press(world, person, third, _send_it(third))
    assert _rows(world, "SELECT description FROM grievances") == [
        ("CCC they moved the stones at night",)
    ]


async def test_a_lost_acknowledgement_does_not_stop_the_filing(world: World) -> None:
    _, (person,) = await _dialogue(world)
    review = await _reviewed(world, person, "They took the pump from the garden")
    world.sandbox.inject_errors(1, 502, "answerCallbackQuery")
    await _press(world, person, review, _send_it(review))
    assert CODE.search(review.plain_text), review.plain_text
    assert _count(world, "grievances") == 1


async def test_five_grievances_a_day_then_tomorrow(world: World) -> None:
    _, (person,) = await _dialogue(world)
    for category in ("corruption", "theft", "land", "violence", "justice_delays"):
        receipt = await _file(world, person, category)
    assert "That was your last grievance for today" in receipt.plain_text
    await person.send("/grievance")
    assert "already filed 5 grievances today" in (await person.expect()).plain_text
    assert _count(world, "conversations") == 0 and _count(world, "grievances") == 5
    # The counts live in memory only, under a pseudonym of the day: nothing on disk.
    tables = {r[0] for r in _rows(world, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "grievance_limits" not in tables
    ((first, filed),) = world.runtime.filed_today.items()
    assert filed == 5 and str(person.user_id) not in first
    world.clock.advance(days=1)
    await _file(world, person, "theft", text="Another theft, the next day")
    assert await grievance_cases.raise_alerts(world.runtime) == 0  # spread out: no surge
    ((second, filed),) = world.runtime.filed_today.items()
    assert filed == 1 and second != first  # yesterday's count went with yesterday's secret


# -- receipts, desk, agenda ------------------------------------------------------------------


async def test_status_by_receipt_code(world: World) -> None:
    sb = world.sandbox
    facilitator, (person,) = await _dialogue(world)
    code = _code(await _file(world, person, "land", text="The chief sold our field twice"))
    received_on = world.runtime.catalogs.translator("en").date(date(2026, 11, 21))
    for typed in (code, code.lower(), code.replace("-", ""), code.lower().replace("-", " ")):
        await person.send(f"/status {typed}")
        answer = (await person.expect(contains=code)).plain_text
        assert "Land or property dispute" in answer and "Status: Received" in answer
        assert f"Received on {received_on}" in answer and "Reply" not in answer
    unknown = "0000-0000-00" if code != "0000-0000-00" else "1111-1111-11"
    for typed, said in (
        (unknown, "No grievance has this receipt code"),
        ("1234", "That is not a receipt code"),
        ("K7MX-P3QD-9U", "That is not a receipt code"),  # U is not in the alphabet
        ("", "followed by your receipt code"),
    ):
        await person.send(f"/status {typed}".strip())
        assert said in (await person.expect()).plain_text, typed
    # The facilitator marks it done and answers publicly.
    digest = await _digest(world, facilitator)
    await facilitator.press(digest, "Read the grievances")
    await settle(sb)
    assert "The chief sold our field twice" in digest.plain_text
    key = _key(world, "land")
    await _press(world, facilitator, digest, f"gd:st:{key}:action_taken")
    assert facilitator.toasts[-1] == "Saved." and "✓ Action taken" in [t for t, _ in digest.buttons]
    facilitator.unread.clear()
    await _press(world, facilitator, digest, f"gd:rp:{key}")
    await facilitator.expect(contains="Type the public reply")
    await facilitator.send("The committee met the chief; the sale is cancelled.")
    await facilitator.expect(contains="The public reply is saved.")
    assert _rows(world, "SELECT status, reply FROM grievances") == [
        ("action_taken", "The committee met the chief; the sale is cancelled.")
    ]
    # Anyone holding the code can follow it, without a profile (and none is created).
    stranger = sb.participant("Passer-by", language_code="en")
    await stranger.send(f"/status {code.lower()}")
    answer = (await stranger.expect(contains=code)).plain_text
    assert "Status: Action taken" in answer
    assert "Reply from the facilitators:\n«The committee met the chief" in answer
    await stranger.send("/grievance")
    assert "not working in a dialogue" in (await stranger.expect()).plain_text
    assert _rows(world, "SELECT id FROM people WHERE telegram_id = ?", stranger.user_id) == []


async def test_digest_hides_small_counts_and_compares_periods(world: World) -> None:
    # Exact counts to compare: no decoy (a secret draw that hides one more count of a line).
    world.runtime.settings = replace(world.runtime.settings, digest_decoys=0.0)
    facilitator, (a, b, c) = await _dialogue(world, ("en",) * 3, places=("Grand marché",))

    async def counts() -> dict[str, str]:
        text = (await _digest(world, facilitator)).plain_text
        found: dict[str, str] = {}
        for name, value in COUNTS_LINE.findall(text):
            found.setdefault(name, value)  # the first "Total" is the subjects'
        assert not re.search(r"\b[1-4]\b", " ".join(found.values())), text
        return found

    for i in range(4):
        await _file(world, a, "corruption", area="a1", text=f"Bribe number {i}")
    shown = await counts()
    assert shown == {
        "Corruption or bribery": "<5 / 0 · <5 / 0",
        "Total": "<5 / 0 · <5 / 0",
        "Grand marché": "<5 / 0 · <5 / 0",
    }
    await _file(world, b, "corruption", area="a1", text="Bribe number 5")
    assert (await counts())["Corruption or bribery"] == "5 / 0 · 5 / 0"
    # A week later (Saturday 28 November): last week's five, and five more this week.
    world.clock.advance(days=7)
    for i in range(5):
        await _file(world, c, "corruption", area="a1", text=f"Later bribe {i}")
    shown = await counts()
    assert shown["Corruption or bribery"] == shown["Total"] == "5 / 5 · 10 / 0"
    assert shown["Grand marché"] == "5 / 5 · 10 / 0"
    # In December: nothing this week or month, five last week, ten last month.
    world.clock.advance(days=7)
    assert (await counts())["Corruption or bribery"] == "0 / 5 · 0 / 10"


async def test_police_see_the_agenda_but_never_confidential_ones(world: World) -> None:
    sb = world.sandbox
    facilitator, (member,) = await _dialogue(world)
    link = await make_invite(sb, facilitator, "police officer", "No limit", "No expiry")
    officer = sb.participant("Officer", language_code="en")
    await join(sb, officer, link, "en")
    await _file(world, member, "corruption", text="The checkpoint takes two thousand francs")
    await _file(world, member, "gbv", text="A confidential report of abuse")
    for person in (officer, member):
        person.unread.clear()
        await person.send("/grievances")
        assert "only facilitators" in (await person.expect()).plain_text
        await person.send("/agenda")
        assert "No grievance is on the agenda" in (await person.expect()).plain_text
    digest = await _digest(world, facilitator)
    await facilitator.press(digest, "Read the grievances")
    await settle(sb)
    cards = {}
    for index in (0, 1):
        await _press(world, facilitator, digest, f"gd:pg:{index}")
        cards["gbv" if "confidential report" in digest.plain_text else "corruption"] = [
            d for _, d in digest.buttons
        ]
    corruption, gbv = _key(world, "corruption"), _key(world, "gbv")
    assert f"gd:ag:{corruption}:1" in cards["corruption"]
    assert not [d for d in cards["gbv"] if d.startswith("gd:ag:")]
    await _press(world, facilitator, digest, f"gd:ag:{gbv}:1")  # forged: refused
    assert "confidential" in facilitator.toasts[-1]
    await _press(world, facilitator, digest, f"gd:ag:{corruption}:1")
    assert facilitator.toasts[-1] == "Saved."
    assert "On the agenda" in digest.plain_text
    assert _rows(world, "SELECT category, on_agenda, status FROM grievances ORDER BY 1") == [
        ("corruption", 1, "on_agenda"),
        ("gbv", 0, "received"),
    ]
    for person in (officer, member):
        await person.send("/agenda")
        agenda = (await person.expect()).plain_text
        assert "two thousand francs" in agenda and "To be discussed" in agenda
        assert "confidential report" not in agenda
    # Even if a confidential grievance were on the agenda, police would not see it.
    with closing(sqlite3.connect(world.db_path)) as conn, conn:
        conn.execute("UPDATE grievances SET on_agenda = 1 WHERE key = ?", (gbv,))
    await officer.send("/agenda")
    assert "confidential report" not in (await officer.expect()).plain_text
    await facilitator.send("/agenda")
    assert "confidential report" in (await facilitator.expect()).plain_text
    # Taking it off the agenda hides it again.
    await _press(world, facilitator, digest, f"gd:ag:{corruption}:0")
    await officer.send("/agenda")
    assert "No grievance is on the agenda" in (await officer.expect()).plain_text


async def test_early_warning_fires_once_a_day(world: World) -> None:
    facilitator, (a, b) = await _dialogue(world, ("en", "en"), places=("Grand marché",))
    await _file(world, a, "armed_threats", area="a1", text="Armed men threatened the herders")
    facilitator.unread.clear()
    assert await grievance_cases.raise_alerts(world.runtime) == 1
    await world.drained()
    alert = (await facilitator.expect(contains="Early warning")).plain_text
    assert "Threats by armed groups in Grand marché: <5 reports" in alert
    assert "reported to facilitators at once" in alert
    assert await grievance_cases.raise_alerts(world.runtime) == 0
    await world.drained()
    assert not facilitator.unread
    # A surge: five thefts in one place this week, none in the weeks before.
    for i in range(4):
        await _file(world, b, "theft", area="a1", text=f"Theft {i}")
    assert await grievance_cases.raise_alerts(world.runtime) == 0  # four are not enough
    await _file(world, b, "theft", area="a1", text="Theft 4")
    assert await grievance_cases.raise_alerts(world.runtime) == 1
    await world.drained()
    alert = (await facilitator.expect(contains="Early warning")).plain_text
    assert "Theft or robbery in Grand marché: 5 reports" in alert and "sharp rise" in alert
    assert await grievance_cases.raise_alerts(world.runtime) == 0
    await world.drained()
    assert not facilitator.unread
    assert not [m for m in (*a.inbox, *b.inbox) if "Early warning" in m.plain_text]
    digest = (await _digest(world, facilitator)).plain_text
    assert "Early warnings this week" in digest
    assert "Threats by armed groups — Grand marché" in digest
    assert "Theft or robbery — Grand marché" in digest
    # The next day the same threat report does not alert again; a new one does.
    world.clock.advance(days=1)
    assert await grievance_cases.raise_alerts(world.runtime) == 1  # the thefts still surge
    await world.drained()
    assert "Theft or robbery" in (await facilitator.expect(contains="Early warning")).plain_text
    await _file(world, a, "armed_threats", area="a1", text="They came back at night")
    assert await grievance_cases.raise_alerts(world.runtime) == 1
    await world.drained()
    assert "armed groups" in (await facilitator.expect(contains="Early warning")).plain_text


# -- around the intake -----------------------------------------------------------------------


async def test_grievance_in_a_group_points_to_a_private_chat(world: World) -> None:
    sb = world.sandbox
    _, (member,) = await _dialogue(world)
    other = sb.participant("Neighbour", language_code="en")
    group = sb.group("Conseil du quartier", members=[member, other])
    tables = ("grievances", "conversations", "people")
    before = {table: _rows(world, f"SELECT * FROM {table}") for table in tables}
    await member.send("/grievance", chat=group)
    await other.send(f"/grievance@{sb.bot_username}", chat=group)
    await settle(sb)
    links = [link_in(m) for m in group.inbox[-2:]]
    assert links == [f"https://t.me/{sb.bot_username}?start=grievance"] * 2
    assert {table: _rows(world, f"SELECT * FROM {table}") for table in tables} == before
    assert not member.unread and not other.unread
    # The link opens the intake in private for a member, and explains for anyone else.
    await member.open_link(links[0])
    await member.expect(contains="anonymous")
    question = await member.expect(contains="What is your grievance about?")
    await settle(sb)
    await _choose(world, member, question, "category", "theft")
    assert _intake_state(world)[1]["category"] == "theft"
    await other.open_link(links[1])
    assert "not working in a dialogue" in (await other.expect()).plain_text


async def test_forgetme_leaves_the_grievance_and_its_receipt(world: World) -> None:
    _, (person,) = await _dialogue(world)
    code = _code(await _file(world, person, "police_conduct", text="Officers took my phone"))
    before = _rows(world, "SELECT * FROM grievances")
    await person.send("/forgetme")
    await _press(world, person, await person.expect(contains="Delete"), "forget:yes")
    assert _rows(world, "SELECT id FROM people WHERE telegram_id = ?", person.user_id) == []
    assert _rows(world, "SELECT * FROM grievances") == before
    person.unread.clear()
    await person.send(f"/status {code}")
    answer = (await person.expect(contains=code)).plain_text
    assert "Police conduct" in answer and "Status: Received" in answer


async def test_a_restart_forgets_an_open_intake_and_says_so(world: World) -> None:
    """An intake lives only in memory (so no commit pairs a grievance with its author): a
    restart forgets it, the next press says so, and the person starts again."""
    _, (person,) = await _dialogue(world)
    question = await _open(world, person)
    await _choose(world, person, question, "category", "theft")
    await _choose(world, person, question, "when", "this_week")
    first, review = await _describe(world, person, "They stole the pump from the garden")
    await world.restart()
    await _press(world, person, review, _send_it(review))
    assert _count(world, "grievances") == 0 and _count(world, "conversations") == 0
    assert "restarted" in review.plain_text and "/grievance" in review.plain_text
    assert review.buttons == []
    await person.send("I typed it again")  # no step waits: nothing is taken as a grievance
    await settle(world.sandbox)
    assert _count(world, "grievances") == 0
    question = await _open(world, person)
    await _choose(world, person, question, "category", "theft")
    await _choose(world, person, question, "when", "this_week")
    second, review = await _describe(world, person, "They stole the pump from the garden")
    assert "Theft or robbery" in review.plain_text
    sent = _send_it(review)
    await _press(world, person, review, sent)
    code = _code(review)
    await _press(world, person, review, sent)  # a second press files nothing more
    assert STALE in person.toasts[-1]
    assert second.deleted
    assert _rows(world, "SELECT category, happened, description FROM grievances") == [
        ("theft", "this_week", "They stole the pump from the garden")
    ]
    await person.send(f"/status {code}")
    assert "Theft or robbery" in (await person.expect(contains=code)).plain_text
