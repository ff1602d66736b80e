"""Flood control and injected failures, seen through PTB's exceptions."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from sandbox import BotApiSandbox, VirtualParticipant


class Clock:
    """A monotonic clock the test moves by hand, so no test sleeps through a penalty."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(sb: BotApiSandbox) -> Clock:
    sb.limits.clock = fake = Clock()
    return fake


async def _started(sb: BotApiSandbox, *names: str) -> list[VirtualParticipant]:
    people = [sb.participant(name) for name in names]
    for person in people:
        await person.send("/start")
    return people


async def test_a_chat_over_its_rate_is_refused_until_retry_after_passed(
    sb: BotApiSandbox, bot: Bot, clock: Clock
) -> None:
    alice, bob = await _started(sb, "Alice", "Bob")
    sb.flood_control(per_chat_per_second=1.0, per_chat_burst=2, retry_after=2)
    await bot.send_message(alice.user_id, "1")
    await bot.send_message(alice.user_id, "2")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(alice.user_id, "3")
    assert refused.value.retry_after == dtm.timedelta(seconds=2)  # PTB_TIMEDELTA is on
    clock.now += 1.5  # a token is back, but the penalty still runs
    with pytest.raises(RetryAfter, match="Retry in 0:00:01"):
        await bot.send_message(alice.user_id, "3")
    await bot.send_message(bob.user_id, "other chats are not punished")
    clock.now += 0.5
    await bot.send_message(alice.user_id, "3")
    assert [m.plain_text for m in alice.inbox] == ["1", "2", "3"]
    assert sb.stats.rate_limited == 2 and sb.stats.responses[429] == 2


async def test_the_overall_rate_limits_all_chats_together(
    sb: BotApiSandbox, bot: Bot, clock: Clock
) -> None:
    people = await _started(sb, "A", "B", "C")
    sb.flood_control(overall_per_second=2, overall_burst=2)
    await bot.send_message(people[0].user_id, "x")
    await bot.send_message(people[1].user_id, "x")
    with pytest.raises(RetryAfter):
        await bot.send_message(people[2].user_id, "x")
    clock.now += 1
    await bot.send_message(people[2].user_id, "x")


async def test_groups_can_be_held_to_twenty_messages_a_minute(
    sb: BotApiSandbox, bot: Bot, clock: Clock
) -> None:
    (alice,) = await _started(sb, "Alice")
    group = sb.group("Council", members=[alice])
    sb.flood_control(per_chat_per_second=100, per_chat_burst=100, per_group_per_minute=20)
    for n in range(20):
        await bot.send_message(group.id, str(n))
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(group.id, "one too many")
    assert refused.value.retry_after >= dtm.timedelta(seconds=3)  # a token takes 3 s


async def test_flood_control_ignores_reads_and_can_be_switched_off(
    sb: BotApiSandbox, bot: Bot, clock: Clock
) -> None:
    (alice,) = await _started(sb, "Alice")
    sb.flood_control(per_chat_burst=1)
    await bot.send_message(alice.user_id, "1")
    for _ in range(5):
        await bot.get_chat(alice.user_id)
        await bot.send_chat_action(alice.user_id, "typing")
    with pytest.raises(RetryAfter):
        await bot.send_message(alice.user_id, "2")
    sb.flood_control(enabled=False)
    await bot.send_message(alice.user_id, "2")
    assert sb.stats.max_per_second(alice.user_id) == 2


async def test_injected_errors_hit_the_next_matching_calls_only(
    sb: BotApiSandbox, bot: Bot
) -> None:
    (alice,) = await _started(sb, "Alice")
    sb.inject_errors(2, status=503, methods={"sendMessage"})
    assert await bot.get_me()  # other methods are not affected
    for _ in range(2):
        with pytest.raises(NetworkError, match="Service Unavailable"):
            await bot.send_message(alice.user_id, "lost")
    await bot.send_message(alice.user_id, "arrives")
    sb.inject_errors(1)  # any method
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.get_me()
    assert sb.stats.injected_errors == 3
    assert [m.plain_text for m in alice.inbox] == ["arrives"]
    assert "bot ✗ sendMessage for Alice: 503 Service Unavailable" in sb.transcript


async def test_the_application_sees_retry_after_from_its_handlers(
    sb: BotApiSandbox, app: Application
) -> None:
    errors: list[TelegramError] = []

    async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert isinstance(context.error, TelegramError)
        errors.append(context.error)

    app.add_error_handler(record)
    sb.flood_control(per_chat_burst=1, retry_after=5)
    alice = sb.participant("Alice")
    await alice.send("/echo one")
    await alice.send("/echo two")
    await sb.settle(timeout=5)
    assert [m.plain_text for m in alice.inbox] == ["echo: one"]
    assert len(errors) == 1 and isinstance(errors[0], RetryAfter)
