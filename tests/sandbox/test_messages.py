"""Sending, editing and deleting, with the checks Telegram makes."""

from __future__ import annotations

import re

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    ReplyParameters,
)
from telegram.error import BadRequest, Forbidden

from sandbox import BotApiSandbox, VirtualParticipant
from sandbox.media import tiny_png
from tests.sandbox.conftest import TOKEN


@pytest.fixture
async def alice(sb: BotApiSandbox) -> VirtualParticipant:
    person = sb.participant("Alice", language_code="fr")
    await person.send("/start")
    return person


async def test_html_is_parsed_into_text_and_utf16_entities(
    bot: Bot, alice: VirtualParticipant
) -> None:
    sent = await bot.send_message(
        alice.user_id, "😀 <b>bold</b> &amp; <a href='https://t.me/x'>link</a>", parse_mode="HTML"
    )
    assert sent.text == "😀 bold & link"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        (MessageEntity.BOLD, 3, 4),  # the emoji counts two UTF-16 units
        (MessageEntity.TEXT_LINK, 10, 4),
    ]
    assert sent.entities[1].url == "https://t.me/x"
    received = await alice.expect()
    assert received.plain_text == sent.text and received.parse_mode == "HTML"
    assert "<b>bold</b>" in received.text  # what the bot sent is kept too


