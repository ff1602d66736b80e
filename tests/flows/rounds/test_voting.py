"""Voting: one statement at a time, never twice; forged votes refused; progress."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.results import Tally
from flows.rounds.voting import (
    VOTE_LABELS,
    Ballot,
    Progress,
    Vote,
    VoteRefusal,
    cast,
    deck,
    may_vote,
    moves_on,
    next_card,
    parse_vote,
    progress,
    tally_votes,
)


def test_first_card_is_where_the_voter_starts() -> None:
    assert next_card(0, 0, 3) == 0
    assert next_card(2, 0, 3) == 2
    assert next_card(7, 0, 3) == 1  # any rotation, taken round the order


def test_cards_go_round_the_order_from_the_start() -> None:
    assert [next_card(3, done, 5) for done in range(5)] == [3, 4, 0, 1, 2]


def test_none_when_everything_is_voted() -> None:
    assert next_card(1, 3, 3) is None
    assert next_card(1, 4, 3) is None


def test_none_when_there_is_nothing_to_vote_on() -> None:
    assert next_card(0, 0, 0) is None
    assert next_card(5, 0, 0) is None


@given(
    rotation=st.integers(min_value=0, max_value=2**32),
    total=st.integers(min_value=0, max_value=40),
)
def test_voting_through_a_round_visits_every_position_exactly_once(
    rotation: int, total: int
) -> None:
    seen: list[int] = []
    done = 0
    while (position := next_card(rotation, done, total)) is not None:
        assert 0 <= position < total
        assert position not in seen
        seen.append(position)
        done += 1
        assert len(seen) <= total
    assert sorted(seen) == list(range(total))
    assert next_card(rotation, done, total) is None


@given(
    rotation=st.integers(min_value=0, max_value=2**32),
    total=st.integers(min_value=1, max_value=40),
    done=st.integers(min_value=0, max_value=45),
)
def test_the_next_card_is_within_the_round_or_none(rotation: int, total: int, done: int) -> None:
    position = next_card(rotation, done, total)
    if done < total:
        assert position is not None and 0 <= position < total
    else:
        assert position is None


def test_only_a_vote_on_the_card_shown_moves_the_voter_on() -> None:
    assert moves_on("s2", "s2")
    assert not moves_on("s2", "s1")  # a change of mind on an earlier card
    assert not moves_on(None, "s1")  # through already: an old card changes its vote only


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


# -- who may vote -------------------------------------------------------------------------------


def _round(phase: Phase, roles: tuple[Role, ...] = STAKEHOLDER_ROLES) -> Round:
    start = datetime(2026, 11, 21, tzinfo=UTC)
    return Round("r1", 1, phase, start, RoundSettings(roles=roles))


@pytest.mark.parametrize("role", STAKEHOLDER_ROLES)
def test_the_asked_groups_vote_while_the_round_votes(role: Role) -> None:
    assert may_vote(_round(Phase.VOTING), role) is None


def test_a_group_the_round_does_not_ask_cannot_vote() -> None:
    r = _round(Phase.VOTING, (Role.COMMUNITY, Role.POLICE))
    assert may_vote(r, Role.OFFICIAL) is VoteRefusal.STALE
    assert may_vote(r, Role.FACILITATOR) is VoteRefusal.STALE
    # not asked is refused as such, whatever the phase
    assert may_vote(_round(Phase.CLOSED, (Role.POLICE,)), Role.OFFICIAL) is VoteRefusal.STALE


@pytest.mark.parametrize("phase", [Phase.COLLECTING, Phase.MODERATING])
def test_no_vote_before_voting(phase: Phase) -> None:
    assert may_vote(_round(phase), Role.COMMUNITY) is VoteRefusal.STALE


def test_a_closed_round_says_so() -> None:
    assert may_vote(_round(Phase.CLOSED), Role.COMMUNITY) is VoteRefusal.CLOSED


def test_a_deck_skips_what_the_voter_has_a_vote_on_their_own_statements_included() -> None:
    # Order from rotation 3 of 5: 3, 4, 0, 1, 2; the voter wrote 4 and voted on 3.
    assert deck(3, 5, {3, 4}) == [0, 1, 2]
    assert progress(1, len(deck(3, 5, {3, 4}))) == Progress(1, 4)  # "Statement 2 of 4"
    assert deck(3, 5, {0, 1, 2, 3, 4}) == []
    assert deck(0, 0, set()) == []


def test_with_the_votes_lost_a_deck_starts_after_the_cards_voted_on() -> None:
    assert deck(3, 5, set(), start=2) == [0, 1, 2]
    assert deck(3, 5, {1}, start=2) == [0, 2]  # voted on since, under the new key


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=12),
    st.data(),
)
def test_a_voter_goes_through_every_statement_but_their_own_once(
    rotation: int, total: int, data: st.DataObject
) -> None:
    own = data.draw(st.sets(st.integers(min_value=0, max_value=max(total - 1, 0)), max_size=total))
    own &= set(range(total))
    voted, done, shown = set(own), 0, []
    while still := deck(rotation, total, voted):
        assert progress(done, len(still)) == Progress(done, total - len(own))
        shown.append(still[0])
        voted.add(still[0])
        done += 1
    assert sorted(shown) == sorted(set(range(total)) - own)
