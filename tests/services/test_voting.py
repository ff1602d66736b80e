"""Voting through the use cases, on a real database: cards, votes, refusals and tallies."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from flows.dialogues import Person
from flows.roles import Role
from flows.rounds.lifecycle import Event, Round, RoundSettings
from flows.rounds.results import Tally
from flows.rounds.statements import CapReached, Statement
from flows.rounds.voting import Ballot, Vote, VoteRefusal, tally_votes
from services import rounds, statements, voting
from services.keys import keyed
from tests.services.round_place import Place, place


def _author(p: Place, statement: Statement) -> Person:
    """Who wrote ``S{i}`` in :func:`_voting_round`: the first of the community or the police."""
    return p.people[(Role.COMMUNITY, Role.POLICE)[int(statement.text[1:]) % 2]][0]


async def _voting_round(p: Place, n: int = 4, **settings: object) -> Round:
    opened = await rounds.open_round(
        p.rt,
        p.dialogue_id,
        RoundSettings(moderation=False, **settings),
        "trust",  # type: ignore[arg-type]
    )
    assert isinstance(opened, Round)
    for i in range(n):
        role = (Role.COMMUNITY, Role.POLICE)[i % 2]
        author = p.people[role][0]
        saved = await statements.submit(p.rt, author, p.dialogue_id, role, "en", f"S{i}")
        assert isinstance(saved, statements.Saved)
    await rounds.advance(p.rt, p.dialogue_id)
    return opened


async def test_each_voter_goes_through_every_statement_once(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _voting_round(p, n=4)
        async with p.rt.db.read() as tx:
            written = await tx.statements.in_voting_order(r.id)
        starts = set()
        for person in p.people[Role.COMMUNITY] + p.people[Role.POLICE]:
            own = {s.id for s in written if _author(p, s) == person}
            deck = 4 - len(own)  # the two authors never see their own two statements
            card = await voting.voting_card(p.rt, r.id, person.id)
            assert card is not None and card.statement is not None
            starts.add(card.statement.id)
            seen = []
            while card is not None and card.statement is not None:
                assert (card.progress.done, card.progress.total) == (len(seen), deck)
                assert card.progress.current == len(seen) + 1
                seen.append(card.statement.id)
                voted = await voting.vote(p.rt, person, card.statement.id, Vote.AGREE)
                assert isinstance(voted, voting.Voted) and not voted.changed
                card = voted.next_card
            assert card is not None and card.progress.finished
            assert len(seen) == len(set(seen)) == deck
            assert not own & set(seen)
        assert len(starts) > 1  # voters start at different places in the order


async def test_a_second_press_changes_the_vote_and_keeps_the_card(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _voting_round(p, n=2)
        voter = p.people[Role.OFFICIAL][0]
        card = await voting.voting_card(p.rt, r.id, voter.id)
        assert card is not None and card.statement is not None
        first = card.statement.id
        voted = await voting.vote(p.rt, voter, first, Vote.AGREE)
        assert isinstance(voted, voting.Voted) and voted.next_card is not None
        again = await voting.vote(p.rt, voter, first, Vote.DISAGREE)  # from the older card
        assert isinstance(again, voting.Voted) and again.changed and again.next_card is None
        now = await voting.voting_card(p.rt, r.id, voter.id)
        assert now is not None and now.statement == voted.next_card.statement
        async with p.rt.db.read() as tx:
            tallies = await tx.votes.tallies(r.id)
        assert tallies[first][Role.OFFICIAL].disagrees == 1
        assert tallies[first][Role.OFFICIAL].votes == 1


async def test_votes_are_refused_outside_voting_and_outside_the_asked_groups(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        r = await _voting_round(p, n=1, roles=(Role.COMMUNITY, Role.POLICE))
        async with p.rt.db.read() as tx:
            (statement,) = await tx.statements.in_voting_order(r.id)
        official, resident = p.people[Role.OFFICIAL][0], p.people[Role.COMMUNITY][0]
        assert await voting.vote(p.rt, official, statement.id, Vote.AGREE) is VoteRefusal.STALE
        assert await voting.vote(p.rt, resident, "forged", Vote.AGREE) is VoteRefusal.STALE
        await rounds.advance(p.rt, p.dialogue_id, Event.CLOSE)
        assert await voting.vote(p.rt, resident, statement.id, Vote.AGREE) is VoteRefusal.CLOSED
        assert await voting.voting_card(p.rt, r.id, resident.id) is None
        async with p.rt.db.read() as tx:  # only its author's agree, from writing it
            assert await tx.votes.tallies(r.id) == {statement.id: {Role.COMMUNITY: Tally(1)}}


async def test_the_stored_tallies_are_the_reference_tallies(tmp_path: Path) -> None:
    """What SQL aggregates is what :func:`flows.rounds.voting.tally_votes` says it must be:
    each voter's latest vote, once per statement, by role."""
    async with place(tmp_path, {Role.COMMUNITY: 4, Role.POLICE: 3}) as p:
        r = await _voting_round(p, n=3)
        async with p.rt.db.read() as tx:
            order = [s.id for s in await tx.statements.in_voting_order(r.id)]
        async with p.rt.db.read() as tx:
            written = await tx.statements.in_voting_order(r.id)
        ballots = [  # writing counts as agreeing
            Ballot(keyed(p.rt.secret, "vote", s.id, _author(p, s).id), role, s.id, Vote.AGREE)
            for s in written
            for role in [
                Role.COMMUNITY if _author(p, s) in p.people[Role.COMMUNITY] else Role.POLICE
            ]
        ]
        presses = [(0, 0, Vote.AGREE), (0, 0, Vote.PASS), (1, 1, Vote.DISAGREE), (2, 2, Vote.AGREE)]
        for role in (Role.COMMUNITY, Role.POLICE):
            for i, person in enumerate(p.people[role]):
                for who, which, choice in presses:
                    if who == i % 3:
                        statement_id = order[which]
                        await voting.vote(p.rt, person, statement_id, choice)
                        voter = keyed(p.rt.secret, "vote", statement_id, person.id)
                        ballots.append(Ballot(voter, role, statement_id, choice))
        async with p.rt.db.read() as tx:
            stored = await tx.votes.tallies(r.id)
        reference = tally_votes(ballots)
        assert {sid: cells for sid, cells in stored.items() if cells} == reference


