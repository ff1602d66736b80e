"""CPU per update: the bot's own work, with PTB but without network.

Feeds synthetic updates to ``Application.process_update`` with an offline request layer and a
real SQLite database, and reports CPU milliseconds per update (``time.process_time``, which
includes aiosqlite's worker thread). The target: the bot's own work stays well under a
millisecond on top of python-telegram-bot's ~3 ms.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from telegram import Update

from benchmarks.offline import OfflineRequest
from bot.app import build_application, runtime_of
from bot.config import Settings
from bot.runtime import Runtime

TOKEN = "123456:BENCH-token-for-palabre"


def _message(update_id: int, user_id: int, text: str) -> dict:
    entities = (
        [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if text.startswith("/")
        else []
    )
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "text": text,
            "entities": entities,
            "chat": {"id": user_id, "type": "private", "first_name": "P"},
            "from": {"id": user_id, "is_bot": False, "first_name": "P", "language_code": "fr"},
        },
    }


def _press(update_id: int, user_id: int, data: str) -> dict:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "chat_instance": "1",
            "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": "P", "language_code": "fr"},
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "text": "x",
                "chat": {"id": user_id, "type": "private", "first_name": "P"},
            },
        },
    }


async def measure(rounds: int = 300) -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            token=TOKEN,
            api_root="http://offline.invalid",
            db_path=Path(folder) / "bench.db",
            admins=frozenset({1}),
        )
        request = OfflineRequest()
        app = build_application(settings, request=request)
        results: dict[str, tuple[float, float]] = {}
        async with app:
            rt = runtime_of(app)
            await rt.db.open()
            kinds = {
                "/help": lambda i: _message(i, 1000 + i % 50, "/help"),
                "/start": lambda i: _message(i, 1000 + i % 50, "/start"),
                "language button": lambda i: _press(i, 1000 + i % 50, "lang:fr"),
                "unexpected text": lambda i: _message(i, 1000 + i % 50, "bonjour"),
            }
            round_id, statement_id = await _round_fixture(rt)
            # Texts of people who chose «Write a statement», and of others (only offered).
            kinds["statement (collecting)"] = lambda i: _message(i, 5000 + i % 50, f"idea {i}")
            kinds["text offered as a statement"] = lambda i: _message(i, 6000 + i % 50, f"{i}")
            update_id = 1
            for name, make in kinds.items():
                for _ in range(20):  # warm-up
                    await app.process_update(Update.de_json(make(update_id), app.bot))
                    update_id += 1
                calls_before = sum(request.calls.values())
                start = time.process_time()
                for _ in range(rounds):
                    await app.process_update(Update.de_json(make(update_id), app.bot))
                    update_id += 1
                cpu = (time.process_time() - start) / rounds * 1000
                results[name] = (cpu, (sum(request.calls.values()) - calls_before) / rounds)
            # Votes: the same 50 voters press on the one statement (first vote, then changes).
            await _start_voting(rt, round_id)
            make = lambda i: _press(i, 5000 + i % 50, f"vote:{statement_id}:agree")  # noqa: E731
            calls_before = sum(request.calls.values())
            start = time.process_time()
            for _ in range(rounds):
                await app.process_update(Update.de_json(make(update_id), app.bot))
                update_id += 1
            cpu = (time.process_time() - start) / rounds * 1000
            results["vote button"] = (cpu, (sum(request.calls.values()) - calls_before) / rounds)
            await rt.db.close()
    return results


async def _round_fixture(rt: Runtime) -> tuple[str, str]:
    """A dialogue with 100 community members and a round collecting statements; the first 50
    chose to write statements."""
    from datetime import UTC, datetime

    from flows.roles import Role
    from flows.rounds.lifecycle import RoundSettings
    from services import rounds, statements

    now = datetime.now(UTC)
    async with rt.db.transaction() as tx:
        dialogue = await tx.dialogues.create("Bench", "UTC", now)
        writers = []
        for telegram_id in (*range(5000, 5050), *range(6000, 6050)):
            person = await tx.people.create(telegram_id, "fr", now)
            await tx.people.add_membership(person.id, dialogue.id, Role.COMMUNITY, now)
            await tx.people.set_active_dialogue(person.id, dialogue.id)
            if telegram_id < 6000:
                writers.append(person)
    opened = await rounds.open_round(rt, dialogue.id, RoundSettings(moderation=False), "trust")
    for writer in writers:
        await statements.begin(rt, writer, opened.id)
    person = writers[0]
    saved = await statements.submit(rt, person, dialogue.id, Role.COMMUNITY, "fr", "seed")
    return opened.id, saved.statement.id


async def _start_voting(rt: Runtime, round_id: str) -> None:
    from services import rounds

    async with rt.db.read() as tx:
        r = await tx.rounds.get(round_id)
    await rounds.advance(rt, r.dialogue_id)


async def baseline(replies: int, rounds: int = 300) -> float:
    """The same path and builder options, a handler that only replies: PTB's own cost."""
    from telegram.constants import ParseMode
    from telegram.ext import AIORateLimiter, ApplicationBuilder, Defaults, MessageHandler, filters

    async def echo(update: Update, _context: object) -> None:
        assert update.effective_chat is not None
        for _ in range(replies):
            await update.effective_chat.send_message("ok")

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url("http://offline.invalid/bot")
        .request(OfflineRequest())
        .rate_limiter(AIORateLimiter(overall_max_rate=30, overall_time_period=1, max_retries=3))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .build()
    )
    app.add_handler(MessageHandler(filters.ALL, echo))
    async with app:
        for i in range(20):
            await app.process_update(Update.de_json(_message(i, 7, "/help"), app.bot))
        start = time.process_time()
        for i in range(rounds):
            await app.process_update(Update.de_json(_message(100 + i, 7, "/help"), app.bot))
        return (time.process_time() - start) / rounds * 1000


def main() -> None:
    one, three = asyncio.run(baseline(1)), asyncio.run(baseline(3))
    per_call = (three - one) / 2
    dispatch = one - per_call
    print(
        f"PTB alone: {dispatch:.2f} ms to parse and dispatch an update, "
        f"{per_call:.2f} ms per API call"
    )
    for name, (ms, calls) in asyncio.run(measure()).items():
        own = ms - dispatch - calls * per_call
        print(
            f"{name:>18}: {ms:.2f} ms CPU per update with {calls:.1f} API calls; "
            f"Palabre's own work (SQLite included) ~{own:.2f} ms"
        )


if __name__ == "__main__":
    main()
