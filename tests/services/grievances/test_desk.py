"""The facilitators' desk: pages, status, agenda, replies, and what each reader sees of the
agenda."""

from __future__ import annotations

from dataclasses import replace

from flows.conversations import Conversation
from flows.grievances.digest import Period
from flows.grievances.receipts import GrievanceStatus
from flows.roles import Role
from services import grievances
from services.grievances import ChangeStatus, DeskRefusal, SetAgenda
from services.runtime import Runtime
from tests.services.grievances.conftest import Clock, Site
from tests.services.grievances.helpers import file


async def _keys(rt: Runtime, dialogue_id: int) -> dict[str, str]:
    found: dict[str, str] = {}
    index = 0
    while (shown := await grievances.page(rt, dialogue_id, index)) is not None:
        if shown.index != index:
            break
        found[shown.grievance.category] = shown.grievance.key
        index += 1
    return found


async def test_pages_go_newest_first_and_clamp(rt: Runtime, site: Site, clock: Clock) -> None:
    assert await grievances.page(rt, site.dialogue_id, 0) is None
    await file(rt, site.member, site.dialogue_id, "theft")
    clock.advance(days=1)
    await file(rt, site.member, site.dialogue_id, "land")
    first = await grievances.page(rt, site.dialogue_id, 0)
    assert first is not None and first.grievance.category == "land" and first.total == 2
    past = await grievances.page(rt, site.dialogue_id, 9)
    assert past is not None and past.index == 1 and past.grievance.category == "theft"
    located = await grievances.locate(rt, site.dialogue_id, past.grievance.key)
    assert located == past
    assert await grievances.locate(rt, site.dialogue_id, "0" * 32) is None
    assert await grievances.locate(rt, site.dialogue_id, "not-a-key") is None


async def test_status_and_agenda_with_their_rules(rt: Runtime, site: Site) -> None:
    await file(rt, site.member, site.dialogue_id, "corruption", "Two thousand at the checkpoint")
    await file(rt, site.other, site.dialogue_id, "gbv", "A confidential report")
    keys = await _keys(rt, site.dialogue_id)
    d = site.dialogue_id
    done = await grievances.act(rt, d, keys["corruption"], ChangeStatus(GrievanceStatus.CLOSED))
    assert isinstance(done, grievances.Page) and done.grievance.status is GrievanceStatus.CLOSED
    assert done.total == 2
    on_agenda = ChangeStatus(GrievanceStatus.ON_AGENDA)
    assert await grievances.act(rt, d, keys["corruption"], on_agenda) is (
        DeskRefusal.ONLY_BY_AGENDA
    )
    assert await grievances.act(rt, d, keys["gbv"], SetAgenda(True)) is DeskRefusal.CONFIDENTIAL
    assert await grievances.act(rt, d, "f" * 32, SetAgenda(True)) is DeskRefusal.UNKNOWN
    assert await grievances.act(rt, d + 1, keys["corruption"], SetAgenda(True)) is (
        DeskRefusal.UNKNOWN
    )
    put = await grievances.act(rt, d, keys["corruption"], SetAgenda(True))
    assert isinstance(put, grievances.Page) and put.grievance.on_agenda
    assert put.grievance.status is GrievanceStatus.CLOSED  # a status set by hand stays
    located = await grievances.locate(rt, d, keys["corruption"])
    assert located is not None and located.grievance == put.grievance


