"""Use cases around people, dialogues and invites: each one unit of work, no Telegram.

Handlers call these and render what they return. Each function commits before it returns, so
whatever a handler then tells the person is already durable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flows.conversations import Conversation
from flows.dialogues import Dialogue, Membership, Person
from flows.invites import (
    CODE_BYTES,
    Invite,
    InviteProblem,
    encode_code,
    expiry,
    looks_like_code,
)
from flows.roles import Role
from services import conversations
from services.runtime import Runtime
from services.surveys.answering import forget_person
from storage import Transaction

FACILITATOR_INVITE_DAYS = 7
#: The flow of /newdialogue when the name is asked for in a second message.
NEW_DIALOGUE = "newdialogue"
#: Random bytes an invite takes: its code's, then 4 for the id buttons carry.
INVITE_RANDOM_BYTES = CODE_BYTES + 4


@dataclass(frozen=True)
class Joined:
    membership: Membership
    dialogue: Dialogue


@dataclass(frozen=True)
class AlreadyMember:
    membership: Membership
    requested_role: Role


@dataclass(frozen=True)
class Refused:
    problem: InviteProblem


JoinOutcome = Joined | AlreadyMember | Refused


async def ensure_person(tx: Transaction, telegram_id: int, language: str, now: datetime) -> Person:
    person = await tx.people.by_telegram_id(telegram_id)
    if person is None:
        person = await tx.people.create(telegram_id, language, now)
    return person


async def caller_record(rt: Runtime, telegram_id: int) -> tuple[Person | None, list[Membership]]:
    """Who sends an update: their profile (None before their first /start) and memberships,
    read afresh for every update so that every permission is checked with current data."""
    async with rt.db.read() as tx:
        return await tx.people.with_memberships(telegram_id)


async def join_with_code(rt: Runtime, telegram_id: int, code: str, language: str) -> JoinOutcome:
    """Join the dialogue a code points to. Nothing changes unless the join succeeds."""
    if not looks_like_code(code):
        return Refused(InviteProblem.UNKNOWN)
    now = rt.now()
    async with rt.db.transaction() as tx:
        invite = await tx.invites.by_code(code)
        if invite is None:
            return Refused(InviteProblem.UNKNOWN)
        person = await tx.people.by_telegram_id(telegram_id)
        if person is not None:
            existing = await tx.people.membership(person.id, invite.dialogue_id)
            if existing is not None:
                # Opening the same link twice is harmless: no second use is counted.
                return AlreadyMember(existing, invite.role)
        problem = invite.problem(now)
        if problem is not None:
            return Refused(problem)
        dialogue = await tx.dialogues.get(invite.dialogue_id)
        assert dialogue is not None  # invites cascade with their dialogue
        if person is None:
            person = await tx.people.create(telegram_id, language, now)
        elif not person.active:
            await tx.people.set_active(person.id, True)
        await tx.people.add_membership(person.id, dialogue.id, invite.role, now)
        await tx.invites.count_use(invite.id)
        await tx.people.set_active_dialogue(person.id, dialogue.id)
        membership = Membership(person.id, dialogue.id, invite.role, now, dialogue.name)
    return Joined(membership, dialogue)


def new_invite(
    random_bytes: bytes,
    dialogue_id: int,
    role: Role,
    now: datetime,
    max_uses: int | None,
    expires_in_days: int | None,
) -> Invite:
    """An invite from ``INVITE_RANDOM_BYTES`` random bytes: the code, then a short public id."""
    if len(random_bytes) < INVITE_RANDOM_BYTES:
        raise ValueError(f"an invite needs {INVITE_RANDOM_BYTES} random bytes")
    return Invite(
        id=random_bytes[CODE_BYTES:INVITE_RANDOM_BYTES].hex(),
        code=encode_code(random_bytes),
        dialogue_id=dialogue_id,
        role=role,
        created_at=now,
        max_uses=max_uses,
        expires_at=expiry(now, expires_in_days),
    )


async def create_dialogue(
    rt: Runtime, staff_telegram_id: int, name: str, language: str
) -> tuple[Dialogue, Invite]:
    """A new dialogue (in PALABRE_TIMEZONE) and a single-use facilitator invite, valid for a
    week."""
    now, random_bytes = rt.now(), rt.random_bytes(INVITE_RANDOM_BYTES)
    async with rt.db.transaction() as tx:
        dialogue = await tx.dialogues.create(name, rt.settings.timezone, now)
        invite = new_invite(
            random_bytes, dialogue.id, Role.FACILITATOR, now, 1, FACILITATOR_INVITE_DAYS
        )
        await tx.invites.add(invite)
        staff = await ensure_person(tx, staff_telegram_id, language, now)
        await tx.people.set_active_dialogue(staff.id, dialogue.id)
        await tx.conversations.clear_flow(staff.id, NEW_DIALOGUE)
    return dialogue, invite


async def create_invite(
    rt: Runtime, dialogue_id: int, role: Role, max_uses: int | None, expires_in_days: int | None
) -> Invite | None:
    now, random_bytes = rt.now(), rt.random_bytes(INVITE_RANDOM_BYTES)
    async with rt.db.transaction() as tx:
        if await tx.dialogues.get(dialogue_id) is None:
            return None
        invite = new_invite(random_bytes, dialogue_id, role, now, max_uses, expires_in_days)
        await tx.invites.add(invite)
    return invite


async def invites_of(rt: Runtime, dialogue_id: int) -> tuple[Dialogue | None, list[Invite]]:
    async with rt.db.read() as tx:
        return await tx.dialogues.get(dialogue_id), await tx.invites.for_dialogue(dialogue_id)


async def revoke_invite(rt: Runtime, dialogue_id: int, invite_id: str) -> bool:
    """Revoke an invite of that dialogue; False when it belongs elsewhere (forged data)."""
    async with rt.db.transaction() as tx:
        invite = await tx.invites.get(invite_id)
        if invite is None or invite.dialogue_id != dialogue_id:
            return False
        await tx.invites.revoke(invite.id)
    return True


async def switch_dialogue(
    rt: Runtime, telegram_id: int, dialogue_id: int, *, language: str
) -> Dialogue | None:
    """Make ``dialogue_id`` the caller's active one, if they belong to it (or are staff)."""
    now, is_staff = rt.now(), rt.is_staff(telegram_id)
    async with rt.db.transaction() as tx:
        dialogue = await tx.dialogues.get(dialogue_id)
        if dialogue is None:
            return None
        person = await tx.people.by_telegram_id(telegram_id)
        member = person is not None and await tx.people.membership(person.id, dialogue_id)
        if not member and not is_staff:
            return None
        if person is None:
            person = await ensure_person(tx, telegram_id, language, now)
        await tx.people.set_active_dialogue(person.id, dialogue_id)
    return dialogue