async def test_forgetting_and_rejoining_never_votes_twice_and_counts_the_role_now(
    tmp_path: Path,
) -> None:
    """A hundred rounds of /forgetme, rejoining (under another role half the time) and voting
    again on the same statement: one vote per distinct person, under their current role."""
    async with place(tmp_path) as p:
        r = await _voting_round(p, n=1)
        async with p.rt.db.read() as tx:
            (statement,) = await tx.statements.of_round(r.id)
        voter = p.people[Role.COMMUNITY][0]
        ids_given: set[int] = set()
        for n in range(100):
            role = (Role.COMMUNITY, Role.OFFICIAL)[n % 2]
            voted = await voting.vote(p.rt, voter, statement.id, (Vote.AGREE, Vote.PASS)[n % 2])
            assert isinstance(voted, voting.Voted)
            async with p.rt.db.transaction() as tx:
                await tx.people.delete(voter.id)  # /forgetme
                voter = await tx.people.create(voter.telegram_id, "en", p.clock())
                await tx.people.add_membership(voter.id, p.dialogue_id, role, p.clock())
            assert voter.id not in ids_given  # an id is never given twice
            ids_given.add(voter.id)
        async with p.rt.db.read() as tx:
            rows = await tx.conn.execute_fetchall(
                "SELECT voter_role, vote FROM votes WHERE statement_id = ?", (statement.id,)
            )
        assert [tuple(row) for row in rows] == [("community", "pass")]  # one, as they are now


async def test_a_vote_on_a_statement_not_approved_is_refused(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        opened = await rounds.open_round(
            p.rt,
            p.dialogue_id,
            RoundSettings(moderation=True),
            "trust",  # type: ignore[arg-type]
        )
        assert isinstance(opened, Round)
        author = p.people[Role.COMMUNITY][0]
        saved = await statements.submit(p.rt, author, p.dialogue_id, Role.COMMUNITY, "en", "S")
        assert isinstance(saved, statements.Saved)
        voter = p.people[Role.POLICE][0]
        refused = await voting.vote(p.rt, voter, saved.statement.id, Vote.AGREE)
        assert refused is VoteRefusal.STALE  # pending: never on a card, never counted
        async with p.rt.db.read() as tx:
            assert await tx.conn.execute_fetchall("SELECT * FROM votes") == []


async def test_one_person_sends_at_most_the_cap_to_a_round(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        p.rt.settings = replace(p.rt.settings, statements_per_round=2)
        opened = await rounds.open_round(
            p.rt,
            p.dialogue_id,
            RoundSettings(moderation=False),
            "trust",  # type: ignore[arg-type]
        )
        assert isinstance(opened, Round)
        author, other = p.people[Role.COMMUNITY][:2]
        for text in ("One", "Two"):
            saved = await statements.submit(p.rt, author, p.dialogue_id, Role.COMMUNITY, "en", text)
            assert isinstance(saved, statements.Saved)
        capped = await statements.submit(p.rt, author, p.dialogue_id, Role.COMMUNITY, "en", "3")
        assert capped == CapReached(2)
        saved = await statements.submit(p.rt, other, p.dialogue_id, Role.COMMUNITY, "en", "Mine")
        assert isinstance(saved, statements.Saved) and saved.yours == 1
