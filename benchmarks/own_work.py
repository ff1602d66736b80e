"""Palabre's own work per update, without python-telegram-bot: the use cases called directly.

What a handler does besides PTB's parsing and sending: load the caller (one query), run the use
case (domain rules and its unit of work), render the answer. Measured as CPU time of the whole
process (aiosqlite's worker thread included), on a real SQLite file with fsync on commit.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot import survey_texts
from bot.config import Settings
from bot.i18n import Catalogs
from bot.round_texts import vote_card
from bot.runtime import Runtime
from flows.grievances.intake_events import Choose, Confirm, Done, Step, Text
from flows.roles import Role
from flows.rounds.lifecycle import RoundSettings
from flows.rounds.voting import Vote
from services import grievances, rounds, statements, surveys, voting
from services.keys import load_or_create
from storage import Database


async def measure(rounds_: int = 500) -> dict[str, float]:
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db_path=Path(folder) / "own.db", grievances_per_day=100)
        rt = Runtime(settings=settings, db=Database(settings.db_path), catalogs=Catalogs())
        rt.secret = load_or_create(settings.secret_path)
        await rt.db.open()
        now = datetime.now(UTC)
        async with rt.db.transaction() as tx:
            dialogue = await tx.dialogues.create("Bench", "UTC", now)
            people = []
            for i in range(rounds_):
                person = await tx.people.create(10_000 + i, "fr", now)
                await tx.people.add_membership(person.id, dialogue.id, Role.COMMUNITY, now)
                people.append(person)
        opened = await rounds.open_round(rt, dialogue.id, RoundSettings(moderation=False), "trust")
        t = rt.catalogs.translator("fr")

        start = time.process_time()
        for person in people:
            async with rt.db.read() as tx:
                await tx.people.with_memberships(person.telegram_id)
        out["load the caller"] = (time.process_time() - start) / rounds_ * 1000

        start = time.process_time()
        saved = None
        for person in people:
            saved = await statements.submit(rt, person, dialogue.id, Role.COMMUNITY, "fr", "idea")
        out["save a statement"] = (time.process_time() - start) / rounds_ * 1000

        assert isinstance(saved, statements.Saved)
        await rounds.advance(rt, dialogue.id)
        start = time.process_time()
        for person in people:
            result = await voting.vote(rt, person, saved.statement.id, Vote.AGREE)
            if isinstance(result, voting.Voted) and result.next_card:
                vote_card(t, result.next_card, Role.COMMUNITY)
        out["record a vote and render the next card"] = (
            (time.process_time() - start) / rounds_ * 1000
        )
        await _grievances(rt, people, dialogue.id, out)
        await _surveys(rt, people, dialogue.id, out)
        await rt.db.close()
        del opened
    return out


async def _grievances(rt: Runtime, people: list, dialogue_id: int, out: dict[str, float]) -> None:
    """A whole intake per person: start, three choices, the description, the review, filing."""
    inputs = [
        Choose(Step.CATEGORY, "police_conduct"),
        Choose(Step.WHEN, "this_week"),
        Text("They asked every driver for money at the checkpoint."),
    ]
    steps = 0
    start = time.process_time()
    for person in people:
        begun = await grievances.begin(rt, person.id, person.telegram_id, dialogue_id)
        assert isinstance(begun, grievances.Begun)
        intake = begun.intake
        for event in inputs:
            intake, _effects = await grievances.apply(rt, person.id, intake, event, 1)
        intake, effects = await grievances.apply(
            rt, person.id, intake, Confirm(), review=intake.review
        )
        draft = next(e.draft for e in effects if isinstance(e, Done))
        await grievances.file(rt, person.id, person.telegram_id, dialogue_id, draft)
        steps += 6
    out["one step of a grievance intake (mean)"] = (time.process_time() - start) / steps * 1000
    start = time.process_time()
    for _ in range(50):
        await grievances.digest(rt, dialogue_id)
    out[f"grievance digest over {len(people)} grievances"] = (
        (time.process_time() - start) / 50 * 1000
    )


async def _surveys(rt: Runtime, people: list, dialogue_id: int, out: dict[str, float]) -> None:
    """Every person answers a whole survey; each press is one use-case call plus rendering."""
    started = await surveys.start_wave(rt, dialogue_id, (Role.COMMUNITY,))
    assert started is not None
    wave = started[0]
    t = rt.catalogs.translator("fr")
    presses = 0
    start = time.process_time()
    for person in people:
        result = await surveys.current(rt, wave.id, person.id)
        while isinstance(result, surveys.Asked):
            position = result.session.position
            if result.item.is_text:
                given: surveys.Answer = surveys.Typed("Des patrouilles la nuit")
            else:
                given = surveys.Choice(result.item.scale.choices[1].id)
            result = await surveys.respond(rt, wave.id, person.id, position, given)
            if isinstance(result, surveys.Asked):
                survey_texts.question(t, result.wave, result.session, result.item)
            presses += 1
    out["one survey answer, next question rendered"] = (
        (time.process_time() - start) / presses * 1000
    )


def main() -> None:
    for name, ms in asyncio.run(measure()).items():
        print(f"{name:>40}: {ms:.2f} ms CPU (Palabre's own work, SQLite and fsync included)")


if __name__ == "__main__":
    main()
