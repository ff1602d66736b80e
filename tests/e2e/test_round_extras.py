"""Action items, deadlines, custom prompts and withdrawal rules, end to end."""

from __future__ import annotations

import sqlite3

from services import actions as action_cases
from services import rounds as round_cases
from tests.e2e.conftest import World
from tests.e2e.steps import choose_to_write, facilitated_dialogue, join, make_invite, settle


async def _dialogue_with(world: World, community: int = 2):
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "50 people", "30 days")
    people = []
    for i in range(community):
        person = sb.participant(f"member-{i}", language_code="en")
        await join(sb, person, link, "en")
        people.append(person)
    await settle(sb)
    for p in people:
        p.unread.clear()
    return facilitator, people


async def test_action_items_are_listed_checked_when_due_and_announced(world: World) -> None:
    sb = world.sandbox
    facilitator, people = await _dialogue_with(world)
    await facilitator.send("/action")
    await facilitator.expect(contains="What is the action")
    await facilitator.send_photo()
    assert "What is the action" in (await facilitator.expect()).plain_text
    await facilitator.send("Repair the street lights on the market road")
    owner = await facilitator.expect(contains="Who owns it")
    await facilitator.press(owner, "Officials")
    await settle(sb)
    await facilitator.press(owner, "in 7 days")
    await settle(sb)
    assert "Action item added" in owner.plain_text
    await people[0].send("/actions")
    listing = (await people[0].expect()).plain_text
    assert "Repair the street lights" in listing and "Officials" in listing
    # A participant cannot answer for the facilitators.
    with sqlite3.connect(world.db_path) as conn:
        action_id = conn.execute("SELECT id FROM action_items").fetchone()[0]
    await people[0].press_data(people[0].inbox[-1], f"act:s:{action_id}:done")
    await settle(sb)
    assert people[0].toasts
    # Not due yet: nobody is asked.
    assert await action_cases.ask_for_status(world.runtime) == 0
    world.clock.advance(days=7)
    assert await action_cases.ask_for_status(world.runtime) == 1
    assert await action_cases.ask_for_status(world.runtime) == 0  # once a day
    await world.drained()
    question = await facilitator.expect(contains="due")
    await facilitator.press(question, "done")
    await world.drained()
    for p in people:
        assert "is done" in (await p.expect()).plain_text
    await people[1].send("/actions")
    assert "done" in (await people[1].expect()).plain_text


async def test_deadlines_move_a_round_on_by_themselves(world: World) -> None:
    sb = world.sandbox
    facilitator, people = await _dialogue_with(world)
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "The most pressing security problem")
    await settle(sb)
    await facilitator.press(menu, "Moderation on/off")
    await settle(sb)
    assert "Deadline for moderation" not in [text for text, _ in menu.buttons]
    await facilitator.press(menu, "Deadline for collecting")
    await settle(sb)
    assert "collecting: 1 day;" in menu.plain_text and "voting: none" in menu.plain_text
    await settle(sb)
    await facilitator.press(menu, "Open the round")
    await world.drained()
    await people[0].expect(contains="New dialogue round")
    await choose_to_write(people[0])
    await people[0].send("Our statement")
    await people[0].expect(contains="saved")
    world.clock.advance(hours=23)
    assert await round_cases.advance_due(world.runtime) == []
    world.clock.advance(hours=1)
    moved = await round_cases.advance_due(world.runtime)
    assert [m.round.phase.value for m in moved] == ["voting"]  # moderation was off
    await world.drained()
    card = next(m for m in people[1].inbox if any(d.startswith("vote:") for _, d in m.buttons))
    # Two members: fewer than k share the author's group, so it is not named.
    assert "Our statement" in card.plain_text and "A participant said:" in card.plain_text


async def test_custom_prompt_and_late_statements(world: World) -> None:
    sb = world.sandbox
    facilitator, people = await _dialogue_with(world)
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "Write my own question")
    await facilitator.expect(contains="Type the question")
    await facilitator.send("What should the market committee change?")
    settings = await facilitator.expect(contains="market committee")
    await facilitator.press(settings, "Add a version in French")
    await facilitator.expect(contains="French")
    await facilitator.send("Que devrait changer le comité du marché ?")
    settings = await facilitator.expect(contains="comité")
    await facilitator.press(settings, "Police")  # untick police: community and officials only
    await settle(sb)
    await facilitator.press(settings, "Open the round")
    await world.drained()
    assert "market committee" in (await people[0].expect()).plain_text
    # Another round cannot be opened while this one is open.
    await facilitator.send("/round")
    assert "already open" in (await facilitator.expect()).plain_text
    await facilitator.send("/next")
    await facilitator.expect()
    await people[0].send("Too late?")
    assert "not expecting" in (await people[0].expect()).plain_text
    await people[0].send("/mystatements")
    assert "No round is collecting" in (await people[0].expect()).plain_text
