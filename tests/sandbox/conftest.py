import pytest
from telegram import Bot

from sandbox import BotApiSandbox

TOKEN = "777:SANDBOX-test-token"


@pytest.fixture
async def sb():
    async with BotApiSandbox(token=TOKEN, bot_username="sandbox_bot") as sandbox:
        yield sandbox


@pytest.fixture
async def bot(sb: BotApiSandbox):
    async with Bot(
        TOKEN, base_url=sb.api_root + "/bot", base_file_url=sb.api_root + "/file/bot"
    ) as client:
        yield client
