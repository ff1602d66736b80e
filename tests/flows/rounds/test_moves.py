"""What opening a round and entering each phase cause: pure decisions, as transcripts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.notices import ModerationReady, RoundPrompt, RoundResults, VotingOpen
from flows.roles import Role
from flows.rounds.attribution import writers
from flows.rounds.lifecycle import (
    REFUSAL_MESSAGES,
    Event,
    Phase,
    Refusal,
    Round,
    RoundSettings,
    advance,
)
from flows.rounds.moves import (
    AuthorAgrees,
    Effect,
    FixVotingOrder,
    ForgetAuthors,
    ForgetProgress,
    ForgetUnpublishedVotes,
    Members,
    SaveStatement,
    audience,
    enter,
    open_round,
    shuffled,
)
from flows.rounds.statements import Statement, StatementStatus, approve

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
MEMBERS = {
    Role.COMMUNITY: [3, 1],
    Role.POLICE: [4],
    Role.OFFICIAL: [5],
    Role.FACILITATOR: [9, 2],
}
SEED = b"\x01" * 8
K = 5
#: Enough English-speaking community members that nothing about them narrows below k.
CROWD = writers([(Role.COMMUNITY, "en")] * K)


def _enter(
    before: Round,
    after: Round,
    members: Members,
    statements: list[Statement],
    seed: bytes,
    by: int | None = None,
    crowd: object = CROWD,
) -> list[Effect]:
    return enter(before, after, members, statements, seed, by, crowd=crowd, k=K)  # type: ignore[arg-type]


def _round(phase: Phase = Phase.COLLECTING, **settings: object) -> Round:
    return Round("r1", 1, phase, NOW, RoundSettings(**settings))  # type: ignore[arg-type]


def _statement(sid: str, status: StatementStatus) -> Statement:
    return Statement(sid, "r1", f"text {sid}", Role.COMMUNITY, "en", status)


def _moved(before: Round, event: Event = Event.NEXT) -> Round:
    after = advance(before, event, NOW + timedelta(hours=1))
    assert isinstance(after, Round)
    return after


def test_audience_by_role_in_profile_order_without_the_mover() -> None:
    assert audience(MEMBERS) == [1, 2, 3, 4, 5, 9]
    assert audience(MEMBERS, (Role.COMMUNITY, Role.OFFICIAL)) == [1, 3, 5]
    assert audience(MEMBERS, (Role.FACILITATOR,), but=9) == [2]
    assert audience({}, (Role.POLICE,)) == []


def test_opening_prompts_the_asked_groups() -> None:
    new = _round(roles=(Role.COMMUNITY, Role.POLICE))
    assert open_round([], new, MEMBERS) == [
        RoundPrompt(1, "r1"),
        RoundPrompt(3, "r1"),
        RoundPrompt(4, "r1"),
    ]


def test_opening_is_refused_while_a_round_is_open_before_the_settings_are_read() -> None:
    other_dialogue = Round("r0", 2, Phase.VOTING, NOW, RoundSettings())
    assert isinstance(open_round([other_dialogue], _round(), MEMBERS), list)
    still_open = Round("r0", 1, Phase.MODERATING, NOW, RoundSettings())
    assert open_round([still_open], _round(roles=()), MEMBERS) is Refusal.ROUND_OPEN
    assert open_round([], _round(roles=()), MEMBERS) is Refusal.NO_ROLES
    assert open_round([], _round(statement_limit=0), MEMBERS) is Refusal.BAD_LIMIT


def test_collecting_ends_the_author_links_and_calls_the_other_facilitators() -> None:
    before = _round()
    after = _moved(before)
    assert after.phase is Phase.MODERATING
    assert _enter(before, after, MEMBERS, [], SEED, by=9) == [
        ForgetAuthors("r1"),
        ModerationReady(2, "r1"),
    ]
    assert _enter(before, after, MEMBERS, [], SEED) == [
        ForgetAuthors("r1"),
        ModerationReady(2, "r1"),
        ModerationReady(9, "r1"),
    ]


def test_with_moderation_voting_opens_on_the_approved_statements_only() -> None:
    before = _round(Phase.MODERATING)
    after = _moved(before)
    written = [
        _statement("b", StatementStatus.APPROVED),
        _statement("a", StatementStatus.APPROVED),
        _statement("c", StatementStatus.PENDING),
        _statement("d", StatementStatus.REJECTED),
    ]
    effects = _enter(before, after, MEMBERS, written, SEED)
    assert not any(isinstance(e, ForgetAuthors | SaveStatement) for e in effects)
    (order,) = [e for e in effects if isinstance(e, FixVotingOrder)]
    assert sorted(order.statement_ids) == ["a", "b"]
    assert order.statement_ids == tuple(shuffled(["a", "b"], SEED))
    told = [e for e in effects if isinstance(e, VotingOpen)]
    assert told == [VotingOpen(p, "r1") for p in (1, 3, 4, 5)]


def test_without_moderation_what_was_written_is_approved_as_voting_opens() -> None:
    before = _round(moderation=False)
    after = _moved(before)
    assert after.phase is Phase.VOTING
    pending = _statement("p", StatementStatus.PENDING)
    written = [
        pending,
        _statement("w", StatementStatus.WITHDRAWN),
        _statement("x", StatementStatus.REJECTED),
    ]
    effects = _enter(before, after, MEMBERS, written, SEED)
    assert effects[:5] == [
        AuthorAgrees("p", Role.COMMUNITY),  # only what goes to the vote: not the rejected one
        ForgetAuthors("r1"),
        SaveStatement(approve(pending)),
        FixVotingOrder(("p",)),
        ForgetUnpublishedVotes("r1"),
    ]


def test_closing_forgets_progress_and_tells_everyone_but_the_closer() -> None:
    before = _round(Phase.VOTING)
    after = _moved(before, Event.CLOSE)
    assert _enter(before, after, MEMBERS, [], SEED, by=2) == [
        ForgetProgress("r1"),
        *[RoundResults(p, "r1") for p in (1, 3, 4, 5, 9)],
    ]


@pytest.mark.parametrize("phase", [Phase.COLLECTING, Phase.MODERATING])
def test_closing_early_still_forgets_authors_when_collecting(phase: Phase) -> None:
    before = _round(phase)
    effects = _enter(before, _moved(before, Event.CLOSE), MEMBERS, [], SEED)
    assert (ForgetAuthors("r1") in effects) is (phase is Phase.COLLECTING)


def test_authors_agree_with_what_they_wrote_before_the_link_to_them_ends() -> None:
    before = _round()
    written = [
        _statement("a", StatementStatus.APPROVED),
        _statement("p", StatementStatus.PENDING),
        _statement("r", StatementStatus.REJECTED),  # may still be approved while moderating
        _statement("w", StatementStatus.WITHDRAWN),
    ]
    effects = _enter(before, _moved(before), MEMBERS, written, SEED)
    assert effects[:4] == [
        AuthorAgrees("a", Role.COMMUNITY),
        AuthorAgrees("p", Role.COMMUNITY),
        AuthorAgrees("r", Role.COMMUNITY),
        ForgetAuthors("r1"),
    ]


def test_a_round_closed_while_collecting_records_no_agree() -> None:
    before = _round()
    written = [_statement("a", StatementStatus.APPROVED)]
    effects = _enter(before, _moved(before, Event.CLOSE), MEMBERS, written, SEED)
    assert not any(isinstance(e, AuthorAgrees) for e in effects)
    assert ForgetAuthors("r1") in effects


def test_closing_from_moderation_drops_the_agrees_never_put_to_the_vote() -> None:
    before = _round(Phase.MODERATING)
    effects = _enter(before, _moved(before, Event.CLOSE), MEMBERS, [], SEED)
    assert effects[:2] == [ForgetUnpublishedVotes("r1"), ForgetProgress("r1")]


def test_collecting_ends_with_what_a_statement_may_say_of_its_author_decided() -> None:
    """One Arabic-speaking police officer among French-speaking ones: their statement names
    neither their group nor their language; the author still agrees under their own role."""
    before = _round()
    crowd = writers([(Role.POLICE, "fr")] * 6 + [(Role.POLICE, "ar")])
    theirs = Statement("s", "r1", "نص", Role.POLICE, "ar", StatementStatus.PENDING)
    french = Statement("f", "r1", "texte", Role.POLICE, "fr", StatementStatus.PENDING)
    effects = _enter(before, _moved(before), MEMBERS, [theirs, french], SEED, crowd=crowd)
    assert effects[:4] == [
        AuthorAgrees("s", Role.POLICE),
        AuthorAgrees("f", Role.POLICE),
        ForgetAuthors("r1"),
        SaveStatement(
            Statement("s", "r1", "نص", None, "ar", StatementStatus.PENDING, language_named=False)
        ),
    ]
    assert not any(isinstance(e, SaveStatement) and e.statement.id == "f" for e in effects)


def test_voting_checks_the_attribution_again_with_the_members_of_the_moment() -> None:
    before = _round(Phase.MODERATING)
    shown = Statement("s", "r1", "text", Role.OFFICIAL, "en", StatementStatus.APPROVED)
    few = writers([(Role.OFFICIAL, "en")] * (K - 1) + [(Role.COMMUNITY, "en")] * K)
    effects = _enter(before, _moved(before), MEMBERS, [shown], SEED, crowd=few)
    assert SaveStatement(Statement("s", "r1", "text", None, "en", StatementStatus.APPROVED)) in (
        effects
    )
    assert FixVotingOrder(("s",)) in effects
    assert not any(isinstance(e, AuthorAgrees | ForgetAuthors) for e in effects)


@given(
    st.lists(st.text(min_size=1, max_size=4), unique=True, max_size=12),
    st.binary(min_size=8, max_size=8),
)
def test_shuffled_is_a_permutation_fixed_by_its_seed(items: list[str], seed: bytes) -> None:
    order = shuffled(items, seed)
    assert sorted(order) == sorted(items)
    assert shuffled(items, seed) == order


def test_different_seeds_give_different_orders() -> None:
    items = [f"s{i}" for i in range(8)]
    orders = {tuple(shuffled(items, bytes([n]) * 8)) for n in range(20)}
    assert len(orders) > 10


def test_every_refusal_has_its_own_message() -> None:
    assert set(REFUSAL_MESSAGES) == set(Refusal)
    assert len(set(REFUSAL_MESSAGES.values())) == len(Refusal)
    assert all(r.message == REFUSAL_MESSAGES[r] and r.message.strip() for r in Refusal)
