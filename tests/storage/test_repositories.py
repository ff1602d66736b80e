from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from flows.conversations import Conversation
from flows.invites import Invite
from flows.roles import Role
from storage import Database

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


async def test_people_memberships_and_forgetting(db: Database) -> None:
    async with db.transaction() as tx:
        d1 = await tx.dialogues.create("Maradi", "Africa/Niamey", NOW)
        d2 = await tx.dialogues.create("Zinder", "Africa/Niamey", NOW)
        amina = await tx.people.create(1001, "fr", NOW)
        await tx.people.add_membership(amina.id, d1.id, Role.COMMUNITY, NOW)
        await tx.people.add_membership(amina.id, d2.id, Role.FACILITATOR, NOW)
        await tx.conversations.put(amina.id, Conversation("x", "y", {"a": 1}), NOW)
    async with db.transaction() as tx:
        person = await tx.people.by_telegram_id(1001)
        assert person is not None and person.language == "fr" and person.active
        roles = {m.dialogue_name: m.role for m in await tx.people.memberships(person.id)}
        assert roles == {"Maradi": Role.COMMUNITY, "Zinder": Role.FACILITATOR}
        assert await tx.people.count_by_role(d1.id) == {Role.COMMUNITY: 1}
        assert [p.telegram_id for p in await tx.people.members(d1.id, (Role.COMMUNITY,))] == [1001]
        assert await tx.people.members(d1.id, (Role.POLICE,)) == []
        assert (await tx.conversations.get(person.id)).payload == {"a": 1}
        await tx.people.set_active_by_telegram_id(1001, False)
        assert await tx.people.members(d1.id) == []
        await tx.people.delete(person.id)
    async with db.connection.execute("SELECT COUNT(*) FROM memberships") as cur:
        assert (await cur.fetchone())[0] == 0
    async with db.connection.execute("SELECT COUNT(*) FROM conversations") as cur:
        assert (await cur.fetchone())[0] == 0


async def test_profiles_store_the_day_only(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.people.create(5, None, NOW)
    async with db.connection.execute("SELECT created_on FROM people") as cur:
        assert (await cur.fetchone())[0] == "2026-11-21"


async def test_one_role_per_dialogue(db: Database) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as tx:
            d = await tx.dialogues.create("D", "UTC", NOW)
            p = await tx.people.create(7, "en", NOW)
            await tx.people.add_membership(p.id, d.id, Role.POLICE, NOW)
            await tx.people.add_membership(p.id, d.id, Role.COMMUNITY, NOW)


async def test_invites_round_trip_use_and_revoke(db: Database) -> None:
    async with db.transaction() as tx:
        d = await tx.dialogues.create("D", "UTC", NOW)
        invite = Invite(
            id="00aa11bb",
            code="C" * 22,
            dialogue_id=d.id,
            role=Role.POLICE,
            created_at=NOW,
            max_uses=3,
            expires_at=NOW + timedelta(days=7),
        )
        await tx.invites.add(invite)
        await tx.invites.count_use(invite.id)
    async with db.transaction() as tx:
        stored = await tx.invites.by_code("C" * 22)
        assert stored == replace(invite, uses=1)
        await tx.invites.revoke(invite.id)
        assert (await tx.invites.get(invite.id)).revoked
        assert [i.id for i in await tx.invites.for_dialogue(d.id)] == [invite.id]
        assert await tx.invites.by_code("nope") is None


async def test_conversations_upsert_and_clear(db: Database) -> None:
    async with db.transaction() as tx:
        p = await tx.people.create(9, "ar", NOW)
        await tx.conversations.put(p.id, Conversation("a", "1"), NOW)
        await tx.conversations.put(p.id, Conversation("b", "2", {"k": "é"}), NOW)
        assert await tx.conversations.get(p.id) == Conversation("b", "2", {"k": "é"})
        assert await tx.conversations.clear(p.id)
        assert not await tx.conversations.clear(p.id)
