"""Virtual participants and groups: the updates they produce and what they read."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.error import Forbidden

from sandbox import BotApiSandbox


async def _updates(bot: Bot) -> tuple[Update, ...]:
    """Everything pending, confirmed at once (so the next call sees only new updates)."""
    updates = await bot.get_updates()
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1)
    return updates


async def test_user_ids_are_unique_and_users_complete(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice", language_code="ar", last_name="Diallo", username="alice_d")
    bob = sb.participant("Bob", language_code=None)
    assert alice.user_id != bob.user_id
    await alice.send("salam")
    await bob.send("hi")
    first, second = await _updates(bot)
    sender = first.message.from_user
    assert (sender.id, sender.first_name, sender.last_name) == (alice.user_id, "Alice", "Diallo")
    assert (sender.username, sender.language_code, sender.is_bot) == ("alice_d", "ar", False)
    assert second.message.from_user.language_code is None
    assert first.message.chat.id == alice.user_id and first.message.date.year >= 2024


async def test_commands_get_bot_command_entities(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send(f"/vote@{sb.bot_username} now")
    await alice.send("no command here, or /help in the middle")
    first, second = await _updates(bot)
    assert first.message.parse_entities() == {first.message.entities[0]: "/vote@sandbox_bot"}
    assert list(second.message.parse_entities().values()) == ["/help"]


async def test_open_link_sends_start_with_its_code(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.open_link(f"https://t.me/{sb.bot_username}?start=Inv1te_code-42")
    await alice.open_link(f"https://t.me/{sb.bot_username}")
    first, second = await _updates(bot)
    assert (first.message.text, second.message.text) == ("/start Inv1te_code-42", "/start")
    with pytest.raises(AssertionError, match="not a link to @sandbox_bot"):
        await alice.open_link("https://t.me/other_bot?start=abc")
    with pytest.raises(AssertionError, match="drop the start parameter"):
        await alice.open_link(f"https://t.me/{sb.bot_username}?start=has spaces")


async def test_media_updates_parse_and_their_files_download(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send_photo(caption="the market")
    await alice.send_voice()
    await alice.send_sticker()
    await alice.send_location(13.5, 2.1)
    await alice.send_document(b"%PDF-1.4 report", "report.pdf")
    photo, voice, sticker, location, document = (u.message for u in await _updates(bot))
    assert photo.photo[-1].width == 320 and photo.caption == "the market"
    assert voice.voice.mime_type == "audio/ogg" and voice.voice.duration.total_seconds() == 3
    assert sticker.sticker.type == "regular" and not sticker.sticker.is_animated
    assert (location.location.latitude, location.location.longitude) == (13.5, 2.1)
    assert document.document.file_name == "report.pdf"
    assert document.document.mime_type == "application/pdf"
    picture = await (await bot.get_file(photo.photo[-1].file_id)).download_as_bytearray()
    assert bytes(picture).startswith(b"\x89PNG")
    assert [m.kind for m in alice.sent] == ["photo", "voice", "sticker", "location", "document"]


async def test_editing_ones_message_emits_edited_message(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    said = await alice.send("Tilaberi")
    await alice.edit(said, "Tillabéri")
    original, edited = await _updates(bot)
    assert edited.edited_message.message_id == original.message.message_id
    assert edited.edited_message.text == "Tillabéri" and edited.edited_message.edit_date
    assert said.text == "Tillabéri" and said.edits == ["Tilaberi"]


async def test_expect_consumes_in_order_and_explains_failures(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    for text in ("first", "second", "third"):
        await bot.send_message(alice.user_id, text)
    assert (await alice.expect(contains="fir")).plain_text == "first"
    with pytest.raises(AssertionError, match="expected a message containing 'zzz', got: 'second'"):
        await alice.expect(contains="zzz")
    assert [m.plain_text for m in alice.unread] == ["third"]
    assert [m.plain_text for m in alice.inbox] == ["first", "second", "third"]
    await alice.expect()
    with pytest.raises(AssertionError, match=r"got no new message in 0.05s.*'third'"):
        await alice.expect(timeout=0.05)
    with pytest.raises(AssertionError, match="after 0 of 2 messages"):
        await alice.expect_many(2, timeout=0.05)


async def test_expect_wakes_when_the_message_arrives(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    waiting = asyncio.create_task(alice.expect_many(2, timeout=2))
    await asyncio.sleep(0.05)
    await bot.send_message(alice.user_id, "one")
    await bot.send_message(alice.user_id, "two")
    assert [m.plain_text for m in await waiting] == ["one", "two"]


async def test_press_finds_buttons_by_text_or_unique_part(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("English", callback_data="l:en")],
            [InlineKeyboardButton("Français", callback_data="l:fr")],
            [InlineKeyboardButton("Français (Niger)", callback_data="l:fr-ne")],
            [InlineKeyboardButton("Website", url="https://example.org")],
        ]
    )
    await bot.send_message(alice.user_id, "Language?", reply_markup=keyboard)
    menu = await alice.expect()
    await alice.press(menu, "Français")  # exact match wins over the longer one
    await alice.press(menu, "niger")
    with pytest.raises(AssertionError, match="several buttons match 'Fr'"):
        await alice.press(menu, "Fr")
    with pytest.raises(AssertionError, match="not a callback button"):
        await alice.press(menu, "Website")
    queries = [u.callback_query for u in await _updates(bot)][1:]
    assert [q.data for q in queries] == ["l:fr", "l:fr-ne"]
    assert queries[0].message.reply_markup.inline_keyboard[0][0].text == "English"
    assert queries[0].from_user.id == alice.user_id and queries[0].chat_instance
    await bot.delete_message(alice.user_id, menu.message_id)
    with pytest.raises(AssertionError, match="the message is gone"):
        await alice.press(menu, "English")


async def test_blocking_is_reported_and_enforced(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    await _updates(bot)
    alice.block()
    (kicked,) = await _updates(bot)
    change = kicked.my_chat_member
    assert change.old_chat_member.status == ChatMemberStatus.MEMBER
    assert change.new_chat_member.status == ChatMemberStatus.BANNED
    assert change.new_chat_member.user.id == bot.id and change.from_user.id == alice.user_id
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(alice.user_id, "are you there?")
    await alice.send("/start")  # Telegram's Restart button unblocks, then sends
    back, start = await _updates(bot)
    assert back.my_chat_member.new_chat_member.status == ChatMemberStatus.MEMBER
    assert start.message.text == "/start" and not alice.blocked
    await bot.send_message(alice.user_id, "welcome back")
    assert (await alice.expect()).plain_text == "welcome back"
    assert "Alice blocked the bot" in sb.transcript and "Alice unblocked the bot" in sb.transcript


async def test_groups_run_in_privacy_mode(sb: BotApiSandbox, bot: Bot) -> None:
    alice, bob = sb.participant("Alice"), sb.participant("Bob")
    group = sb.group("Village council", members=[alice, bob])
    assert group.id < 0
    await alice.send("just chatting", chat=group)  # not for the bot
    await bob.send("/start@other_bot", chat=group)  # for another bot
    await alice.send("/start", chat=group)
    added, service, command = await _updates(bot)
    assert added.my_chat_member.new_chat_member.status == ChatMemberStatus.MEMBER
    assert added.my_chat_member.chat.type == "group"
    assert service.message.new_chat_members[0].id == bot.id
    assert command.message.text == "/start" and command.message.chat.title == "Village council"
    reply = await bot.send_message(group.id, "Let us talk in private")
    await alice.send("ok, thanks", chat=group, reply_to=group.inbox[0])  # replies reach the bot
    (answer,) = await _updates(bot)
    assert answer.message.reply_to_message.message_id == reply.message_id
    assert [m.plain_text for m in group.inbox] == ["Let us talk in private"]
    assert alice.inbox == [] and not alice.started  # a group message opens no private chat
    with pytest.raises(AssertionError, match="not a member"):
        await sb.participant("Carol").send("hi", chat=group)


async def test_the_transcript_reads_like_the_conversation(sb: BotApiSandbox, bot: Bot) -> None:
    seen: list[str] = []
    sb.on_event(seen.append)
    alice = sb.participant("Alice")
    await alice.send("/start")
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("English", callback_data="en"),
                InlineKeyboardButton("العربية", callback_data="ar"),
            ]
        ]
    )
    await bot.send_message(
        alice.user_id, "<b>Welcome</b>\nChoose:", parse_mode="HTML", reply_markup=keyboard
    )
    await alice.press(await alice.expect(), "English")
    assert (
        sb.transcript
        == seen
        == [
            "Alice → /start",
            "bot → Alice: Welcome\n    Choose:\n    [English] [العربية]",
            "Alice pressed [English]",
        ]
    )
    later: list[str] = []
    sb.on_event = later.append  # assignment works too
    await alice.send("bye")
    assert later == ["Alice → bye"] and str(alice.user_id) not in "\n".join(sb.transcript)
