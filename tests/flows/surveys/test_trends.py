"""Trends per dialogue, wave and role: counts, suppression, changes, gaps, uncertainty."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import Role
from flows.surveys.instruments import default_instrument
from flows.surveys.items import SKIPPED
from flows.surveys.scoring import score
from flows.surveys.trends import (
    DialogueTrends,
    IndexKind,
    RoleWave,
    WaveInput,
    dialogue_trends,
)

INSTRUMENT = default_instrument()
THIRD = 100 / 3


def records(n: int, **answers: str) -> tuple[dict[str, str], ...]:
    return tuple(dict(answers) for _ in range(n))


def group(role: Role, responses, invited: int | None = None, blocked: int = 0) -> RoleWave:
    responses = tuple(responses)
    invited = len(responses) + blocked + 3 if invited is None else invited
    return RoleWave(role, invited, blocked, len(responses), responses)


def trends(*waves: tuple[RoleWave, ...], k: int = 5, closed: bool = True) -> DialogueTrends:
    inputs = [WaveInput(f"w{n}", closed, roles) for n, roles in enumerate(waves, 1)]
    return dialogue_trends("d1", INSTRUMENT, inputs, k=k)


def test_counts_and_response_rate_exclude_blocked_people() -> None:
    result = trends((group(Role.COMMUNITY, records(8, trust_police="a_lot"), 20, 4),))
    community = result.wave("w1").group(Role.COMMUNITY)
    assert community is not None
    assert (community.invited, community.blocked, community.answered) == (20, 4, 8)
    assert community.response_rate == 0.5
    assert result.dialogue_id == "d1" and result.instrument_id == "jsd_trust_v1"
    assert result.k == 5
    nobody = trends((RoleWave(Role.POLICE, 3, 3, 0, ()),)).wave("w1").group(Role.POLICE)
    assert nobody is not None and nobody.response_rate is None and not nobody.shown


@pytest.mark.parametrize(("k", "n"), [(5, 4), (5, 5), (3, 2), (3, 3), (8, 7), (8, 8)])
def test_groups_under_k_are_suppressed(k: int, n: int) -> None:
    result = trends((group(Role.COMMUNITY, records(n, trust_police="somewhat")),), k=k)
    community = result.wave("w1").group(Role.COMMUNITY)
    assert community is not None and community.answered == n
    if n < k:
        assert not community.shown
        assert community.index is None and community.items == ()
    else:
        assert community.shown
        assert community.index is not None and community.index.mean == pytest.approx(2 * THIRD)
        item = community.item("trust_police")
        assert item is not None and item.mean is not None and item.mean.n == n


def test_k_must_be_at_least_3() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        trends((), k=2)


def test_an_open_wave_shows_counts_only() -> None:
    result = trends((group(Role.COMMUNITY, records(9, trust_police="a_lot")),), closed=False)
    wave = result.wave("w1")
    community = wave.group(Role.COMMUNITY)
    assert not wave.closed and community is not None
    assert community.answered == 9 and not community.shown and community.index is None
    assert wave.gaps == ()


def test_inputs_are_checked() -> None:
    with pytest.raises(ValueError, match="among the invited"):
        RoleWave(Role.COMMUNITY, 5, 2, 4)
    with pytest.raises(ValueError, match="non-negative"):
        RoleWave(Role.COMMUNITY, -1, 0, 0)
    with pytest.raises(ValueError, match="answered ≠ records"):
        trends((RoleWave(Role.COMMUNITY, 9, 0, 6, records(5, trust_police="a_lot")),))
    with pytest.raises(ValueError, match="not asked"):
        trends((group(Role.POLICE, records(5, trust_police="a_lot")),))
    with pytest.raises(ValueError, match="unknown choice"):
        trends((group(Role.COMMUNITY, records(5, trust_police="lots")),))
    with pytest.raises(ValueError, match="duplicate wave"):
        dialogue_trends("d", INSTRUMENT, [WaveInput("w", True, ()), WaveInput("w", True, ())])
    twice = (group(Role.POLICE, ()), group(Role.POLICE, ()))
    with pytest.raises(ValueError, match="listed twice"):
        trends(twice)


def test_item_means_need_k_scored_answers_even_in_a_shown_group() -> None:
    responses = records(4, trust_police="dont_know", safe_after_dark="very_safe") + records(
        2, trust_police="a_lot", safe_after_dark="very_unsafe"
    )
    community = trends((group(Role.COMMUNITY, responses),)).wave("w1").group(Role.COMMUNITY)
    assert community is not None and community.shown
    trust = community.item("trust_police")
    assert trust is not None and trust.mean is None and trust.favourable is None
    assert trust.uncertain is True
    safety = community.item("safe_after_dark")
    assert safety is not None and safety.mean is not None
    assert safety.mean.mean == pytest.approx(100 * 4 / 6)
    assert safety.favourable is not None and safety.favourable.successes == 4
    assert safety.favourable.low < 4 / 6 < safety.favourable.high
    # Respondents' indices: four at 100 (safety only), two at (100 + 0) / 2.
    assert community.index is not None
    assert community.index.mean == pytest.approx((4 * 100 + 2 * 50) / 6)
    assert community.item("open_problem") is None  # open text is never summarised


@pytest.mark.parametrize(
    ("item_id", "unsure", "answer", "flagged"),
    [
        ("trust_police", 3, "dont_know", False),  # 30 %: not more than 30 %
        ("trust_police", 4, "dont_know", True),
        ("trust_police", 4, SKIPPED, True),
        ("safe_after_dark", 4, SKIPPED, True),
        ("safe_after_dark", 7, "never_alone", False),  # an answer, not uncertainty
    ],
)
def test_areas_of_uncertainty(item_id: str, unsure: int, answer: str, flagged: bool) -> None:
    sure = INSTRUMENT.item(item_id).scale.scored[-1].id
    responses = records(unsure, **{item_id: answer}) + records(10 - unsure, **{item_id: sure})
    community = trends((group(Role.COMMUNITY, responses),)).wave("w1").group(Role.COMMUNITY)
    assert community is not None
    item = community.item(item_id)
    assert item is not None and item.uncertain is flagged
    assert community.uncertain_items == ((item_id,) if flagged else ())


def test_uncertainty_needs_k_people_who_reached_the_item() -> None:
    responses = records(3, trust_police="dont_know", pj_fair="often") + records(
        3, trust_police="a_lot"
    )
    community = trends((group(Role.COMMUNITY, responses),)).wave("w1").group(Role.COMMUNITY)
    assert community is not None
    pj_fair = community.item("pj_fair")
    assert pj_fair is not None and pj_fair.uncertain is None and pj_fair.mean is None
    never_reached = community.item("voice_listen")
    assert never_reached is not None and never_reached.mean is None


def test_changes_between_waves_only_when_both_are_shown() -> None:
    low = records(5, trust_police="just_a_little")
    high = records(6, trust_police="a_lot")
    result = trends(
        (group(Role.COMMUNITY, low),),
        (group(Role.COMMUNITY, high),),
        (group(Role.COMMUNITY, records(4, trust_police="a_lot")),),
        (group(Role.COMMUNITY, low),),
    )
    first, second, third, fourth = (result.wave(f"w{n}").group(Role.COMMUNITY) for n in range(1, 5))
    assert first is not None and first.index_change is None  # nothing before it
    assert second is not None and second.index_change == pytest.approx(100 - THIRD)
    item = second.item("trust_police")
    assert item is not None and item.change == pytest.approx(100 - THIRD)
    assert third is not None and not third.shown and third.index_change is None
    # The wave before the fourth was hidden: no change, not even against the second.
    assert fourth is not None and fourth.shown and fourth.index_change is None
    assert all(i.change is None for i in fourth.items)


def test_perception_gap_per_mirrored_item() -> None:
    result = trends(
        (
            group(Role.COMMUNITY, records(6, trust_police="just_a_little", pj_respect="often")),
            group(Role.POLICE, records(5, m_trust_police="a_lot", m_respect="not_very_often")),
            group(Role.OFFICIAL, records(4, m_trust_police="a_lot")),
        )
    )
    gaps = {(g.item_id, g.role): g for g in result.wave("w1").gaps}
    assert set(gaps) == {("trust_police", Role.POLICE), ("pj_respect", Role.POLICE)}
    trust = gaps[("trust_police", Role.POLICE)]
    assert trust.mirror_id == "m_trust_police"
    assert (trust.community, trust.estimate) == pytest.approx((THIRD, 100.0))
    assert trust.gap == pytest.approx(100 - THIRD)  # police overestimate trust
    assert gaps[("pj_respect", Role.POLICE)].gap == pytest.approx(THIRD - 2 * THIRD)


def test_perception_gap_has_a_welch_interval_from_the_shown_means() -> None:
    community = records(3, trust_police="just_a_little") + records(3, trust_police="somewhat")
    police = records(4, m_trust_police="a_lot") + records(2, m_trust_police="somewhat")
    result = trends((group(Role.COMMUNITY, community), group(Role.POLICE, police)))
    (gap,) = (g for g in result.wave("w1").gaps if g.item_id == "trust_police")
    said = [THIRD] * 3 + [2 * THIRD] * 3
    guessed = [100.0] * 4 + [2 * THIRD] * 2
    assert gap.interval is not None and gap.interval.difference == pytest.approx(gap.gap)
    # Checked against an independent computation.
    from scipy import stats as scipy_stats

    test = scipy_stats.ttest_ind(guessed, said, equal_var=False)
    expected = test.confidence_interval(0.95)
    assert gap.interval.df == pytest.approx(float(test.df))
    assert gap.interval.low == pytest.approx(float(expected.low))
    assert gap.interval.high == pytest.approx(float(expected.high))


def test_only_the_community_index_is_its_own_trust() -> None:
    result = trends(
        (
            group(Role.COMMUNITY, records(5, trust_police="a_lot")),
            group(Role.POLICE, records(5, m_trust_police="a_lot")),
            group(Role.OFFICIAL, records(5, m_trust_police="a_lot")),
        )
    )
    kinds = {g.role: g.index_kind for g in result.wave("w1").groups}
    assert kinds == {
        Role.COMMUNITY: IndexKind.OWN,
        Role.POLICE: IndexKind.ESTIMATE,
        Role.OFFICIAL: IndexKind.ESTIMATE,
    }


def test_no_gap_without_a_shown_community() -> None:
    result = trends(
        (
            group(Role.COMMUNITY, records(4, trust_police="a_lot")),
            group(Role.POLICE, records(9, m_trust_police="a_lot")),
        )
    )
    assert result.wave("w1").gaps == ()
    police = result.wave("w1").group(Role.POLICE)
    assert police is not None and police.shown and police.index is not None


answers = st.sampled_from(["not_at_all", "just_a_little", "somewhat", "a_lot"])


@given(
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=3, max_value=7),
    answers,
    answers,
)
def test_suppression_and_gap_sign(n_com: int, n_pol: int, k: int, said: str, guess: str) -> None:
    result = trends(
        (
            group(Role.COMMUNITY, records(n_com, trust_police=said)),
            group(Role.POLICE, records(n_pol, m_trust_police=guess)),
        ),
        k=k,
    )
    wave = result.wave("w1")
    for role, n in ((Role.COMMUNITY, n_com), (Role.POLICE, n_pol)):
        shown = wave.group(role)
        assert shown is not None and shown.shown is (n >= k)
        assert (shown.index is None) is (n < k)
        assert shown.items == () if n < k else all(i.mean for i in shown.items[:1])
    if n_com >= k and n_pol >= k:
        (gap,) = wave.gaps
        item = INSTRUMENT.item("trust_police")
        expected = (score(item, guess) or 0.0) - (score(item, said) or 0.0)
        assert gap.gap == pytest.approx(expected)
        assert (gap.gap > 0) is (expected > 0) and (gap.gap < 0) is (expected < 0)
    else:
        assert wave.gaps == ()


@given(st.integers(min_value=0, max_value=10), st.integers(min_value=0, max_value=10))
def test_a_change_never_involves_a_small_group(before: int, after: int) -> None:
    result = trends(
        (group(Role.POLICE, records(before, m_fair="often")),),
        (group(Role.POLICE, records(after, m_fair="very_often")),),
    )
    police = result.wave("w2").group(Role.POLICE)
    assert police is not None
    if before >= 5 and after >= 5:
        assert police.index_change == pytest.approx(THIRD)
    else:
        assert police.index_change is None
        assert all(i.change is None for i in police.items)
