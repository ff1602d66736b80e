"""Fixtures: a fresh sandbox per test, the real PTB Bot, and a minimal PTB Application."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from sandbox import BotApiSandbox

TOKEN = "777:SANDBOX-test-token"
BOT = "sandbox_bot"


@pytest.fixture
async def sb() -> AsyncIterator[BotApiSandbox]:
    async with BotApiSandbox(token=TOKEN, bot_username=BOT, bot_name="Palabre") as sandbox:
        yield sandbox


@pytest.fixture
async def bot(sb: BotApiSandbox) -> AsyncIterator[Bot]:
    async with Bot(
        TOKEN, base_url=sb.api_root + "/bot", base_file_url=sb.api_root + "/file/bot"
    ) as client:
        yield client


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/echo words -> "echo: words", with two buttons."""
    assert update.effective_chat is not None
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Yes", callback_data="answer:yes")],
            [InlineKeyboardButton("No", callback_data="answer:no")],
        ]
    )
    await update.effective_chat.send_message(
        "echo: " + " ".join(context.args or []), reply_markup=keyboard
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer with a toast naming the data, and edit the message to show the choice."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if not query.data.startswith("answer:"):
        await query.answer("That button is not valid any more.", show_alert=True)
        return
    await query.answer(f"got {query.data}")
    await query.edit_message_text(f"You chose {query.data.split(':', 1)[1]}")


@pytest.fixture
async def app(sb: BotApiSandbox) -> AsyncIterator[Application]:
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(sb.api_root + "/bot")
        .base_file_url(sb.api_root + "/file/bot")
        .build()
    )
    application.add_handler(CommandHandler("echo", echo))
    application.add_handler(CallbackQueryHandler(pressed))
    sb.watch(application)
    await application.initialize()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    await application.start()
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