async def all_dialogues(rt: Runtime) -> list[Dialogue]:
    async with rt.db.read() as tx:
        return await tx.dialogues.all()


async def set_language(rt: Runtime, telegram_id: int, language: str) -> None:
    async with rt.db.transaction() as tx:
        person = await ensure_person(tx, telegram_id, language, rt.now())
        await tx.people.set_language(person.id, language)


async def start_profile(rt: Runtime, telegram_id: int, language: str) -> tuple[Person, bool]:
    """The person's profile, created on their first /start. Returns (person, created)."""
    now = rt.now()
    async with rt.db.transaction() as tx:
        person = await tx.people.by_telegram_id(telegram_id)
        if person is not None:
            if not person.active:
                await tx.people.set_active(person.id, True)
            return person, False
        return await tx.people.create(telegram_id, language, now), True


async def set_reachable(rt: Runtime, telegram_id: int, reachable: bool) -> bool:
    """Mark someone who blocked (or unblocked) the bot; False when there is no profile."""
    async with rt.db.transaction() as tx:
        return await tx.people.set_active_by_telegram_id(telegram_id, reachable)


async def language_of(rt: Runtime, telegram_id: int) -> str | None:
    """The language a person chose, if they have a profile."""
    async with rt.db.read() as tx:
        person = await tx.people.by_telegram_id(telegram_id)
    return person.language if person else None


async def begin_new_dialogue(rt: Runtime, telegram_id: int, language: str) -> Person:
    """Program staff start /newdialogue without a name: the next message they type is it."""
    async with rt.db.transaction() as tx:
        person = await ensure_person(tx, telegram_id, language, rt.now())
        await conversations.switch_to(rt, tx, person.id, Conversation(NEW_DIALOGUE, "name"))
    return person


async def forget(rt: Runtime, telegram_id: int) -> bool:
    """Delete the profile and everything linkable to it. Anonymous records stay."""
    async with rt.db.transaction() as tx:
        person = await tx.people.by_telegram_id(telegram_id)
        if person is None:
            return False
        await tx.people.delete(person.id)
    forget_person(rt, person.id)  # and what memory held for their unfinished surveys
    return True


def invite_is_live(invite: Invite, now: datetime) -> bool:
    return invite.problem(now) is None
