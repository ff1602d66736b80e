"""Action items through the use cases, on a real database: adding one step by step, asking
the facilitators when due, their answers, and who hears when an item is done."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flows.notices import ActionCheck, ActionDone
from flows.roles import Role
from flows.rounds.actions import ActionItem, ActionProblem, ActionStatus
from services import actions
from tests.services.round_place import Place, place


async def _item(p: Place, days: int = 7) -> ActionItem:
    item = await actions.add(p.rt, p.dialogue_id, "Repair the lights", Role.OFFICIAL, days)
    assert isinstance(item, ActionItem)
    return item


async def test_an_item_is_added_one_step_at_a_time(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        f = p.facilitator.id
        assert await actions.draft_of(p.rt, f) is None
        assert not await actions.choose_owner(p.rt, f, Role.POLICE)
        await actions.begin(p.rt, f, p.dialogue_id)
        draft = await actions.draft_of(p.rt, f)
        assert draft is not None and (draft.dialogue_id, draft.step) == (p.dialogue_id, "text")
        assert await actions.write_text(p.rt, f, p.dialogue_id, " \n ") is ActionProblem.EMPTY
        too_long = "x" * 301
        assert await actions.write_text(p.rt, f, p.dialogue_id, too_long) is (
            ActionProblem.TOO_LONG
        )
        assert await actions.write_text(p.rt, f, p.dialogue_id, " Joint  patrol ") is None
        # A due date before an owner (an older button): refused, the step stays.
        assert await actions.choose_due(p.rt, f, 7) is ActionProblem.NOT_OFFERED
        assert await actions.draft_of(p.rt, f) is not None
        assert await actions.choose_owner(p.rt, f, Role.POLICE)
        item = await actions.choose_due(p.rt, f, 14)
        assert isinstance(item, ActionItem)
        assert (item.text, item.owner, item.due_on) == (
            "Joint patrol",
            Role.POLICE,
            p.rt.today() + timedelta(days=14),
        )
        assert await actions.draft_of(p.rt, f) is None
        assert await actions.of_dialogue(p.rt, p.dialogue_id) == [item]
        assert await actions.get(p.rt, item.id) == item


async def test_a_due_date_that_is_not_offered_ends_the_step(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        f = p.facilitator.id
        await actions.begin(p.rt, f, p.dialogue_id)
        await actions.write_text(p.rt, f, p.dialogue_id, "Patrol")
        await actions.choose_owner(p.rt, f, Role.POLICE)
        assert await actions.choose_due(p.rt, f, 5) is ActionProblem.NOT_OFFERED
        assert await actions.draft_of(p.rt, f) is None
        assert await actions.of_dialogue(p.rt, p.dialogue_id) == []
        assert await actions.add(p.rt, p.dialogue_id, "Patrol", Role.POLICE, 5) is (
            ActionProblem.NOT_OFFERED
        )


async def test_facilitators_are_asked_once_a_day_from_the_due_date(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        item = await _item(p, days=7)
        assert await actions.ask_for_status(p.rt) == 0
        p.clock.advance(days=7)
        assert await actions.ask_for_status(p.rt) == 2  # two facilitators
        assert await actions.ask_for_status(p.rt) == 0
        day = p.rt.today()
        assert [n for n in await p.notices() if isinstance(n, ActionCheck)] == [
            ActionCheck(f.id, item.id, day) for f in p.people[Role.FACILITATOR]
        ]
        stored = await actions.get(p.rt, item.id)
        assert stored is not None and stored.checked_on == day
        p.clock.advance(days=1)
        assert await actions.ask_for_status(p.rt) == 2  # overdue: asked again the next day
        allowed = {p.dialogue_id}
        await actions.answer_status(p.rt, allowed, item.id, ActionStatus.DROPPED)
        p.clock.advance(days=1)
        assert await actions.ask_for_status(p.rt) == 0  # finished items are not asked about


async def test_answers_are_checked_and_done_is_announced_once(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        item = await _item(p)
        mine, other = {p.dialogue_id}, {p.dialogue_id + 1}
        answer = actions.answer_status
        assert await answer(p.rt, other, item.id, ActionStatus.DONE) is ActionProblem.NOT_ALLOWED
        assert await answer(p.rt, mine, "nope", ActionStatus.DONE) is ActionProblem.NOT_ALLOWED
        assert await answer(p.rt, mine, item.id, ActionStatus.OPEN) is ActionProblem.NOT_OFFERED
        assert await answer(p.rt, mine, item.id, ActionStatus.IN_PROGRESS) == item
        assert await p.notices() == []
        answered = await answer(p.rt, mine, item.id, ActionStatus.DONE)
        assert isinstance(answered, ActionItem) and answered.status is ActionStatus.IN_PROGRESS
        everyone = sorted(person.id for person in p.everyone())
        assert await p.notices() == [ActionDone(person_id, item.id) for person_id in everyone]
        again = await answer(p.rt, mine, item.id, ActionStatus.DONE)  # a second press
        assert isinstance(again, ActionItem) and again.status is ActionStatus.DONE
        assert len(await p.notices()) == len(everyone)
        # Done may only be reopened, never dropped straight away.
        assert await answer(p.rt, mine, item.id, ActionStatus.DROPPED) is (
            ActionProblem.NOT_ALLOWED
        )