async def test_length_is_counted_after_parsing_and_trimming(
    bot: Bot, alice: VirtualParticipant
) -> None:
    await bot.send_message(alice.user_id, "&amp;" * 4096, parse_mode="HTML")
    assert (await alice.expect()).plain_text == "&" * 4096
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(alice.user_id, "<b>  </b>\n", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await bot.send_document(alice.user_id, b"x", filename="a.txt", caption="c" * 1025)


@pytest.mark.parametrize(
    ("button", "error"),
    [
        ({"text": "Only text"}, "Text buttons are unallowed"),
        ({"text": "Two", "callback_data": "a", "url": "https://t.me"}, "exactly one"),
        ({"text": "Bad link", "url": "not a url"}, "is invalid"),
        ({"text": "", "callback_data": "a"}, "BUTTON_TEXT_INVALID"),
        ({"text": "Empty data", "callback_data": ""}, "BUTTON_DATA_INVALID"),
    ],
)
async def test_malformed_buttons_are_refused(
    sb: BotApiSandbox, alice: VirtualParticipant, button: dict, error: str
) -> None:
    body = {"chat_id": alice.user_id, "text": "x", "reply_markup": {"inline_keyboard": [[button]]}}
    async with httpx.AsyncClient() as client:  # PTB would not even build these buttons
        answer = await client.post(f"{sb.api_root}/bot{TOKEN}/sendMessage", json=body)
    assert answer.status_code == 400
    assert re.search(f"(?i){error}", answer.json()["description"])
    assert alice.inbox == []


async def test_edits_are_checked_and_applied_in_place(bot: Bot, alice: VirtualParticipant) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(alice.user_id, "Question", reply_markup=keyboard)
    received = await alice.expect()
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await bot.edit_message_text(
            "Question", alice.user_id, sent.message_id, reply_markup=keyboard
        )
    other = InlineKeyboardMarkup([[InlineKeyboardButton("B", callback_data="b")]])
    await bot.edit_message_reply_markup(alice.user_id, sent.message_id, reply_markup=other)
    assert received.buttons == [("B", "b")]
    edited = await bot.edit_message_text(
        "<i>Answered</i>", alice.user_id, sent.message_id, parse_mode="HTML"
    )
    assert edited.edit_date is not None and edited.reply_markup is None
    assert received.plain_text == "Answered" and received.edits == ["Question"]
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", alice.user_id, 999)
    with pytest.raises(BadRequest, match="(?i)can't be edited"):
        await bot.edit_message_text("x", alice.user_id, alice.sent[0].message_id)


async def test_the_bot_may_delete_both_sides_of_a_private_chat(
    sb: BotApiSandbox, bot: Bot, alice: VirtualParticipant
) -> None:
    mine = await bot.send_message(alice.user_id, "Temporary")
    shown = await alice.expect()
    assert await bot.delete_message(alice.user_id, mine.message_id)
    assert await bot.delete_message(alice.user_id, alice.sent[0].message_id)
    assert shown.deleted and alice.sent[0].deleted
    assert sb.deleted == [shown, alice.sent[0]]
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await bot.delete_message(alice.user_id, mine.message_id)
    assert any("deleted Alice's message" in line for line in sb.transcript)


async def test_a_message_older_than_48_hours_cannot_be_deleted(
    sb: BotApiSandbox, bot: Bot, alice: VirtualParticipant
) -> None:
    old = await bot.send_message(alice.user_id, "Sent two days ago")
    shown = await alice.expect()
    shown.date -= 48 * 3600  # as if sent 48 hours ago
    with pytest.raises(BadRequest, match="(?i)can't be deleted for everyone"):
        await bot.delete_message(alice.user_id, old.message_id)
    assert not shown.deleted
    await bot.edit_message_text("Edited instead", alice.user_id, old.message_id)
    assert shown.plain_text == "Edited instead"


async def test_in_groups_the_bot_deletes_only_its_own_messages(
    sb: BotApiSandbox, bot: Bot, alice: VirtualParticipant
) -> None:
    group = sb.group("Council", members=[alice])
    said = await alice.send("/start", chat=group)
    with pytest.raises(BadRequest, match="(?i)can't be deleted"):
        await bot.delete_message(group.id, said.message_id)
    own = await bot.send_message(group.id, "Hello council")
    assert await bot.delete_message(group.id, own.message_id)
    assert group.inbox[0].deleted


async def test_replies_must_point_at_an_existing_message(
    bot: Bot, alice: VirtualParticipant
) -> None:
    anchor = alice.sent[0]
    reply = await bot.send_message(
        alice.user_id, "About that", reply_parameters=ReplyParameters(anchor.message_id)
    )
    assert reply.reply_to_message is not None and reply.reply_to_message.text == "/start"
    with pytest.raises(BadRequest, match="(?i)replied not found"):
        await bot.send_message(alice.user_id, "x", reply_parameters=ReplyParameters(999))
    tolerant = ReplyParameters(999, allow_sending_without_reply=True)
    assert (await bot.send_message(alice.user_id, "ok", reply_parameters=tolerant)).text == "ok"


async def test_answer_callback_query_only_once_and_only_for_real_queries(
    sb: BotApiSandbox, bot: Bot, alice: VirtualParticipant
) -> None:
    with pytest.raises(BadRequest, match="(?i)query id is invalid"):
        await bot.answer_callback_query("123")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    await bot.send_message(alice.user_id, "Ready?", reply_markup=keyboard)
    query_id = await alice.press(await alice.expect(), "Go")
    with pytest.raises(BadRequest, match="(?i)message_too_long"):
        await bot.answer_callback_query(query_id, "x" * 201)
    assert [q.id for q in sb.unanswered_queries()] == [query_id]
    assert await bot.answer_callback_query(query_id, "Done", show_alert=True)
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(query_id, "again")
    assert alice.toasts == ["Done"]
    assert "bot → Alice (alert): Done" in sb.transcript


async def test_documents_keep_bytes_name_and_file_id(
    sb: BotApiSandbox, bot: Bot, alice: VirtualParticipant
) -> None:
    payload = bytes(range(256)) * 40
    sent = await bot.send_document(
        alice.user_id, payload, filename="export.xlsx", caption="<b>Export</b>", parse_mode="HTML"
    )
    assert sent.document.file_name == "export.xlsx" and sent.document.file_size == len(payload)
    assert sent.caption == "Export" and sent.caption_entities[0].type == MessageEntity.BOLD
    again = await bot.send_document(alice.user_id, sent.document.file_id)
    assert again.document.file_id == sent.document.file_id
    first, second = await alice.expect_many(2)
    assert first.document == second.document == payload and second.filename == "export.xlsx"
    downloaded = await (await bot.get_file(sent.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == payload
    assert any("[document export.xlsx, 10.0 kB] Export" in line for line in sb.transcript)
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await bot.send_document(alice.user_id, "SBXDOC999999AgAD")


async def test_photos_must_be_real_images(bot: Bot, alice: VirtualParticipant) -> None:
    png = tiny_png(1000, 500)
    sent = await bot.send_photo(alice.user_id, png, caption="Chart")
    sizes = [(p.width, p.height) for p in sent.photo]
    assert sizes[0] == (90, 45) and sizes[-1] == (1000, 500)
    received = await alice.expect()
    assert received.kind == "photo" and received.document == png and received.caption == "Chart"
    with pytest.raises(BadRequest, match="(?i)image_process_failed"):
        await bot.send_photo(alice.user_id, b"this is not an image")
    with pytest.raises(BadRequest, match="(?i)photo_invalid_dimensions"):
        await bot.send_photo(alice.user_id, tiny_png(2100, 100))
    with pytest.raises(BadRequest, match="(?i)can't use file of type"):
        await bot.send_document(alice.user_id, sent.photo[-1].file_id)


async def test_chat_actions_and_get_chat(bot: Bot, alice: VirtualParticipant) -> None:
    assert await bot.send_chat_action(alice.user_id, "typing")
    with pytest.raises(BadRequest, match="(?i)wrong parameter action"):
        await bot.send_chat_action(alice.user_id, "dancing")
    chat = await bot.get_chat(alice.user_id)
    assert (chat.type, chat.first_name) == ("private", "Alice")


async def test_command_menus_are_kept_per_scope_and_language(
    sb: BotApiSandbox, bot: Bot, alice: VirtualParticipant
) -> None:
    private = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands([BotCommand("start", "Start")], scope=private)
    await bot.set_my_commands([BotCommand("aide", "Aide")], scope=private, language_code="fr")
    await bot.set_my_commands(
        [BotCommand("mine", "Mine")], scope=BotCommandScopeChat(alice.user_id)
    )
    assert sb.commands_for({"type": "all_private_chats"}, "fr") == ["aide"]
    assert sb.commands_for({"type": "all_private_chats"}) == ["start"]
    assert sb.commands_for({"type": "chat", "chat_id": alice.user_id}) == ["mine"]
    fetched = await bot.get_my_commands(scope=private, language_code="fr")
    assert [c.command for c in fetched] == ["aide"]
    assert await bot.delete_my_commands(scope=private, language_code="fr")
    assert await bot.get_my_commands(scope=private, language_code="fr") == ()
    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.set_my_commands([BotCommand("x", "x")], scope=BotCommandScopeChat(5))
    assert await bot.set_my_description("Dialogues", language_code="fr")
    assert (await bot.get_my_description("fr")).description == "Dialogues"
    assert await bot.set_my_short_description("Short")


async def test_a_person_who_never_wrote_cannot_be_reached(sb: BotApiSandbox, bot: Bot) -> None:
    shy = sb.participant("Shy")
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(shy.user_id, "Hello?")
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_chat_action(shy.user_id, "typing")
    assert any(line.startswith("bot ✗ sendMessage for Shy: 403") for line in sb.transcript)
