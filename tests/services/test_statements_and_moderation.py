"""Statements and their moderation through the use cases, on a real database."""

from __future__ import annotations

from pathlib import Path

from flows.conversations import Conversation
from flows.roles import Role
from flows.rounds.lifecycle import Event, Round, RoundSettings
from flows.rounds.moderation import MAX_TYPED, Approve, Edit, ModerationRefusal, Reject, Translate
from flows.rounds.statements import Empty, Statement, StatementStatus, TooLong
from services import moderation, rounds, statements
from services.moderation import AskAgain
from tests.services.round_place import Place, place


async def _open(p: Place, **settings: object) -> Round:
    opened = await rounds.open_round(
        p.rt,
        p.dialogue_id,
        RoundSettings(**settings),
        "trust",  # type: ignore[arg-type]
    )
    assert isinstance(opened, Round)
    return opened


async def _write(p: Place, text: str, role: Role = Role.COMMUNITY, index: int = 0) -> str:
    saved = await statements.submit(p.rt, p.people[role][index], p.dialogue_id, role, "en", text)
    assert isinstance(saved, statements.Saved)
    return saved.statement.id


async def test_a_statement_is_saved_only_while_the_round_collects_from_the_group(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        resident, officer = p.people[Role.COMMUNITY][0], p.people[Role.POLICE][0]

        async def write(person: object, role: Role, text: str) -> object:
            return await statements.submit(p.rt, person, p.dialogue_id, role, "en", text)  # type: ignore[arg-type]

        assert isinstance(await write(resident, Role.COMMUNITY, "Early"), statements.NotCollecting)
        await _open(p, roles=(Role.COMMUNITY,), statement_limit=10)
        assert isinstance(await write(officer, Role.POLICE, "Not asked"), statements.NotCollecting)
        assert await write(resident, Role.COMMUNITY, "x" * 11) == TooLong(10, 11)
        assert await write(resident, Role.COMMUNITY, " \n ") == Empty()
        first = await write(resident, Role.COMMUNITY, "  Lights  ")
        second = await write(resident, Role.COMMUNITY, "Patrols")
        assert isinstance(first, statements.Saved) and isinstance(second, statements.Saved)
        assert first.statement.text == "Lights" and (first.yours, second.yours) == (1, 2)
        r, mine = await statements.mine(p.rt, resident, p.dialogue_id)
        assert r is not None and sorted(s.text for s in mine) == ["Lights", "Patrols"]
        await rounds.advance(p.rt, p.dialogue_id)
        assert isinstance(await write(resident, Role.COMMUNITY, "Late"), statements.NotCollecting)
        assert (await statements.mine(p.rt, resident, p.dialogue_id))[1] == []


async def test_only_the_author_withdraws_and_only_while_collecting(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        await _open(p)
        author, other = p.people[Role.COMMUNITY][0], p.people[Role.COMMUNITY][1]
        taken_back = await _write(p, "Taken back")
        kept = await _write(p, "Kept")
        assert not await statements.withdraw(p.rt, other, taken_back)
        assert not await statements.withdraw(p.rt, author, "no-such-statement")
        assert await statements.withdraw(p.rt, author, taken_back)
        _, mine = await statements.mine(p.rt, author, p.dialogue_id)
        assert [s.id for s in mine] == [kept]
        await rounds.advance(p.rt, p.dialogue_id)
        assert not await statements.withdraw(p.rt, author, kept)  # the link is gone
        async with p.rt.db.read() as tx:
            withdrawn = await tx.statements.get(taken_back)
        assert withdrawn is not None and withdrawn.status is StatementStatus.WITHDRAWN


async def test_moderation_decisions_are_applied_and_refusals_change_nothing(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        await _open(p, statement_limit=20)
        sid = await _write(p, "Abdou sells phones")
        withdrawn = await _write(p, "Taken back")
        await statements.withdraw(p.rt, p.people[Role.COMMUNITY][0], withdrawn)
        pending = await moderation.next_pending(p.rt, p.dialogue_id)
        assert pending is not None and pending.remaining == 1
        assert pending.statement is not None and pending.statement.id == sid
        edited = await moderation.moderate(p.rt, p.dialogue_id, sid, Edit("A man sells phones"))
        assert isinstance(edited, Statement) and edited.text == "A man sells phones"
        translated = await moderation.moderate(p.rt, p.dialogue_id, sid, Translate("fr", "Un"))
        assert isinstance(translated, Statement) and translated.translations == {"fr": "Un"}
        assert await moderation.moderate(p.rt, p.dialogue_id, sid, Edit("x" * 21)) == TooLong(
            20, 21
        )
        assert await moderation.moderate(p.rt, p.dialogue_id, withdrawn, Approve()) is (
            ModerationRefusal.WITHDRAWN
        )
        assert await moderation.moderate(p.rt, p.dialogue_id + 1, sid, Reject()) is (
            ModerationRefusal.UNKNOWN
        )
        approved = await moderation.moderate(p.rt, p.dialogue_id, sid, Approve())
        assert isinstance(approved, Statement) and approved.status is StatementStatus.APPROVED
        async with p.rt.db.read() as tx:
            stored = await tx.statements.get(sid)
        assert stored == approved
        after = await moderation.next_pending(p.rt, p.dialogue_id)
        assert after is not None and after.statement is None and after.remaining == 0


async def test_once_voting_starts_the_order_is_fixed_but_names_can_still_go(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        await _open(p, moderation=False)
        sid = await _write(p, "Sergeant Bako takes bribes")
        await rounds.advance(p.rt, p.dialogue_id)
        assert await moderation.next_pending(p.rt, p.dialogue_id) is None
        assert await moderation.moderate(p.rt, p.dialogue_id, sid, Reject()) is (
            ModerationRefusal.ORDER_FIXED
        )
        edited = await moderation.moderate(p.rt, p.dialogue_id, sid, Edit("An officer"))
        assert isinstance(edited, Statement) and edited.status is StatementStatus.APPROVED
        await rounds.advance(p.rt, p.dialogue_id, Event.CLOSE)
        assert await moderation.moderate(p.rt, p.dialogue_id, sid, Edit("Later")) is (
            ModerationRefusal.ROUND_CLOSED
        )


async def test_a_typed_revision_is_its_own_step(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        await _open(p)
        sid = await _write(p, "Abdou sells phones")
        f = p.facilitator
        assert not await moderation.begin_revision(p.rt, f.id, p.dialogue_id, sid, "es")
        assert await moderation.begin_revision(p.rt, f.id, p.dialogue_id, sid, None)
        async with p.rt.db.read() as tx:
            step = await tx.conversations.get(f.id)
        assert step == Conversation(
            moderation.FLOW, "edit", {"dialogue": p.dialogue_id, "statement": sid, "language": None}
        )
        assert isinstance(await moderation.revise(p.rt, f.id, p.dialogue_id, step, "  "), AskAgain)
        long = "y" * (MAX_TYPED + 1)
        assert isinstance(await moderation.revise(p.rt, f.id, p.dialogue_id, step, long), AskAgain)
        async with p.rt.db.read() as tx:
            assert await tx.conversations.get(f.id) == step  # still asked
        done = await moderation.revise(p.rt, f.id, p.dialogue_id, step, "A man sells phones")
        assert isinstance(done, Statement) and done.text == "A man sells phones"
        async with p.rt.db.read() as tx:
            assert await tx.conversations.get(f.id) is None
        assert await moderation.begin_revision(p.rt, f.id, p.dialogue_id, sid, "fr")
        async with p.rt.db.read() as tx:
            step = await tx.conversations.get(f.id)
        assert step is not None and step.step == "translate"
        done = await moderation.revise(p.rt, f.id, p.dialogue_id, step, "Un homme")
        assert isinstance(done, Statement) and done.translations == {"fr": "Un homme"}
        # Over the round's limit but under what may be typed: refused, and the step is left.
        assert await moderation.begin_revision(p.rt, f.id, p.dialogue_id, sid, None)
        async with p.rt.db.read() as tx:
            step = await tx.conversations.get(f.id)
        assert step is not None
        refused = await moderation.revise(p.rt, f.id, p.dialogue_id, step, "z" * 501)
        assert refused == TooLong(500, 501)
        async with p.rt.db.read() as tx:
            assert await tx.conversations.get(f.id) is None
