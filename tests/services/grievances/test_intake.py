"""The intake as a use case: it lives in memory only (never a database row, so no commit pairs a
grievance with its author), a restart loses it, /cancel and a new /grievance leave nothing
behind."""

from __future__ import annotations

from pathlib import Path

from flows.grievances.intake_events import (
    Ask,
    Cancel,
    Cancelled,
    Choose,
    Confirm,
    Done,
    Edit,
    Refusal,
    Refuse,
    Step,
    Text,
)
from services import grievances
from services.runtime import Runtime
from tests.services.grievances.conftest import Clock, Site, database_bytes, runtime

SECRET = "The officers at the bridge took my phone"


async def _to_review(rt: Runtime, site: Site) -> grievances.Intake:
    begun = await grievances.begin(rt, site.member.id, site.member.telegram_id, site.dialogue_id)
    assert isinstance(begun, grievances.Begun)
    intake = begun.intake
    for event, message_id in (
        (Choose(Step.CATEGORY, "police_conduct"), None),
        (Choose(Step.WHEN, "this_week"), None),
        (Text(SECRET), 41),
    ):
        intake, _effects = await grievances.apply(rt, site.member.id, intake, event, message_id)
    assert intake.state.step is Step.REVIEW
    return intake


async def test_begin_asks_the_first_question_and_keeps_a_conversation(
    rt: Runtime, site: Site
) -> None:
    begun = await grievances.begin(rt, site.member.id, site.member.telegram_id, site.dialogue_id)
    assert isinstance(begun, grievances.Begun)
    (ask,) = begun.effects
    assert isinstance(ask, Ask) and ask.step is Step.CATEGORY
    assert "police_conduct" in ask.choices
    opened = await grievances.open_intake(rt, site.member.id)
    assert opened == begun.intake and opened.dialogue_id == site.dialogue_id
    assert await grievances.open_intake(rt, site.other.id) is None


async def test_the_description_stays_out_of_the_database(
    rt: Runtime, site: Site, tmp_path: Path
) -> None:
    intake = await _to_review(rt, site)
    assert intake.messages == (41,)
    assert rt.intake_drafts[site.member.id].description == SECRET
    async with rt.db.read() as tx:
        assert await tx.conversations.get(site.member.id) is None  # not even the step
    conversation = rt.memory_steps[site.member.id]
    assert conversation.flow == grievances.FLOW
    assert SECRET not in str(conversation.payload)
    assert SECRET.encode() not in database_bytes(tmp_path / "palabre.db")
    # Read back in this process, the draft is whole.
    again = await grievances.open_intake(rt, site.member.id)
    assert again is not None and again.state.description == SECRET


async def test_after_a_restart_the_intake_is_gone(
    rt: Runtime, site: Site, tmp_path: Path, clock: Clock
) -> None:
    await _to_review(rt, site)
    restarted = runtime(tmp_path, rt.db, clock)  # a new process: nothing in memory
    assert await grievances.open_intake(restarted, site.member.id) is None
    async with rt.db.read() as tx:
        assert await tx.conversations.get(site.member.id) is None


async def test_confirm_hands_over_the_draft_without_storing_anything(
    rt: Runtime, site: Site
) -> None:
    intake = await _to_review(rt, site)
    _moved, effects = await grievances.apply(
        rt, site.member.id, intake, Confirm(), review=intake.review
    )
    (done,) = effects
    assert isinstance(done, Done) and done.draft.description == SECRET
    async with rt.db.read() as tx:
        assert await tx.grievances.count(site.dialogue_id) == 0
    assert rt.memory_steps[site.member.id].flow == grievances.FLOW  # filing ends it


async def test_cancel_keeps_nothing(rt: Runtime, site: Site) -> None:
    intake = await _to_review(rt, site)
    _moved, effects = await grievances.apply(rt, site.member.id, intake, Cancel())
    assert effects == (Cancelled(),)
    assert site.member.id not in rt.intake_drafts
    assert await grievances.open_intake(rt, site.member.id) is None


async def test_screens_are_remembered_and_discard_returns_what_to_delete(
    rt: Runtime, site: Site
) -> None:
    intake = await _to_review(rt, site)
    intake = await grievances.shown(rt, site.member.id, intake, 50)
    intake = await grievances.shown(rt, site.member.id, intake, 51)
    conversation = rt.memory_steps[site.member.id]
    assert grievances.discard(rt, site.member.id, conversation) == (41, 50, 51)
    assert site.member.id not in rt.intake_drafts


async def test_forget_draft_drops_the_description(rt: Runtime, site: Site) -> None:
    await _to_review(rt, site)
    grievances.forget_draft(rt, site.member.id)
    assert site.member.id not in rt.intake_drafts
    assert site.member.id not in rt.memory_steps
    assert await grievances.open_intake(rt, site.member.id) is None


async def test_a_confirm_must_name_the_latest_review(rt: Runtime, site: Site) -> None:
    intake = await _to_review(rt, site)
    assert intake.review is not None and len(intake.review) == 12
    for token in (None, "", "0" * 12):
        kept, effects = await grievances.apply(rt, site.member.id, intake, Confirm(), review=token)
        assert effects == (Refuse(Refusal.STALE_BUTTON),) and kept == intake
    edited, _ = await grievances.apply(rt, site.member.id, intake, Edit(Step.DESCRIPTION))
    again, _ = await grievances.apply(rt, site.member.id, edited, Text("Another account"), 10)
    assert again.review not in (None, intake.review)
    _, effects = await grievances.apply(rt, site.member.id, again, Confirm(), review=intake.review)
    assert effects == (Refuse(Refusal.STALE_BUTTON),)
    _, (done,) = await grievances.apply(rt, site.member.id, again, Confirm(), review=again.review)
    assert isinstance(done, Done) and done.draft.description == "Another account"
