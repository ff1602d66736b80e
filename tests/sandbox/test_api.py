"""The sandbox answers like Telegram: objects, errors and update semantics."""

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from sandbox import BotApiSandbox


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "sandbox_bot" and me.is_bot


async def test_wrong_token_is_unauthorized(sb: BotApiSandbox) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("777:wrong", base_url=sb.api_root + "/bot") as other:
            await other.get_me()


async def test_updates_and_offset_semantics(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice", language_code="fr")
    await alice.send("/start")
    await alice.send("hello")
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first] == ["/start", "hello"]
    assert first[0].message.entities[0].type == "bot_command"
    assert first[0].message.from_user.language_code == "fr"
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [u.update_id for u in first]
    confirmed = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert confirmed == ()
    await alice.send("later")
    assert [u.message.text for u in await bot.get_updates(offset=first[-1].update_id + 1)] == [
        "later"
    ]


async def test_long_polling_wakes_on_a_new_update(sb: BotApiSandbox, bot: Bot) -> None:
    import asyncio

    alice = sb.participant("Alice")
    poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
    await sb.until(lambda: sb.world.updates.polls == 1, "the poll waiting")
    assert not poll.done()
    await alice.send("ping")
    updates = await asyncio.wait_for(poll, 20)
    assert updates[0].message.text == "ping"


async def test_send_edit_delete_and_buttons(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    sent_by_alice = await alice.send("hi")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="v:yes")]])
    message = await bot.send_message(
        alice.user_id, "<b>Vote?</b>", parse_mode="HTML", reply_markup=keyboard
    )
    received = await alice.expect()
    assert received.plain_text == "Vote?" and received.buttons == [("Yes", "v:yes")]
    await bot.edit_message_text("Thanks", alice.user_id, message.message_id)
    assert received.plain_text == "Thanks" and received.buttons == []
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Thanks", alice.user_id, message.message_id)
    await bot.delete_message(alice.user_id, sent_by_alice.message_id)
    assert sent_by_alice.deleted
    with pytest.raises(BadRequest, match="not found"):
        await bot.delete_message(alice.user_id, sent_by_alice.message_id)


async def test_button_press_and_forged_data(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Agree", callback_data="a:1")]])
    await bot.send_message(alice.user_id, "Statement", reply_markup=keyboard)
    message = await alice.expect()
    await alice.press(message, "Agree")
    await alice.press_data(message, "forged:42")
    updates = await bot.get_updates(timeout=0)
    queries = [u.callback_query for u in updates if u.callback_query]
    assert [q.data for q in queries] == ["a:1", "forged:42"]
    assert queries[0].message.text == "Statement"
    await bot.answer_callback_query(queries[0].id, text="Noted")
    assert alice.toasts == ["Noted"]
    with pytest.raises(BadRequest, match="query"):
        await bot.answer_callback_query(queries[0].id)
    with pytest.raises(AssertionError):
        await alice.press(message, "Disagree")


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("", None, "empty"),
        ("x" * 4097, None, "too long"),
        ("<b>open", "HTML", "parse entities"),
        ("<blink>x</blink>", "HTML", "parse entities"),
        ("fish & chips", "HTML", "parse entities"),
        ("a < b", "HTML", "parse entities"),
    ],
)
async def test_text_validation(sb: BotApiSandbox, bot: Bot, text: str, parse_mode, error) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    with pytest.raises(BadRequest, match=error):
        await bot.send_message(alice.user_id, text, parse_mode=parse_mode)


async def test_exactly_4096_visible_characters_pass(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    await bot.send_message(alice.user_id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len((await alice.expect()).plain_text) == 4096


async def test_callback_data_over_64_bytes(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="é" * 32)]])
    await bot.send_message(alice.user_id, "fits", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data="é" * 32 + "x")]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(alice.user_id, "does not fit", reply_markup=too_long)


async def test_unknown_chat_never_started_and_blocked(sb: BotApiSandbox, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(424242, "hello")
    shy = sb.participant("Shy")
    with pytest.raises(Forbidden, match="initiate"):
        await bot.send_message(shy.user_id, "hello")
    await shy.send("/start")
    await bot.send_message(shy.user_id, "hello")
    shy.block()
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(shy.user_id, "again")
    await bot.get_updates(timeout=0)
    updates = await bot.get_updates(timeout=1, allowed_updates=["my_chat_member"])
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"


async def test_documents_keep_their_bytes(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    data = bytes(range(256)) * 10
    await bot.send_document(alice.user_id, data, filename="trust.xlsx", caption="Export")
    received = await alice.expect()
    assert received.kind == "document" and received.document == data
    assert received.filename == "trust.xlsx" and received.plain_text == "Export"


async def test_commands_are_stored_per_scope_and_language(sb: BotApiSandbox, bot: Bot) -> None:
    from telegram import BotCommand, BotCommandScopeAllPrivateChats

    await bot.set_my_commands(
        [BotCommand("aide", "Aide")], language_code="fr", scope=BotCommandScopeAllPrivateChats()
    )
    stored = await bot.get_my_commands(language_code="fr", scope=BotCommandScopeAllPrivateChats())
    assert [c.command for c in stored] == ["aide"]
    assert await bot.get_my_commands() == ()


async def test_flood_control_and_injected_errors(sb: BotApiSandbox, bot: Bot) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    sb.flood_control(enabled=True, per_chat_per_second=1, per_chat_burst=2, retry_after=3)
    await bot.send_message(alice.user_id, "1")
    await bot.send_message(alice.user_id, "2")
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(alice.user_id, "3")
    assert flood.value.retry_after.total_seconds() == 3
    assert sb.stats.rate_limited == 1
    sb.flood_control(enabled=False)
    sb.inject_errors(1, status=502, methods={"sendMessage"})
    with pytest.raises(NetworkError):
        await bot.send_message(alice.user_id, "4")
    await bot.send_message(alice.user_id, "5")
    assert sb.stats.injected_errors == 1
    assert [m.plain_text for m in alice.inbox] == ["1", "2", "5"]
    assert sb.stats.max_per_second(alice.user_id) >= 2


async def test_an_update_is_forgotten_only_once_a_later_poll_confirms_it(
    sb: BotApiSandbox, bot: Bot
) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [1] and len(sb.pending_updates) == 1
    assert sb.world.updates.last_id == 1
    await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert sb.pending_updates == []
