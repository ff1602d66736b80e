"""getUpdates as Telegram does it: long polling, offsets, limits, filters, conflicts."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot
from telegram.error import Conflict

from sandbox import BotApiSandbox
from tests.sandbox.conftest import TOKEN


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.username, me.first_name, me.id, me.is_bot) == ("sandbox_bot", "Palabre", 777, True)
    assert me.can_join_groups and not me.can_read_all_group_messages
    assert not me.supports_inline_queries and bot.username == "sandbox_bot"


async def test_a_waiting_long_poll_answers_as_soon_as_a_message_arrives(
    sb: BotApiSandbox, bot: Bot
) -> None:
    alice = sb.participant("Alice")
    poll = asyncio.create_task(bot.get_updates(timeout=60, read_timeout=90))
    await sb.until(lambda: sb.world.updates.polls == 1, "the poll waiting")
    assert not poll.done()  # nothing to deliver yet: the poll waits
    started = time.monotonic()
    await alice.send("hello")
    updates = await poll
    assert time.monotonic() - started < 30  # long before the poll's own 60 s were up
    assert [u.message.text for u in updates if u.message] == ["hello"]
    assert updates[0].message.from_user.first_name == "Alice"
    assert updates[0].message.chat.type == "private"


async def test_an_empty_long_poll_lasts_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9  # it waited (however busy the machine)


async def test_confirmed_updates_are_never_delivered_again(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    for text in ("one", "two", "three"):
        await alice.send(text)
    first = await bot.get_updates()
    assert [u.message.text for u in first] == ["one", "two", "three"]
    assert [u.update_id for u in first] == sorted({u.update_id for u in first})
    again = await bot.get_updates()  # no offset: nothing is confirmed
    assert [u.update_id for u in again] == [u.update_id for u in first]
    rest = await bot.get_updates(offset=first[1].update_id)  # confirms "one" only
    assert [u.message.text for u in rest] == ["two", "three"]
    assert await bot.get_updates(offset=first[-1].update_id + 1) == ()
    await alice.send("four")
    later = await bot.get_updates(offset=first[0].update_id)  # an old offset confirms nothing
    assert [u.message.text for u in later] == ["four"]
    assert later[0].update_id == first[-1].update_id + 1
    assert sb.pending_updates and sb.pending_updates[0]["update_id"] == later[0].update_id


async def test_negative_offset_keeps_only_the_last_updates(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    for text in ("a", "b", "c"):
        await alice.send(text)
    assert [u.message.text for u in await bot.get_updates(offset=-1)] == ["c"]
    assert [u.message.text for u in await bot.get_updates()] == ["c"]  # the others are gone


async def test_limit_caps_a_batch(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    for n in range(5):
        await alice.send(str(n))
    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["0", "1"]


async def test_allowed_updates_are_remembered_across_calls(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    await bot.get_updates(allowed_updates=["callback_query"])
    await alice.send("ignored text")  # a message: filtered out from now on
    updates = await bot.get_updates()  # no allowed_updates: the filter stays
    assert [u.message.text for u in updates if u.message] == ["/start"]
    await bot.get_updates(offset=updates[-1].update_id + 1, allowed_updates=[])  # default again
    await alice.send("seen")
    assert [u.message.text for u in await bot.get_updates()] == ["seen"]


async def test_a_second_bot_instance_terminates_the_first_poll_with_409(
    bot: Bot, sb: BotApiSandbox
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
    await sb.until(lambda: sb.world.updates.polls == 1, "the first poll waiting")
    async with Bot(TOKEN, base_url=sb.api_root + "/bot") as twin:
        second = asyncio.create_task(twin.get_updates(timeout=30, read_timeout=40))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 20)
        assert sb.world.updates.polls == 2
        assert not second.done()  # the newest poll is the one that keeps waiting
        await sb.release_pollers()
        assert await asyncio.wait_for(second, 1) == ()


async def test_delete_webhook_can_drop_pending_updates(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("old news")
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=False)
    assert len(sb.pending_updates) == 1
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert sb.pending_updates == [] and await bot.get_updates() == ()
