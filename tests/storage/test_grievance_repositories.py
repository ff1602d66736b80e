"""Grievances, areas, the daily limit and alerts in storage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flows.grievances.early_warning import AlertReason
from flows.grievances.receipts import GrievanceStatus
from flows.grievances.records import Grievance
from storage import Database

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 21)


def _grievance(n: int, dialogue_id: int, day: date = TODAY, **kw) -> Grievance:
    values = {"category": "theft", "area": "a1", "happened": "this_week"} | kw
    return Grievance(f"{n:032x}", dialogue_id, day, description=f"text {n}", **values)


async def _dialogue(db: Database) -> int:
    async with db.transaction() as tx:
        return (await tx.dialogues.create("Maradi", "Africa/Niamey", NOW)).id


async def test_a_grievance_round_trips_and_is_found_by_receipt_only(db: Database) -> None:
    d = await _dialogue(db)
    async with db.transaction() as tx:
        await tx.grievances.add(_grievance(7, d), "receipt-hmac-7")
    async with db.read() as tx:
        found = await tx.grievances.by_receipt("receipt-hmac-7")
        assert found == _grievance(7, d)
        assert await tx.grievances.by_receipt("receipt-hmac-8") is None
        assert await tx.grievances.get(f"{7:032x}") == found


async def test_status_agenda_and_reply(db: Database) -> None:
    d = await _dialogue(db)
    key = f"{1:032x}"
    async with db.transaction() as tx:
        await tx.grievances.add(_grievance(1, d), "r1")
        await tx.grievances.add(_grievance(2, d, category="gbv"), "r2")
        await tx.grievances.set_agenda(key, True, GrievanceStatus.ON_AGENDA)
        await tx.grievances.set_reply(key, "We met the commander.")
        await tx.grievances.set_agenda(f"{2:032x}", True, GrievanceStatus.ON_AGENDA)
    async with db.read() as tx:
        g = await tx.grievances.get(key)
        assert g.on_agenda and g.status is GrievanceStatus.ON_AGENDA
        assert g.reply == "We met the commander."
        assert len(await tx.grievances.on_agenda(d)) == 2
        shown = await tx.grievances.on_agenda(d, frozenset({"gbv"}))
        assert [x.key for x in shown] == [key]
    async with db.transaction() as tx:
        await tx.grievances.set_status(key, GrievanceStatus.CLOSED)
        assert (await tx.grievances.get(key)).status is GrievanceStatus.CLOSED


async def test_pages_go_newest_day_first_and_positions_agree(db: Database) -> None:
    d = await _dialogue(db)
    async with db.transaction() as tx:
        for n in range(6):
            await tx.grievances.add(_grievance(n, d, TODAY - timedelta(days=n % 3)), f"r{n}")
    async with db.read() as tx:
        seen = []
        for index in range(6):
            g, total = await tx.grievances.page(d, index)
            assert total == 6
            assert await tx.grievances.position(g) == index
            seen.append(g)
        assert [g.filed_on for g in seen] == sorted((g.filed_on for g in seen), reverse=True)
        assert len({g.key for g in seen}) == 6
        assert await tx.grievances.page(d, 6) == (None, 6)


async def test_counts_and_weekly_counts_aggregate_in_sql(db: Database) -> None:
    d = await _dialogue(db)
    other = await _dialogue(db)
    days = [0, 0, 1, 6, 7, 13, 14, 34, 35, 40]
    async with db.transaction() as tx:
        for n, ago in enumerate(days):
            await tx.grievances.add(_grievance(n, d, TODAY - timedelta(days=ago)), f"r{n}")
        await tx.grievances.add(_grievance(99, other), "r99")
        await tx.grievances.add(_grievance(98, d, area="a2"), "r98")
    async with db.read() as tx:
        assert await tx.grievances.counts(d, TODAY - timedelta(days=6), TODAY + timedelta(1)) == {
            ("theft", "a1"): 4,
            ("theft", "a2"): 1,
        }
        weekly = await tx.grievances.weekly_counts(d, TODAY, 4)
        # days 0..6 → week 0, 7..13 → 1, 14..20 → 2, 28..34 → 4; 35 and 40 are too old.
        assert weekly[("theft", "a1")] == [4, 2, 1, 0, 1]
        assert weekly[("theft", "a2")] == [1, 0, 0, 0, 0]
        assert await tx.grievances.count(d) == 11


async def test_areas_are_added_retired_and_brought_back(db: Database) -> None:
    d = await _dialogue(db)
    async with db.transaction() as tx:
        added = await tx.grievance_areas.add(d, ["Market", "North"])
        assert [(a.id, a.name) for a in added] == [("a1", "Market"), ("a2", "North")]
        assert await tx.grievance_areas.add(d, ["market"]) == []  # already there
        assert await tx.grievance_areas.retire(d, "a1")
        assert not await tx.grievance_areas.retire(d, "a1")
        assert [a.id for a in await tx.grievance_areas.of_dialogue(d)] == ["a2"]
        assert len(await tx.grievance_areas.of_dialogue(d, retired=True)) == 2
        back = await tx.grievance_areas.add(d, ["Market", "Road"])
        assert [(a.id, a.name) for a in back] == [("a1", "Market"), ("a4", "Road")]
        assert [a.name for a in await tx.grievance_areas.of_dialogue(d)] == [
            "North",
            "Market",
            "Road",
        ]


async def test_a_dialogues_own_categories(db: Database) -> None:
    d = await _dialogue(db)
    async with db.transaction() as tx:
        assert await tx.grievance_areas.categories(d) is None
        await tx.grievance_areas.set_categories(d, "spec_version = 1")
        await tx.grievance_areas.set_categories(d, "spec_version = 1 # again")
        assert await tx.grievance_areas.categories(d) == "spec_version = 1 # again"
        await tx.grievance_areas.set_categories(d, None)
        assert await tx.grievance_areas.categories(d) is None


async def test_alerts_are_recorded_once_a_day(db: Database) -> None:
    d = await _dialogue(db)
    async with db.transaction() as tx:
        surge, urgent = frozenset({AlertReason.SURGE}), frozenset({AlertReason.URGENT})
        assert await tx.grievance_alerts.record(d, TODAY, "theft", "a1", surge)
        assert not await tx.grievance_alerts.record(d, TODAY, "theft", "a1", urgent)
        assert await tx.grievance_alerts.record(
            d, TODAY + timedelta(1), "theft", "a1", surge | urgent
        )
        assert await tx.grievance_alerts.raised_on(d, TODAY) == {("theft", "a1")}
        alerts = await tx.grievance_alerts.since(d, TODAY)
        assert [a.day for a in alerts] == [TODAY + timedelta(1), TODAY]
        assert alerts[0].reasons == surge | urgent


async def test_deleting_a_dialogue_takes_its_grievances(db: Database) -> None:
    d = await _dialogue(db)
    async with db.transaction() as tx:
        await tx.grievances.add(_grievance(1, d), "r1")
        await tx.conn.execute("DELETE FROM dialogues WHERE id = ?", (d,))
    async with db.read() as tx:
        assert await tx.grievances.get(f"{1:032x}") is None


async def test_secure_delete_is_on(db: Database) -> None:
    async with db.connection.execute("PRAGMA secure_delete") as cur:
        assert (await cur.fetchone())[0] == 1
