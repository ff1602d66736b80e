"""Joining, dialogues, invites, languages, reachability and forgetting, as use cases: a real
database, a fixed clock, no Telegram."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.conversations import Conversation
from flows.invites import InviteProblem
from flows.roles import Role
from services import conversations, enrolment
from services.enrolment import AlreadyMember, Joined, Refused
from services.runtime import Runtime
from services.settings import Settings
from storage import Database

STAFF, ALICE, BOB = 100, 200, 300


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
async def rt(tmp_path: Path) -> AsyncIterator[Runtime]:
    counter = itertools.count(1)

    def random_bytes(n: int) -> bytes:  # distinct, repeatable "random" bytes
        return next(counter).to_bytes(2, "big") * (n // 2) + b"\x01" * (n % 2)

    db = Database(tmp_path / "palabre.db")
    await db.open()
    runtime = Runtime(
        settings=Settings(db_path=tmp_path / "palabre.db", admins=frozenset({STAFF})),
        db=db,
        clock=Clock(),
        random_bytes=random_bytes,
    )
    yield runtime
    await db.close()


async def test_a_dialogue_comes_with_a_single_use_facilitator_invite(rt: Runtime) -> None:
    dialogue, invite = await enrolment.create_dialogue(rt, STAFF, "Maradi Nord", "en")
    assert (dialogue.name, dialogue.timezone) == ("Maradi Nord", "UTC")
    assert (invite.role, invite.max_uses, invite.dialogue_id) == (Role.FACILITATOR, 1, dialogue.id)
    assert invite.expires_at == rt.now() + timedelta(days=7)
    joined = await enrolment.join_with_code(rt, ALICE, invite.code, "fr")
    assert isinstance(joined, Joined) and joined.membership.role is Role.FACILITATOR
    used = await enrolment.join_with_code(rt, BOB, invite.code, "fr")
    assert used == Refused(InviteProblem.USED_UP)


async def test_joining_twice_counts_once_and_a_bad_code_changes_nothing(rt: Runtime) -> None:
    dialogue, _ = await enrolment.create_dialogue(rt, STAFF, "Zinder", "en")
    invite = await enrolment.create_invite(rt, dialogue.id, Role.COMMUNITY, 2, 30)
    assert invite is not None
    assert isinstance(await enrolment.join_with_code(rt, ALICE, invite.code, "ar"), Joined)
    again = await enrolment.join_with_code(rt, ALICE, invite.code, "ar")
    assert isinstance(again, AlreadyMember) and again.requested_role is Role.COMMUNITY
    assert await enrolment.join_with_code(rt, BOB, "not-a-code", "en") == Refused(
        InviteProblem.UNKNOWN
    )
    _, invites = await enrolment.invites_of(rt, dialogue.id)
    assert [i.uses for i in invites if i.id == invite.id] == [1]
    person, memberships = await enrolment.caller_record(rt, BOB)
    assert person is None and memberships == []


async def test_an_invite_expires_and_is_revoked_only_in_its_dialogue(rt: Runtime) -> None:
    first, _ = await enrolment.create_dialogue(rt, STAFF, "One", "en")
    second, _ = await enrolment.create_dialogue(rt, STAFF, "Two", "en")
    invite = await enrolment.create_invite(rt, first.id, Role.POLICE, None, 1)
    assert invite is not None
    assert not await enrolment.revoke_invite(rt, second.id, invite.id)  # forged: elsewhere
    rt.clock.moment += timedelta(days=2)  # type: ignore[attr-defined]
    assert await enrolment.join_with_code(rt, ALICE, invite.code, "en") == Refused(
        InviteProblem.EXPIRED
    )
    assert await enrolment.revoke_invite(rt, first.id, invite.id)
    assert await enrolment.join_with_code(rt, ALICE, invite.code, "en") == Refused(
        InviteProblem.REVOKED
    )


async def test_switching_dialogue_needs_a_membership_unless_staff(rt: Runtime) -> None:
    first, _ = await enrolment.create_dialogue(rt, STAFF, "One", "en")
    second, _ = await enrolment.create_dialogue(rt, STAFF, "Two", "en")
    invite = await enrolment.create_invite(rt, first.id, Role.COMMUNITY, None, None)
    assert invite is not None
    await enrolment.join_with_code(rt, ALICE, invite.code, "en")
    assert await enrolment.switch_dialogue(rt, ALICE, second.id, language="en") is None
    assert await enrolment.switch_dialogue(rt, ALICE, first.id, language="en") == first
    assert await enrolment.switch_dialogue(rt, STAFF, second.id, language="en") == second
    person, _ = await enrolment.caller_record(rt, STAFF)
    assert person is not None and person.active_dialogue_id == second.id


async def test_language_reachability_and_forgetting(rt: Runtime) -> None:
    person, created = await enrolment.start_profile(rt, ALICE, "fr")
    assert created and person.language == "fr"
    await enrolment.set_language(rt, ALICE, "ar")
    assert await enrolment.language_of(rt, ALICE) == "ar"
    assert await enrolment.set_reachable(rt, ALICE, False)
    again, created = await enrolment.start_profile(rt, ALICE, "ar")
    assert not created and again.id == person.id  # /start again: reachable once more
    assert not await enrolment.set_reachable(rt, BOB, False)  # no profile, nothing to mark
    await conversations.enter(rt, person.id, Conversation("survey", "text", {"wave": "w"}))
    rt.open_answers[("w", person.id)] = {"q8": "patrols at night"}  # an unfinished survey's
    rt.open_answers[("w", person.id + 1)] = {"q8": "someone else's"}
    assert await enrolment.forget(rt, ALICE)
    assert rt.open_answers == {("w", person.id + 1): {"q8": "someone else's"}}
    assert await enrolment.caller_record(rt, ALICE) == (None, [])
    assert not await enrolment.forget(rt, ALICE)
    assert await conversations.current(rt, person.id) is None  # gone with the profile


async def test_new_dialogue_by_name_in_a_second_message_is_a_step(rt: Runtime) -> None:
    person = await enrolment.begin_new_dialogue(rt, STAFF, "en")
    step = await conversations.current(rt, person.id)
    assert step == Conversation(enrolment.NEW_DIALOGUE, "name")
    assert await conversations.leave(rt, person.id) == step
    assert await conversations.leave(rt, person.id) is None
