"""A round's prompts to many participants under flood control: none lost, none twice."""

from __future__ import annotations

import time

from tests.e2e.conftest import World
from tests.e2e.steps import facilitated_dialogue, make_invite, settle


async def test_sixty_prompts_under_flood_control(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "No limit", "30 days")
    people = [sb.participant(f"p{i}", language_code=("en", "fr", "ar")[i % 3]) for i in range(60)]
    for person in people:
        await person.open_link(link)
    await settle(sb)
    for person in people:
        person.unread.clear()
    # Telegram's published limits: about 30 messages a second overall, 1 a second per chat.
    sb.flood_control(
        enabled=True,
        overall_per_second=30,
        overall_burst=30,
        per_chat_per_second=1,
        per_chat_burst=3,
        retry_after=1,
    )
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "What would build trust")
    await settle(sb)
    sb.stats.sends.clear()  # measure the wave alone
    started = time.monotonic()
    await facilitator.press(menu, "Open the round")
    await world.drained()
    elapsed = time.monotonic() - started
    for person in people:
        assert len(person.unread) == 1, (person.first_name, len(person.unread))
    # PTB's limiter is a bucket of 30 refilled at 30 a second, like the sandbox's: a burst of
    # 30, then 30 a second. Any 429 it met was retried, and nothing was lost or doubled.
    assert sb.stats.max_per_second() <= 60
    assert all(sb.stats.max_per_second(p.user_id) <= 1 for p in people)
    assert elapsed >= 0.9  # 61 messages cannot all go out at once
