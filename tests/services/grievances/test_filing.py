"""Filing: the grievance, the day's count and the end of the intake in one transaction; or
nothing at all, with the reason."""

from __future__ import annotations

from pathlib import Path

from flows.grievances.intake_events import Choose, Confirm, Done, GrievanceDraft, Step, Text
from flows.grievances.receipts import GrievanceStatus
from services import conversations, grievances
from services.grievances import NotFiled
from services.grievances.limits import filed_today
from services.runtime import Runtime
from tests.services.grievances.conftest import Clock, Site, database_bytes, runtime

TEXT = "Armed men came to the well at night"


async def _draft(rt: Runtime, person_id: int, telegram_id: int, dialogue_id: int) -> GrievanceDraft:
    begun = await grievances.begin(rt, person_id, telegram_id, dialogue_id)
    assert isinstance(begun, grievances.Begun)
    intake = begun.intake
    for event in (Choose(Step.CATEGORY, "armed_threats"), Choose(Step.WHEN, "earlier"), Text(TEXT)):
        intake, _ = await grievances.apply(rt, person_id, intake, event, 9)
    _, effects = await grievances.apply(rt, person_id, intake, Confirm(), review=intake.review)
    (done,) = effects
    assert isinstance(done, Done)
    return done.draft


async def test_filed_with_a_receipt_and_nothing_that_points_back(
    rt: Runtime, site: Site, tmp_path: Path
) -> None:
    m = site.member
    draft = await _draft(rt, m.id, m.telegram_id, site.dialogue_id)
    filed = await grievances.file(rt, m.id, m.telegram_id, site.dialogue_id, draft)
    assert isinstance(filed, grievances.Filed) and filed.remaining == 4
    async with rt.db.read() as tx:
        assert await tx.conversations.get(m.id) is None
        stored = await tx.grievances.page(site.dialogue_id, 0)
    grievance = stored[0]
    assert grievance is not None and grievance.description == TEXT
    assert grievance.filed_on == rt.today() and grievance.status is GrievanceStatus.RECEIVED
    assert m.id not in rt.intake_drafts
    stored_bytes = database_bytes(tmp_path / "palabre.db")
    assert filed.code.encode() not in stored_bytes
    # Followed by its code, in any spelling.
    for spelling in (filed.code, filed.code.lower().replace("-", " ")):
        followed = await grievances.by_receipt(rt, spelling)
        assert followed is not None and followed.grievance == grievance
        assert followed.catalogue.category("armed_threats") is not None
    assert await grievances.by_receipt(rt, "not a code") is None


async def test_the_daily_limit_is_checked_at_the_start_and_again_at_filing(
    rt: Runtime, site: Site, tmp_path: Path, clock: Clock
) -> None:
    rt = runtime(tmp_path, rt.db, clock, grievances_per_day=2)
    m = site.member
    first = await _draft(rt, m.id, m.telegram_id, site.dialogue_id)
    # A second intake is opened (in another process, say) before the first is filed.
    other_rt = runtime(tmp_path, rt.db, clock, grievances_per_day=2)
    second = await _draft(other_rt, m.id, m.telegram_id, site.dialogue_id)
    assert isinstance(
        await grievances.file(rt, m.id, m.telegram_id, site.dialogue_id, first), grievances.Filed
    )
    last = await grievances.file(rt, m.id, m.telegram_id, site.dialogue_id, second)
    assert isinstance(last, grievances.Filed) and last.remaining == 0
    assert await grievances.begin(rt, m.id, m.telegram_id, site.dialogue_id) is NotFiled.LIMIT
    # Filing a draft when the limit was reached meanwhile files nothing and ends the intake.
    late = await _draft(
        runtime(tmp_path, rt.db, clock, grievances_per_day=3), m.id, m.telegram_id, site.dialogue_id
    )
    assert await grievances.file(rt, m.id, m.telegram_id, site.dialogue_id, late) is NotFiled.LIMIT
    async with rt.db.read() as tx:
        assert await tx.grievances.count(site.dialogue_id) == 2
        assert await tx.conversations.get(m.id) is None
    assert m.id not in rt.intake_drafts
    # Another person has their own count; tomorrow the first one may file again.
    o = site.other
    assert isinstance(
        await grievances.begin(rt, o.id, o.telegram_id, site.dialogue_id), grievances.Begun
    )
    clock.advance(days=1)
    assert isinstance(
        await grievances.begin(rt, m.id, m.telegram_id, site.dialogue_id), grievances.Begun
    )


async def test_a_choice_removed_meanwhile_files_nothing(rt: Runtime, site: Site) -> None:
    m = site.member
    await grievances.ask_areas(rt, site.facilitator.id, site.dialogue_id)
    added = await grievances.add_areas(rt, site.facilitator.id, site.dialogue_id, "Grand marché")
    assert isinstance(added, list)
    begun = await grievances.begin(rt, m.id, m.telegram_id, site.dialogue_id)
    assert isinstance(begun, grievances.Begun)
    intake = begun.intake
    for event in (
        Choose(Step.CATEGORY, "theft"),
        Choose(Step.AREA, added[0].id),
        Choose(Step.WHEN, "this_week"),
        Text("They took the pump"),
    ):
        intake, _ = await grievances.apply(rt, m.id, intake, event)
    _, (done,) = await grievances.apply(rt, m.id, intake, Confirm(), review=intake.review)
    assert isinstance(done, Done)
    assert await grievances.retire_area(rt, site.dialogue_id, added[0].id)
    assert await grievances.file(rt, m.id, m.telegram_id, site.dialogue_id, done.draft) is (
        NotFiled.CHANGED
    )
    async with rt.db.read() as tx:
        assert await tx.grievances.count(site.dialogue_id) == 0
        assert await tx.conversations.get(m.id) is None
    assert filed_today(rt, m.telegram_id) == 0
    assert m.id not in rt.intake_drafts and m.id not in rt.memory_steps


async def test_someone_who_left_the_dialogue_files_nothing(rt: Runtime, site: Site) -> None:
    m = site.member
    draft = await _draft(rt, m.id, m.telegram_id, site.dialogue_id)
    async with rt.db.transaction() as tx:
        await tx.conn.execute("DELETE FROM memberships WHERE person_id = ?", (m.id,))
    assert await grievances.file(rt, m.id, m.telegram_id, site.dialogue_id, draft) is (
        NotFiled.CHANGED
    )


async def test_the_daily_count_and_the_intake_never_reach_the_disk(
    rt: Runtime, site: Site, clock: Clock
) -> None:
    m = site.member
    before = database_bytes(rt.settings.db_path)
    begun = await grievances.begin(rt, m.id, m.telegram_id, site.dialogue_id)
    assert isinstance(begun, grievances.Begun)
    assert database_bytes(rt.settings.db_path) == before  # the intake is in memory only
    assert (await conversations.current(rt, m.id)).flow == grievances.FLOW
    draft = await _draft(rt, m.id, m.telegram_id, site.dialogue_id)
    filed = await grievances.file(rt, m.id, m.telegram_id, site.dialogue_id, draft)
    assert isinstance(filed, grievances.Filed)
    assert filed_today(rt, m.telegram_id) == 1
    async with rt.db.read() as tx:
        tables = {r[0] for r in await tx.conn.execute_fetchall("SELECT name FROM sqlite_master")}
    assert not {t for t in tables if "limit" in t}
    assert not list(rt.settings.db_path.parent.glob("*.daily"))
    clock.advance(days=1)  # a new day: a new secret, and yesterday's counts are gone
    assert filed_today(rt, m.telegram_id) == 0 and rt.filed_today == {}