async def test_who_reads_the_agenda(rt: Runtime, site: Site) -> None:
    await file(rt, site.member, site.dialogue_id, "corruption", "Two thousand at the checkpoint")
    await file(rt, site.other, site.dialogue_id, "gbv", "A confidential report")
    keys = await _keys(rt, site.dialogue_id)
    d = site.dialogue_id
    assert await grievances.agenda(rt, d, Role.POLICE) == []
    await grievances.act(rt, d, keys["corruption"], SetAgenda(True))
    # Even if a confidential one were on the agenda, only facilitators and staff would see it.
    async with rt.db.transaction() as tx:
        await tx.conn.execute("UPDATE grievances SET on_agenda = 1 WHERE key = ?", (keys["gbv"],))
    for role in (Role.POLICE, Role.OFFICIAL, Role.COMMUNITY, None):
        assert [g.category for g in await grievances.agenda(rt, d, role)] == ["corruption"]
    for role, staff in ((Role.FACILITATOR, False), (None, True), (Role.POLICE, True)):
        shown = await grievances.agenda(rt, d, role, staff=staff)
        assert sorted(g.category for g in shown) == ["corruption", "gbv"]


async def test_a_reply_is_asked_for_then_saved_and_the_step_ends(rt: Runtime, site: Site) -> None:
    await file(rt, site.member, site.dialogue_id, "land", "The chief sold our field twice")
    (key,) = (await _keys(rt, site.dialogue_id)).values()
    f, d = site.facilitator, site.dialogue_id
    assert not await grievances.ask_reply(rt, f.id, d, "0" * 32)
    assert await grievances.ask_reply(rt, f.id, d, key)
    async with rt.db.read() as tx:
        step = await tx.conversations.get(f.id)
    assert step == Conversation(grievances.REPLY_FLOW, "reply", {"dialogue": d, "grievance": key})
    assert await grievances.reply(rt, f.id, d, key, "   ") is DeskRefusal.BAD_REPLY
    async with rt.db.read() as tx:
        assert await tx.conversations.get(f.id) is not None  # still asked
    saved = await grievances.reply(rt, f.id, d, key, " The sale is cancelled. ")
    assert isinstance(saved, grievances.Page)
    assert saved.grievance.reply == "The sale is cancelled."
    async with rt.db.read() as tx:
        assert await tx.conversations.get(f.id) is None


async def test_the_digest_counts_with_small_counts_hidden(rt: Runtime, site: Site) -> None:
    view = await grievances.digest(rt, site.dialogue_id)
    assert view.total == 0 and view.dialogue_name == "Maradi" and view.alerts == []
    for i in range(5):
        await file(rt, site.member if i < 4 else site.other, site.dialogue_id, "theft", f"T {i}")
    await file(rt, site.other, site.dialogue_id, "land", "Land")
    view = await grievances.digest(rt, site.dialogue_id)
    assert view.total == 6
    lines = {line.key: line for line in view.digest.by_category.lines}
    assert lines["theft"].counts[Period.THIS_WEEK].value == 5
    assert lines["land"].counts[Period.THIS_WEEK].value is None  # below k
    # A total of 6 next to 5 thefts would give the single land report away.
    assert view.digest.by_category.total.counts[Period.THIS_WEEK].value is None


async def test_decoys_hide_one_more_count_by_a_secret_draw_the_same_all_day(
    rt: Runtime, site: Site
) -> None:
    for i in range(6):
        await file(rt, site.member if i < 4 else site.other, site.dialogue_id, "theft", f"T {i}")

    async def theft(share: float, secret: bytes = b"one secret") -> dict[Period, int | None]:
        rt.settings = replace(rt.settings, digest_decoys=share)
        rt.secret = secret
        view = await grievances.digest(rt, site.dialogue_id)
        line = next(x for x in view.digest.by_category.lines if x.key == "theft")
        return {p: c.value for p, c in line.counts.items()}

    plain = await theft(0.0)
    assert plain[Period.THIS_WEEK] == plain[Period.THIS_MONTH] == 6
    always = await theft(1.0)
    assert sum(v is None for v in always.values()) == sum(v is None for v in plain.values()) + 1
    assert await theft(1.0) == always  # the same digest all day
    # A quarter of the lines, drawn by the secret: some secrets hide, others do not.
    draws = [await theft(0.25, bytes([n])) for n in range(40)]
    assert plain in draws and any(d != plain for d in draws)
