"""The real PTB Application, polling the sandbox in the test's event loop."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from sandbox import BotApiSandbox


async def test_a_command_round_trip_through_the_application(
    sb: BotApiSandbox, app: Application
) -> None:
    alice = sb.participant("Alice", language_code="fr")
    await alice.send("/echo bonjour tout le monde")
    reply = await alice.expect(contains="echo: bonjour tout le monde", timeout=3)
    assert reply.button_rows == [[("Yes", "answer:yes")], [("No", "answer:no")]]
    await sb.settle(timeout=5)
    assert sb.pending_updates == []
    assert sb.stats.requests["sendMessage"] == 1


async def test_commands_addressed_to_the_bot_by_name_work(
    sb: BotApiSandbox, app: Application
) -> None:
    alice = sb.participant("Alice")
    await alice.send(f"/echo@{sb.bot_username} hi")
    assert (await alice.expect(timeout=3)).plain_text == "echo: hi"


async def test_a_button_press_is_answered_and_the_message_edited(
    sb: BotApiSandbox, app: Application
) -> None:
    alice = sb.participant("Alice")
    await alice.send("/echo choose")
    question = await alice.expect(timeout=3)
    query_id = await alice.press(question, "Yes")
    await sb.settle(timeout=5)
    assert alice.toasts == ["got answer:yes"]
    assert question.plain_text == "You chose yes"  # edited in place...
    assert question.edits == ["echo: choose"] and question.buttons == []  # ...keyboard removed
    assert sb.world.queries[query_id].answer is not None
    assert sb.unanswered_queries() == []
    assert alice.unread == []  # an edit is not a new message
    assert "Alice pressed [Yes]" in sb.transcript


async def test_forged_callback_data_reaches_the_bot_as_is(
    sb: BotApiSandbox, app: Application
) -> None:
    alice = sb.participant("Alice")
    await alice.send("/echo choose")
    question = await alice.expect(timeout=3)
    await alice.press_data(question, "admin:delete-everything")
    await sb.settle(timeout=5)
    assert alice.toasts == ["That button is not valid any more."]
    assert sb.world.answers[alice.user_id][0].show_alert
    assert question.plain_text == "echo: choose"


async def test_settle_waits_for_the_bot_to_finish_reacting(
    sb: BotApiSandbox, app: Application
) -> None:
    people = [sb.participant(f"P{n}") for n in range(5)]
    for person in people:
        await person.send(f"/echo {person.first_name}")
    await sb.settle(timeout=5)
    assert all(len(p.unread) == 1 for p in people)  # every reply was there at settle time
    assert sb.pending_updates == []


async def test_settle_waits_for_a_handler_that_thinks_before_it_answers(
    sb: BotApiSandbox, app: Application
) -> None:
    """A handler that computes for a while before its first call (a summary over a big
    database) is waited for: settle follows the updates handled, not a quiet moment."""
    thinking = asyncio.Event()

    async def slow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        thinking.set()
        await asyncio.sleep(0.6)  # longer than any "quiet" period a test would wait for
        assert update.effective_chat is not None
        await update.effective_chat.send_message("done thinking")

    app.add_handler(CommandHandler("slow", slow))
    alice = sb.participant("Alice")
    await alice.send("/slow")
    await thinking.wait()
    await sb.settle(timeout=5)
    assert [m.plain_text for m in alice.inbox] == ["done thinking"]


async def test_settle_needs_a_watched_application(sb: BotApiSandbox) -> None:
    with pytest.raises(RuntimeError, match="watch"):
        await sb.settle(timeout=0.1)


async def test_until_waits_for_the_outcome_and_names_what_never_came(
    sb: BotApiSandbox, app: Application
) -> None:
    alice = sb.participant("Alice")
    await alice.send("/echo choose")
    await sb.until(lambda: bool(alice.inbox), "the echo")
    assert alice.inbox[0].plain_text == "echo: choose"
    with pytest.raises(AssertionError, match="a second message did not happen within 0.2s"):
        await sb.until(lambda: len(alice.inbox) > 1, "a second message", timeout=0.2)
