"""Survey schedules, waves, participation and anonymous responses in storage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flows.roles import Role
from flows.surveys.records import Schedule, Wave
from storage import Database

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


async def _setup(db: Database) -> tuple[int, list[int]]:
    async with db.transaction() as tx:
        d = (await tx.dialogues.create("Maradi", "Africa/Niamey", NOW)).id
        people = []
        for n in range(3):
            person = await tx.people.create(500 + n, "fr", NOW)
            await tx.people.add_membership(person.id, d, Role.COMMUNITY, NOW)
            people.append(person.id)
    return d, people


def _wave(d: int, wave_id: str = "w1", schedule: str | None = "s1", due=NOW) -> Wave:
    return Wave(
        wave_id,
        d,
        schedule,
        due,
        "jsd_trust_v1",
        (Role.COMMUNITY, Role.POLICE),
        NOW,
        NOW + timedelta(hours=72),
    )


async def test_schedules_round_trip_and_record_when_they_fired(db: Database) -> None:
    d, _ = await _setup(db)
    schedule = Schedule("s1", d, "weekly mon 09:00", (Role.COMMUNITY,), "jsd_trust_v1", NOW)
    async with db.transaction() as tx:
        await tx.survey_schedules.add(schedule, NOW)
        assert await tx.survey_schedules.of_dialogue(d) == [schedule]
        later = NOW + timedelta(days=2)
        await tx.survey_schedules.fired("s1", later)
        assert (await tx.survey_schedules.get("s1")).last_fired == later
        assert await tx.survey_schedules.delete("s1")
        assert not await tx.survey_schedules.delete("s1")
        assert await tx.survey_schedules.all() == []


async def test_a_due_time_starts_one_wave_only(db: Database) -> None:
    d, _ = await _setup(db)
    async with db.transaction() as tx:
        assert await tx.survey_waves.add(_wave(d))
        assert not await tx.survey_waves.add(_wave(d, "w2"))  # same schedule and due time
        assert await tx.survey_waves.add(_wave(d, "w3", due=NOW + timedelta(days=7)))
        # Waves started by hand have no schedule: never refused.
        assert await tx.survey_waves.add(_wave(d, "w4", schedule=None))
        assert await tx.survey_waves.add(_wave(d, "w5", schedule=None))
        assert sorted(w.id for w in await tx.survey_waves.open_waves()) == [
            "w1",
            "w3",
            "w4",
            "w5",
        ]
        assert (await tx.survey_waves.get("w1")) == _wave(d)


async def test_participation_is_forgotten_at_close_and_counts_are_frozen(db: Database) -> None:
    d, people = await _setup(db)
    async with db.transaction() as tx:
        await tx.survey_waves.add(_wave(d))
        for person in people:
            await tx.survey_participation.invite("w1", person, Role.COMMUNITY)
        await tx.survey_participation.invite("w1", people[0], Role.COMMUNITY)  # twice: once
        await tx.survey_participation.save("w1", people[1], {"position": 2})
        await tx.survey_participation.finish("w1", people[0])
        assert await tx.survey_participation.progress("w1") == {Role.COMMUNITY: (3, 1)}
        part = await tx.survey_participation.get("w1", people[1])
        assert part.state == {"position": 2} and not part.finished
        assert (await tx.survey_participation.get("w1", people[0])).state is None
        await tx.people.set_active(people[2], False)
        assert [p.active for p in await tx.survey_participation.of_wave("w1")] == [
            True,
            True,
            False,
        ]
        await tx.survey_participation.forget_wave("w1")
        await tx.survey_waves.close("w1", {Role.COMMUNITY: (3, 1, 1)})
        assert await tx.survey_participation.of_wave("w1") == []
        assert (await tx.survey_waves.get("w1")).closed
        assert await tx.survey_waves.counts("w1") == {Role.COMMUNITY: (3, 1, 1)}
        assert await tx.survey_waves.open_waves() == []


async def test_responses_and_open_answers_are_stored_apart(db: Database) -> None:
    d, _ = await _setup(db)
    day = date(2026, 11, 21)
    async with db.transaction() as tx:
        await tx.survey_waves.add(_wave(d))
        await tx.survey_responses.add(
            "b" * 32, "w1", Role.COMMUNITY, day, {"trust_police": "a_lot"}
        )
        await tx.survey_responses.add("a" * 32, "w1", Role.POLICE, day, {"x": "_skipped"})
        await tx.survey_responses.add_open_answer("c" * 32, "w1", Role.COMMUNITY, "open", "Lights")
        assert await tx.survey_responses.count("w1") == {Role.COMMUNITY: 1, Role.POLICE: 1}
        assert await tx.survey_responses.of_wave("w1") == {
            Role.COMMUNITY: [{"trust_police": "a_lot"}],
            Role.POLICE: [{"x": "_skipped"}],
        }
        assert await tx.survey_responses.open_answers("w1") == {Role.COMMUNITY: ["Lights"]}


async def test_forgetting_a_person_leaves_responses(db: Database) -> None:
    d, people = await _setup(db)
    async with db.transaction() as tx:
        await tx.survey_waves.add(_wave(d))
        await tx.survey_participation.invite("w1", people[0], Role.COMMUNITY)
        await tx.survey_responses.add("d" * 32, "w1", Role.COMMUNITY, date(2026, 11, 21), {})
        await tx.people.delete(people[0])
        assert await tx.survey_participation.of_wave("w1") == []
        assert await tx.survey_responses.count("w1") == {Role.COMMUNITY: 1}
