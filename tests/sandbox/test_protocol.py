"""The HTTP protocol itself: routes, tokens, unknown methods, every body encoding."""

from __future__ import annotations

import json

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest, InvalidToken

from sandbox import BotApiSandbox
from tests.sandbox.conftest import TOKEN


@pytest.fixture
async def http(sb: BotApiSandbox):
    async with httpx.AsyncClient(base_url=f"{sb.api_root}/bot{TOKEN}/") as client:
        yield client


async def test_unknown_token_is_401_and_ptb_calls_it_invalid(sb: BotApiSandbox) -> None:
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{sb.api_root}/bot1:wrong/getMe")
    assert answer.status_code == 401
    assert answer.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=sb.api_root + "/bot"):
            pass


async def test_only_truly_unknown_methods_are_404(http: httpx.AsyncClient) -> None:
    unknown = await http.post("sendTelepathy")
    assert unknown.status_code == 404
    assert unknown.json()["description"] == "Not Found: method not found"
    unsimulated = await http.post("sendVideo", data={"chat_id": "1"})
    assert unsimulated.status_code == 400
    assert "sendVideo" in unsimulated.json()["description"]


async def test_method_names_are_case_insensitive(http: httpx.AsyncClient) -> None:
    answer = await http.post("GETME")
    assert answer.status_code == 200 and answer.json()["result"]["username"] == "sandbox_bot"


async def test_get_me_answers_a_post_with_an_empty_body(http: httpx.AsyncClient) -> None:
    answer = await http.post("getMe", content=b"")
    assert answer.json()["ok"] is True


async def test_every_parameter_encoding_is_understood(
    sb: BotApiSandbox, http: httpx.AsyncClient
) -> None:
    alice = sb.participant("Alice")
    await alice.send("/start")
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    form = {"chat_id": str(alice.user_id), "text": "form", "reply_markup": json.dumps(markup)}
    sent = [
        await http.post("sendMessage", data=form),
        await http.post(
            "sendMessage", json={"chat_id": alice.user_id, "text": "json", "reply_markup": markup}
        ),
        await http.get("sendMessage", params={"chat_id": alice.user_id, "text": "query"}),
        await http.post(
            "sendMessage",
            files={"chat_id": (None, str(alice.user_id)), "text": (None, "multipart")},
        ),
    ]
    assert [a.status_code for a in sent] == [200] * 4
    assert [m.plain_text for m in alice.inbox] == ["form", "json", "query", "multipart"]
    assert alice.inbox[0].buttons == alice.inbox[1].buttons == [("Go", "go")]


async def test_a_malformed_json_body_is_a_bad_request(http: httpx.AsyncClient) -> None:
    answer = await http.post(
        "sendMessage", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400 and answer.json()["ok"] is False


async def test_error_bodies_have_telegrams_shape(http: httpx.AsyncClient) -> None:
    answer = await http.post("sendMessage", data={"chat_id": "5", "text": "x"})
    assert answer.status_code == 400
    assert answer.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: chat not found",
    }


async def test_downloads_need_the_right_token_and_path(
    sb: BotApiSandbox, bot: Bot, http: httpx.AsyncClient
) -> None:
    alice = sb.participant("Alice")
    await alice.send_document(b"minutes of the meeting", "minutes.txt")
    update = (await bot.get_updates())[0]
    file = await bot.get_file(update.message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"minutes of the meeting"
    path = file.file_path.split(f"/file/bot{TOKEN}/", 1)[1]
    async with httpx.AsyncClient() as client:
        wrong = await client.get(f"{sb.api_root}/file/bot1:wrong/{path}")
        missing = await client.get(f"{sb.api_root}/file/bot{TOKEN}/documents/nothing.txt")
        posted = await client.post(f"{sb.api_root}/file/bot{TOKEN}/{path}")
    assert (wrong.status_code, missing.status_code) == (401, 404)
    assert posted.content == b"minutes of the meeting"
    with pytest.raises(BadRequest, match="(?i)wrong file_id"):
        await bot.get_file("no-such-file")
