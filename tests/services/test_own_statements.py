"""An author's own statement: agreed with by writing it, never offered back, and named only as
far as at least k people share what it says of them."""

from __future__ import annotations

from pathlib import Path

from flows.roles import Role
from flows.rounds.lifecycle import Round, RoundSettings
from flows.rounds.moderation import Approve, ModerationRefusal, Reject
from flows.rounds.statements import StatementStatus
from flows.rounds.voting import Vote
from services import moderation, round_keys, rounds, statements, voting
from services.round_keys import vote_row_key
from tests.services.round_place import Place, place


async def _open(p: Place, moderated: bool = False) -> Round:
    opened = await rounds.open_round(
        p.rt, p.dialogue_id, RoundSettings(moderation=moderated), "trust"
    )
    assert isinstance(opened, Round)
    return opened


async def _write(p: Place, role: Role, text: str, who: int = 0, language: str = "en") -> str:
    saved = await statements.submit(p.rt, p.people[role][who], p.dialogue_id, role, language, text)
    assert isinstance(saved, statements.Saved)
    return saved.statement.id


async def _votes(p: Place, statement_id: str) -> list[tuple[str, str, str]]:
    async with p.rt.db.read() as tx:
        rows = await tx.conn.execute_fetchall(
            "SELECT key, voter_role, vote FROM votes WHERE statement_id = ?", (statement_id,)
        )
    return [tuple(row) for row in rows]


async def test_writing_is_agreeing_and_the_author_is_never_offered_their_statement(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        r = await _open(p)
        author = p.people[Role.POLICE][0]
        mine = await _write(p, Role.POLICE, "Light the market")
        other = await _write(p, Role.COMMUNITY, "Patrol at night")
        assert await _votes(p, mine) == []  # nothing while collecting
        await rounds.advance(p.rt, p.dialogue_id)
        key = vote_row_key(p.rt, r.id, mine, author.telegram_id)
        assert await _votes(p, mine) == [(key, "police", "agree")]
        card = await voting.voting_card(p.rt, r.id, author.id)
        assert card is not None and card.statement is not None
        assert card.statement.id == other
        assert (card.progress.current, card.progress.total) == (1, 1)  # "Statement 1 of 1"
        voted = await voting.vote(p.rt, author, other, Vote.DISAGREE)
        assert isinstance(voted, voting.Voted) and voted.next_card is not None
        assert voted.next_card.statement is None and voted.next_card.progress.finished
        # A forged press on their own statement changes their agree, never adds a vote.
        again = await voting.vote(p.rt, author, mine, Vote.PASS)
        assert isinstance(again, voting.Voted) and again.changed
        assert await _votes(p, mine) == [(key, "police", "pass")]
        someone = p.people[Role.OFFICIAL][0]
        card = await voting.voting_card(p.rt, r.id, someone.id)
        assert card is not None and card.progress.total == 2  # everyone else sees both


async def test_withdrawn_rejected_and_unpublished_statements_keep_no_agree(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, moderated=True)
        kept = await _write(p, Role.COMMUNITY, "Keep the lights on")
        taken_back = await _write(p, Role.COMMUNITY, "Never mind")
        refused = await _write(p, Role.POLICE, "Something with a name")
        left_pending = await _write(p, Role.POLICE, "Nobody looked at this one")
        assert await statements.withdraw(p.rt, p.people[Role.COMMUNITY][0], taken_back)
        for sid, decision in ((kept, Approve()), (refused, Reject())):
            done = await moderation.moderate(p.rt, p.dialogue_id, sid, decision)
            assert not isinstance(done, ModerationRefusal)
        await rounds.advance(p.rt, p.dialogue_id)  # to moderation: the authors agree
        assert [len(await _votes(p, s)) for s in (kept, taken_back, refused, left_pending)] == [
            1,
            0,
            1,  # a rejected statement may still be approved while moderating
            1,
        ]
        await rounds.advance(p.rt, p.dialogue_id)  # to voting: only the approved one is put
        assert [len(await _votes(p, s)) for s in (kept, taken_back, refused, left_pending)] == [
            1,
            0,
            0,
            0,
        ]
        async with p.rt.db.read() as tx:
            tallies = await tx.votes.tallies(r.id)
        assert set(tallies) == {kept}


async def test_a_key_lost_before_voting_costs_the_authors_agrees_and_nothing_counts_twice(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, moderated=True)
        author = p.people[Role.COMMUNITY][0]
        mine = await _write(p, Role.COMMUNITY, "Keep the lights on")
        approved = await moderation.moderate(p.rt, p.dialogue_id, mine, Approve())
        assert not isinstance(approved, ModerationRefusal)
        await rounds.advance(p.rt, p.dialogue_id)
        assert len(await _votes(p, mine)) == 1
        round_keys.destroy(p.rt, r.id)  # a RAM-disk key directory, and a restart
        await rounds.advance(p.rt, p.dialogue_id)
        assert await _votes(p, mine) == []  # under a key nobody has: it could not be found
        assert not round_keys.key_was_lost(p.rt, r.id)  # nothing is under the new key yet
        card = await voting.voting_card(p.rt, r.id, author.id)
        assert card is not None and card.statement is not None and card.statement.id == mine
        voted = await voting.vote(p.rt, author, mine, Vote.AGREE)
        assert isinstance(voted, voting.Voted) and not voted.changed
        assert len(await _votes(p, mine)) == 1


async def test_one_arabic_speaking_officer_among_french_speaking_ones_is_a_participant(
    tmp_path: Path,
) -> None:
    async with place(tmp_path, {Role.COMMUNITY: 5, Role.POLICE: 6, Role.FACILITATOR: 1}) as p:
        async with p.rt.db.transaction() as tx:
            for n, officer in enumerate(p.people[Role.POLICE]):
                await tx.people.set_language(officer.id, "ar" if n == 0 else "fr")
        r = await _open(p, moderated=True)
        arabic = await _write(p, Role.POLICE, "الإنارة في السوق", language="ar")
        french = await _write(p, Role.POLICE, "Éclairer le marché", who=1, language="fr")
        english = await _write(p, Role.COMMUNITY, "Light the market")
        # The facilitator's card says no more than voters will read, while it collects too.
        shown = {}
        while (pending := await moderation.next_pending(p.rt, p.dialogue_id)) is not None:
            if pending.statement is None:
                break
            shown[pending.statement.id] = pending.statement
            await moderation.moderate(p.rt, p.dialogue_id, pending.statement.id, Approve())
        assert shown[arabic].author_role is None and not shown[arabic].language_named
        assert shown[french].author_role is Role.POLICE and shown[french].language_named
        await rounds.advance(p.rt, p.dialogue_id)
        async with p.rt.db.read() as tx:
            stored = {s.id: s for s in await tx.statements.of_round(r.id)}
        assert stored[arabic].author_role is None and not stored[arabic].language_named
        assert stored[french].author_role is Role.POLICE and stored[french].language_named
        assert stored[english].author_role is Role.COMMUNITY and stored[english].language_named
        # The officer's own agree still counts as a police officer's.
        assert [row[1:] for row in await _votes(p, arabic)] == [("police", "agree")]
        assert stored[arabic].status is StatementStatus.APPROVED


async def test_a_decks_keys_are_the_vote_keys(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        ids = ["a1", "b2", "c3"]
        assert round_keys.vote_row_keys(p.rt, "r1", ids, 4242) == [
            vote_row_key(p.rt, "r1", sid, 4242) for sid in ids
        ]
