"""/cancel, /forgetme, bad input, group chats, blocked users, Telegram errors."""

from __future__ import annotations

import io
import logging
import sqlite3

import pytest

from tests.e2e.conftest import TOKEN, World
from tests.e2e.steps import facilitated_dialogue, join, make_invite, settle


def _person_row(world: World, telegram_id: int) -> tuple | None:
    with sqlite3.connect(world.db_path) as conn:
        return conn.execute(
            "SELECT id, language, active FROM people WHERE telegram_id = ?", (telegram_id,)
        ).fetchone()


async def _member(world: World, language: str = "en"):
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    person = sb.participant("Member", language_code=language)
    await join(sb, person, link, language)
    return facilitator, person


async def test_forgetme_deletes_everything_linkable(world: World) -> None:
    _, person = await _member(world, "fr")
    assert _person_row(world, person.user_id) is not None
    await person.send("/forgetme")
    confirm = await person.expect()
    await person.press(confirm, "Non, le garder")
    await settle(world.sandbox)
    assert _person_row(world, person.user_id) is not None
    await person.send("/forgetme")
    confirm = await person.expect()
    await person.press(confirm, "Oui, supprimer mon profil")
    await settle(world.sandbox)
    assert "supprimé" in confirm.plain_text
    assert _person_row(world, person.user_id) is None
    with sqlite3.connect(world.db_path) as conn:
        for table in ("memberships", "conversations"):
            rows = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            assert rows <= 2, table  # only the facilitator's and staff's remain
    # Pressing the old confirmation again is harmless.
    await person.press_data(confirm, "forget:yes")
    await settle(world.sandbox)
    assert _person_row(world, person.user_id) is None


async def test_media_where_text_is_expected_is_explained_and_the_step_kept(world: World) -> None:
    staff = world.staff
    await staff.send("/newdialogue")
    assert "What is the new dialogue called" in (await staff.expect()).plain_text
    for send in (staff.send_photo, staff.send_voice, staff.send_sticker):
        await send()
        reply = (await staff.expect()).plain_text
        assert "only reads typed text" in reply and "What is the new dialogue called" in reply
    await staff.send_location(13.5, 2.1)
    assert "What is the new dialogue called" in (await staff.expect()).plain_text
    # A command in the middle of the step answers, and the step stays open.
    await staff.send("/help")
    await staff.expect(contains="What you can do")
    await staff.send("x" * 81)
    assert "1 to 80" in (await staff.expect()).plain_text
    await staff.send("Tahoua")
    assert "Tahoua" in (await staff.expect()).plain_text
    await staff.send("/cancel")
    assert "nothing to cancel" in (await staff.expect()).plain_text


async def test_cancel_leaves_a_step_and_keeps_nothing(world: World) -> None:
    staff = world.staff
    await staff.send("/newdialogue")
    await staff.expect()
    await staff.send("/cancel")
    assert "Cancelled" in (await staff.expect()).plain_text
    await staff.send("Agadez")
    assert "not expecting" in (await staff.expect()).plain_text
    with sqlite3.connect(world.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM dialogues").fetchone() == (0,)


async def test_unknown_command_and_edits(world: World) -> None:
    person = world.sandbox.participant("Curious", language_code="en")
    await person.send("/start")
    await person.expect()
    await person.expect()
    await person.send("/frobnicate")
    assert "/help" in (await person.expect()).plain_text
    sent = await person.send("hello")
    await person.expect(contains="not expecting")
    await person.edit(sent, "hello again")
    assert "edited" in (await person.expect()).plain_text


async def test_group_chats_store_nothing(world: World) -> None:
    sb = world.sandbox
    a, b = sb.participant("A", language_code="fr"), sb.participant("B")
    group = sb.group("Conseil du quartier", members=[a, b])
    await a.send("/start", chat=group)
    await b.send("/help", chat=group)
    await settle(sb)
    assert len(group.inbox) == 2
    assert all(f"t.me/{sb.bot_username}" in m.plain_text for m in group.inbox)
    assert "privée" in group.inbox[0].plain_text  # in the sender's language
    assert _person_row(world, a.user_id) is None and _person_row(world, b.user_id) is None


async def test_a_person_who_blocks_the_bot_is_marked_inactive(world: World) -> None:
    _, person = await _member(world)
    assert _person_row(world, person.user_id)[2] == 1
    person.block()
    await settle(world.sandbox)
    assert _person_row(world, person.user_id)[2] == 0
    person.unblock()
    await person.send("/start")
    await person.expect()
    assert _person_row(world, person.user_id)[2] == 1


async def test_telegram_5xx_is_retried_and_the_reply_arrives(world: World) -> None:
    person = world.sandbox.participant("Patient", language_code="en")
    world.sandbox.inject_errors(2, status=502, methods={"sendMessage"})
    await person.send("/privacy")
    assert "What Palabre keeps" in (await person.expect(timeout=10)).plain_text


async def test_flood_control_is_honoured(world: World) -> None:
    sb = world.sandbox
    sb.flood_control(enabled=True, per_chat_per_second=1.0, per_chat_burst=1, retry_after=1)
    person = sb.participant("Hasty", language_code="en")
    for _ in range(3):
        await person.send("/privacy")
    replies = await person.expect_many(3, timeout=15)
    assert all("What Palabre keeps" in r.plain_text for r in replies)
    assert sb.stats.rate_limited >= 1


async def test_an_internal_error_is_apologised_for_and_logged_without_secrets(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from telegram.ext import CommandHandler

    from bot.logs import configure_logging

    async def broken(update: object, context: object) -> None:
        raise RuntimeError(f"secret words of a person and /bot{TOKEN}/x")

    for handler in world.app.handlers[0]:
        if isinstance(handler, CommandHandler) and "privacy" in handler.commands:
            monkeypatch.setattr(handler, "callback", broken)
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    try:
        person = world.sandbox.participant("Unlucky", language_code="fr")
        await person.send("/privacy")
        apology = (await person.expect()).plain_text
        await person.send("my private words")
        await person.expect()
    finally:
        logging.getLogger().handlers[:] = []
    assert "incident" in apology
    logged = stream.getvalue()
    assert "RuntimeError" in logged
    for secret in ("secret words", "my private words", TOKEN, TOKEN.split(":")[1]):
        assert secret not in logged
