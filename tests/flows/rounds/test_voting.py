"""Voting: one statement at a time, never twice; forged votes refused; progress."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.results import Tally
from flows.rounds.voting import (
    VOTE_LABELS,
    Ballot,
    Progress,
    Vote,
    cast,
    next_position,
    next_statement_for,
    parse_vote,
    progress,
    tally_votes,
)


def test_first_position_when_nothing_voted() -> None:
    assert next_position(set(), 3) == 0


def test_skips_voted_positions_and_fills_gaps() -> None:
    assert next_position({0, 1, 3}, 5) == 2
    assert next_position({0, 1, 2}, 5) == 3
    assert next_position({1, 2, 3, 4}, 5) == 0


def test_none_when_everything_is_voted() -> None:
    assert next_position({0, 1, 2}, 3) is None


def test_none_when_there_is_nothing_to_vote_on() -> None:
    assert next_position(set(), 0) is None


def test_positions_outside_the_round_do_not_count() -> None:
    assert next_position({5, 6, -1}, 2) == 0
    assert next_position({0, 1, 7}, 2) is None


@given(
    total=st.integers(min_value=0, max_value=40),
    voted=st.sets(st.integers(min_value=-3, max_value=45)),
)
def test_next_position_is_the_first_unvoted_or_none(total: int, voted: set[int]) -> None:
    result = next_position(voted, total)
    remaining = [p for p in range(total) if p not in voted]
    if remaining:
        assert result == remaining[0]
        assert result not in voted
        assert 0 <= result < total
    else:
        assert result is None


@given(total=st.integers(min_value=0, max_value=30), data=st.data())
def test_voting_through_a_round_visits_every_position_exactly_once(
    total: int, data: st.DataObject
) -> None:
    voted = data.draw(st.sets(st.integers(min_value=0, max_value=max(total - 1, 0))))
    voted = {p for p in voted if p < total}
    seen: list[int] = []
    while (position := next_position(voted, total)) is not None:
        assert position not in voted
        seen.append(position)
        voted.add(position)
        assert len(seen) <= total
    assert len(seen) == len(set(seen))
    assert voted == set(range(total))
    assert next_position(voted, total) is None


@pytest.mark.parametrize("vote", list(Vote))
def test_parse_vote_accepts_the_three_values(vote: Vote) -> None:
    assert parse_vote(vote.value) is vote


@pytest.mark.parametrize(
    "forged",
    [
        "",
        "AGREE",
        "Agree",
        " agree",
        "agree ",
        "pass\n",
        "yes",
        "no",
        "1",
        "-1",
        "0",
        "abstain",
        "agree;disagree",
        "agreee",
        "None",
        "vote:agree",
    ],
)
def test_parse_vote_refuses_forged_values(forged: str) -> None:
    assert parse_vote(forged) is None


@given(st.text(max_size=20))
def test_parse_vote_only_accepts_exact_values(value: str) -> None:
    result = parse_vote(value)
    if value in {"agree", "disagree", "pass"}:
        assert result is Vote(value)
    else:
        assert result is None


def test_every_vote_has_a_label() -> None:
    assert set(VOTE_LABELS) == set(Vote)


@pytest.mark.parametrize(
    ("done", "total", "finished"),
    [(0, 0, True), (0, 1, False), (2, 3, False), (3, 3, True), (4, 3, True), (0, 12, False)],
)
def test_progress_finished(done: int, total: int, finished: bool) -> None:
    assert Progress(done, total).finished is finished


@pytest.mark.parametrize(
    ("done", "total", "current"), [(0, 0, 0), (0, 5, 1), (2, 5, 3), (4, 5, 5), (5, 5, 5)]
)
def test_progress_current_card_number(done: int, total: int, current: int) -> None:
    assert Progress(done, total).current == current


# -- statements by id ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    id: str


ROUND = [Card("s1"), Card("s2"), Card("s3")]


def test_next_statement_for_follows_the_round_order() -> None:
    assert next_statement_for(set(), ROUND) == Card("s1")
    assert next_statement_for({"s1"}, ROUND) == Card("s2")
    assert next_statement_for({"s2"}, ROUND) == Card("s1")
    assert next_statement_for({"s1", "s3"}, ROUND) == Card("s2")
    assert next_statement_for({"s1", "s2", "s3"}, ROUND) is None
    assert next_statement_for(set(), []) is None


def test_seen_ids_outside_the_round_are_ignored() -> None:
    assert next_statement_for({"other", "s1"}, ROUND) == Card("s2")
    assert progress({"other", "s1"}, ROUND) == Progress(1, 3)


def test_progress_k_of_n() -> None:
    assert progress(set(), ROUND) == Progress(0, 3)
    assert progress({"s1", "s3"}, ROUND) == Progress(2, 3)
    assert progress({"s1", "s2", "s3"}, ROUND).finished
    assert progress(set(), []) == Progress(0, 0)


@given(
    n=st.integers(min_value=0, max_value=25),
    already=st.sets(st.integers(min_value=0, max_value=30)),
)
def test_a_voter_sees_every_statement_exactly_once(n: int, already: set[int]) -> None:
    statements = [Card(f"s{i}") for i in range(n)]
    seen = {f"s{i}" for i in already}
    shown: list[str] = []
    while (card := next_statement_for(seen, statements)) is not None:
        assert card.id not in seen
        shown.append(card.id)
        seen.add(card.id)
        assert progress(seen, statements).done == len({f"s{i}" for i in already if i < n}) + len(
            shown
        )
        assert len(shown) <= n
    assert len(shown) == len(set(shown))
    assert set(shown) | {f"s{i}" for i in already if i < n} == {s.id for s in statements}
    assert progress(seen, statements) == Progress(n, n)


# -- one vote per voter and statement -----------------------------------------------------------


def test_cast_first_vote_then_a_change() -> None:
    first = cast({}, "s1", Vote.AGREE)
    assert first.votes == {"s1": Vote.AGREE} and not first.changed
    second = cast(first.votes, "s1", Vote.DISAGREE)
    assert second.votes == {"s1": Vote.DISAGREE} and second.changed
    third = cast(second.votes, "s2", Vote.PASS)
    assert third.votes == {"s1": Vote.DISAGREE, "s2": Vote.PASS} and not third.changed
    assert first.votes == {"s1": Vote.AGREE}  # not mutated


def test_tally_votes_by_hand() -> None:
    com, pol = Role.COMMUNITY, Role.POLICE
    ballots = [
        Ballot("v1", com, "s1", Vote.AGREE),
        Ballot("v2", com, "s1", Vote.AGREE),
        Ballot("v3", pol, "s1", Vote.DISAGREE),
        Ballot("v2", com, "s1", Vote.PASS),  # v2 changes their mind
        Ballot("v3", pol, "s2", Vote.AGREE),
        Ballot("v1", com, "s1", Vote.AGREE),  # the same vote again: still one
    ]
    assert tally_votes(ballots) == {
        "s1": {com: Tally(1, 0, 1), pol: Tally(0, 1, 0)},
        "s2": {pol: Tally(1, 0, 0)},
    }
    assert list(tally_votes(ballots)) == ["s1", "s2"]


ballots_st = st.lists(
    st.builds(
        Ballot,
        st.sampled_from([f"v{i}" for i in range(6)]),
        st.just(Role.COMMUNITY),
        st.sampled_from(["s1", "s2", "s3"]),
        st.sampled_from(list(Vote)),
    ),
    max_size=40,
)


def _with_roles(ballots: list[Ballot]) -> list[Ballot]:
    # A voter keeps one role: derive it from the voter key.
    return [
        Ballot(b.voter, STAKEHOLDER_ROLES[int(b.voter[1:]) % 3], b.statement_id, b.vote)
        for b in ballots
    ]


@given(ballots_st)
def test_each_voter_counts_once_per_statement_with_their_latest_vote(
    raw: list[Ballot],
) -> None:
    ballots = _with_roles(raw)
    result = tally_votes(ballots)
    for statement_id in {b.statement_id for b in ballots}:
        voters = {b.voter for b in ballots if b.statement_id == statement_id}
        cells = result[statement_id]
        assert sum(t.votes for t in cells.values()) == len(voters)
        latest: dict[str, Ballot] = {}
        for b in ballots:
            if b.statement_id == statement_id:
                latest[b.voter] = b
        for role in STAKEHOLDER_ROLES:
            mine = [b for b in latest.values() if b.role is role]
            expected = Tally(
                sum(b.vote is Vote.AGREE for b in mine),
                sum(b.vote is Vote.DISAGREE for b in mine),
                sum(b.vote is Vote.PASS for b in mine),
            )
            assert cells.get(role, Tally()) == expected
    assert set(result) == {b.statement_id for b in ballots}


@given(ballots_st)
def test_tally_agrees_with_cast_replayed_per_voter(raw: list[Ballot]) -> None:
    ballots = _with_roles(raw)
    books: dict[str, dict[str, Vote]] = {}
    for b in ballots:
        books[b.voter] = dict(cast(books.get(b.voter, {}), b.statement_id, b.vote).votes)
    total_votes = sum(t.votes for cells in tally_votes(ballots).values() for t in cells.values())
    assert total_votes == sum(len(book) for book in books.values())
