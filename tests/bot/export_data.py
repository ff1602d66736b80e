"""A database with something of everything an export holds, hostile texts included.

Built through the storage repositories, as the use cases leave it: two dialogues, three closed
survey waves and one open one (some groups under k), grievances, a closed round with votes by
group (one group under k) and an open one, action items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flows.grievances.records import Grievance
from flows.roles import Role
from flows.rounds.actions import ActionItem, ActionStatus
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.statements import Statement, StatementStatus
from flows.rounds.voting import Vote
from flows.surveys.instruments import default_instrument
from flows.surveys.records import Wave
from storage import Database

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tcmd",
    "\rcarriage",
    "\nline",
    "bell \x01\x07 inside",
    "\x00=nul first",
    "الشرطة لا تستمع إلينا",
    "=1+1",
    "＝1+1",
)


@dataclass
class Built:
    path: Path
    first: int  # dialogue ids
    second: int
    waves: list[str]


def _record(role: Role, n: int) -> dict[str, str]:
    """A complete answer sheet for ``role``, varied with ``n``."""
    record = {}
    for item in default_instrument().items_for(role):
        if item.is_text:
            continue
        scored = item.scale.scored
        record[item.id] = scored[(n * 7 + len(item.id)) % len(scored)].id
    return record


async def _wave(db: Database, dialogue: int, wave_id: str, opened: datetime, answered: dict):
    """A closed wave: role → (invited, blocked, answered)."""
    async with db.transaction() as tx:
        wave = Wave(
            wave_id,
            dialogue,
            None,
            opened,
            default_instrument().id,
            tuple(answered),
            opened,
            opened + timedelta(hours=72),
        )
        await tx.survey_waves.add(wave)
        await tx.survey_waves.invited(wave_id, {r: c[0] for r, c in answered.items()})
        for role, (_invited, _blocked, done) in answered.items():
            for n in range(done):
                key = f"{wave_id}{role.value}{n}".encode().hex()[:32].ljust(32, "0")
                await tx.survey_responses.add(key, wave_id, role, opened.date(), _record(role, n))
        await tx.survey_waves.close(wave_id, answered)


async def build(path: Path) -> Built:
    db = Database(path)
    await db.open()
    try:
        return await _build(db, path)
    finally:
        await db.close()


async def _build(db: Database, path: Path) -> Built:
    async with db.transaction() as tx:
        first = (await tx.dialogues.create("Maradi – Quartier Nord", "UTC", START)).id
        second = (await tx.dialogues.create("حي الشمال", "UTC", START)).id
        people = []
        for n in range(12):
            person = await tx.people.create(1000 + n, "en", START)
            role = (Role.COMMUNITY, Role.POLICE)[n % 2]
            await tx.people.add_membership(person.id, first, role, START)
            people.append(person)
        await tx.grievance_areas.add(first, ["Marché", '=cmd|" /C calc"!A0'])
    c, p, o = Role.COMMUNITY, Role.POLICE, Role.OFFICIAL
    waves = ["w1", "w2", "w3"]
    await _wave(db, first, "w1", START, {c: (8, 0, 6), p: (6, 1, 5), o: (3, 0, 2)})
    await _wave(db, first, "w2", START + timedelta(days=30), {c: (8, 0, 5), p: (6, 0, 3)})
    await _wave(db, second, "w3", START + timedelta(days=10), {c: (9, 2, 7)})
    async with db.transaction() as tx:  # an open wave: counts only
        opened = START + timedelta(days=60)
        wave = Wave("w4", first, None, opened, default_instrument().id, (c,), opened, opened)
        await tx.survey_waves.add(wave)
        for person in people[:6:2]:
            await tx.survey_participation.invite("w4", person.id, c)
    await _grievances(db, first, second)
    await _rounds(db, first, people)
    async with db.transaction() as tx:
        for n, text in enumerate(("+1+1 patrols at night", "-2 checkpoints", "Repair the lights")):
            item = ActionItem(
                f"act{n}", first, text, (c, p, o)[n], date(2026, 10, 1 + n), ActionStatus.OPEN
            )
            await tx.actions.add(item, date(2026, 9, 20 + n))
    return Built(path, first, second, waves)


async def _grievances(db: Database, first: int, second: int) -> None:
    async with db.transaction() as tx:
        areas = [a.id for a in await tx.grievance_areas.of_dialogue(first)] + ["unspecified"]
        categories = ("corruption", "police_conduct", "gbv", "theft")
        for n, text in enumerate(HOSTILE):
            grievance = Grievance(
                f"{n:032x}",
                first if n % 4 else second,
                date(2026, 9, 1) + timedelta(days=n),
                categories[n % len(categories)],
                areas[n % len(areas)],
                "this_week",
                text,
                reply="@SUM(A1) we heard you" if n == 1 else None,
            )
            await tx.grievances.add(grievance, f"receipt{n}")


async def _rounds(db: Database, dialogue: int, people: list) -> None:
    roles = (Role.COMMUNITY, Role.POLICE)
    async with db.transaction() as tx:
        closed = Round(
            "r1",
            dialogue,
            Phase.VOTING,
            START,
            RoundSettings(roles=roles, moderation=False),
            "trust",
        )
        await tx.rounds.add(closed)
        ids = []
        for n, text in enumerate(HOSTILE[:6] + ("Plus de patrouilles",)):
            statement = Statement(f"s{n}", "r1", text, roles[n % 2], "fr", StatementStatus.APPROVED)
            await tx.statements.add(statement, people[n].id)
            ids.append(statement.id)
        await tx.statements.set_positions(ids)
        await tx.statements.forget_authors("r1")
        for s, statement_id in enumerate(ids):
            for n in range(6):  # six community voters: shown
                vote = (Vote.AGREE, Vote.AGREE, Vote.DISAGREE, Vote.PASS)[(n + s) % 4]
                await tx.votes.put(f"c{n}{statement_id}", statement_id, Role.COMMUNITY, vote)
            for n in range(2 if s else 5):  # police: 5 on the first statement, else 2 (hidden)
                await tx.votes.put(f"p{n}{statement_id}", statement_id, Role.POLICE, Vote.AGREE)
        await tx.rounds.set_phase("r1", Phase.CLOSED, START + timedelta(days=3))
        custom = (("fr", "=Que faire ?"),)
        still = Round(
            "r2",
            dialogue,
            Phase.COLLECTING,
            START + timedelta(days=40),
            RoundSettings(),
            None,
            custom,
        )
        await tx.rounds.add(still)
