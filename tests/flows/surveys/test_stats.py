"""Student t quantiles, t-intervals and Wilson intervals against published values."""

from __future__ import annotations

import math
import statistics
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.surveys.stats import DifferenceEstimate, mean_ci, t_cdf, t_quantile, welch, wilson

#: Two-sided 95 % critical values (p = 0.975) from standard t tables.
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 12: 2.179, 15: 2.131, 20: 2.086, 25: 2.060, 29: 2.045, 30: 2.042,
    40: 2.021, 60: 2.000, 100: 1.984, 120: 1.980, 1000: 1.962,
}  # fmt: skip
#: Other tail probabilities from the same tables: (p, df) → t.
T_OTHER = {
    (0.95, 1): 6.314, (0.95, 10): 1.812, (0.95, 30): 1.697, (0.90, 5): 1.476,
    (0.995, 1): 63.657, (0.995, 5): 4.032, (0.995, 20): 2.845, (0.9995, 10): 4.587,
    (0.99, 2): 6.965, (0.99, 15): 2.602,
}  # fmt: skip


@pytest.mark.parametrize(("df", "expected"), sorted(T_975.items()))
def test_t_quantile_975(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(("key", "expected"), sorted(T_OTHER.items()))
def test_t_quantile_other_tails(key: tuple[float, int], expected: float) -> None:
    p, df = key
    assert t_quantile(p, df) == pytest.approx(expected, abs=5e-4)


def test_t_quantile_edges() -> None:
    assert t_quantile(0.5, 7) == 0.0
    assert t_quantile(0.025, 9) == pytest.approx(-2.262, abs=5e-4)
    assert t_quantile(0.975, math.inf) == pytest.approx(1.959964, abs=1e-6)
    assert t_quantile(0.975, 1e7) == pytest.approx(1.959964, abs=1e-5)
    assert t_quantile(0.975, 3) < t_quantile(0.975, 2.5) < t_quantile(0.975, 2)  # fractional df
    for bad_p in (0.0, 1.0, -0.1, 1.5):
        with pytest.raises(ValueError):
            t_quantile(bad_p, 5)
    for bad_df in (0, -1, math.nan):
        with pytest.raises(ValueError):
            t_quantile(0.975, bad_df)
    with pytest.raises(ValueError):
        t_cdf(1.0, 0)


def test_t_cdf_known_values() -> None:
    assert t_cdf(0.0, 5) == pytest.approx(0.5)
    assert t_cdf(2.228138852, 10) == pytest.approx(0.975, abs=1e-9)
    assert t_cdf(-2.228138852, 10) == pytest.approx(0.025, abs=1e-9)
    assert t_cdf(1.0, 1) == pytest.approx(0.75, abs=1e-12)  # Cauchy: ½ + atan(1)/π


@given(
    st.floats(min_value=0.5001, max_value=0.9999),
    st.floats(min_value=1.0, max_value=500.0),
)
def test_t_quantile_inverts_the_cdf(p: float, df: float) -> None:
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-9)


@given(st.integers(min_value=1, max_value=300))
def test_t_quantile_shrinks_towards_the_normal_as_df_grows(df: int) -> None:
    assert t_quantile(0.975, df) > t_quantile(0.975, df + 1) > 1.959963


def test_mean_ci_known_values() -> None:
    # 1..5: mean 3, s = √2.5, se = √0.5, t(0.975, 4) = 2.7764451.
    estimate = mean_ci([1, 2, 3, 4, 5])
    assert estimate is not None and estimate.n == 5 and estimate.mean == 3
    half = 2.7764451052 * math.sqrt(0.5)
    assert estimate.low == pytest.approx(3 - half, abs=1e-7)
    assert estimate.high == pytest.approx(3 + half, abs=1e-7)
    # Ten values, s = 20: t(0.975, 9) = 2.2621572.
    values = [50 + 20 * z for z in (-1.5, -1, -0.5, 0, 0, 0, 0, 0.5, 1, 1.5)]
    s = statistics.stdev(values)
    estimate = mean_ci(values)
    assert estimate is not None
    assert estimate.high - estimate.mean == pytest.approx(2.2621572 * s / math.sqrt(10), 1e-6)


def test_mean_ci_small_and_bounded() -> None:
    assert mean_ci([]) is None
    single = mean_ci([40.0])
    assert single is not None and (single.mean, single.low, single.high) == (40.0, None, None)
    flat = mean_ci([70.0] * 4)
    assert flat is not None and flat.low == flat.high == 70.0
    clipped = mean_ci([0.0, 100.0, 100.0], bounds=(0.0, 100.0))
    assert clipped is not None and clipped.low == 0.0 and clipped.high == 100.0
    unclipped = mean_ci([0.0, 100.0, 100.0])
    assert unclipped is not None and unclipped.low < 0 and unclipped.high > 100


#: Newcombe (1998), Table I, method 3 (Wilson score without continuity correction), and the
#: familiar small-sample values.
WILSON = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (5, 10, 0.2366, 0.7634),
]


@pytest.mark.parametrize(("successes", "n", "low", "high"), WILSON)
def test_wilson_known_values(successes: int, n: int, low: float, high: float) -> None:
    estimate = wilson(successes, n)
    assert estimate.proportion == successes / n
    assert estimate.low == pytest.approx(low, abs=1e-4)
    assert estimate.high == pytest.approx(high, abs=1e-4)


def test_wilson_refuses_impossible_counts() -> None:
    for successes, n in ((0, 0), (5, 4), (-1, 3)):
        with pytest.raises(ValueError):
            wilson(successes, n)


@given(st.integers(min_value=1, max_value=2000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
))  # fmt: skip
def test_wilson_contains_the_proportion_within_0_and_1(case: tuple[int, int]) -> None:
    estimate = wilson(*case)
    assert 0.0 <= estimate.low <= estimate.proportion <= estimate.high <= 1.0


scores = st.floats(min_value=0.0, max_value=100.0, allow_nan=False)


@given(st.lists(scores, min_size=1, max_size=60))
def test_the_interval_contains_the_mean(values: list[float]) -> None:
    estimate = mean_ci(values, bounds=(0.0, 100.0))
    assert estimate is not None and 0.0 <= estimate.mean <= 100.0
    if len(values) > 1:
        assert estimate.low is not None and estimate.high is not None
        assert 0.0 <= estimate.low <= estimate.mean <= estimate.high <= 100.0


@given(st.lists(scores, min_size=2, max_size=20).filter(lambda v: max(v) - min(v) > 1e-3),
       st.integers(min_value=2, max_value=5))  # fmt: skip
def test_the_interval_narrows_with_n_for_a_fixed_spread(values: list[float], times: int) -> None:
    # Repeating a sample keeps its spread (nearly the same SD) and multiplies n.
    small, large = mean_ci(values), mean_ci(values * times)
    assert small is not None and large is not None
    assert small.low is not None and large.low is not None
    assert large.mean == pytest.approx(small.mean)
    assert (large.high - large.low) < (small.high - small.low)


# -- Welch's interval on a difference of means, checked against scipy ---------------------------

#: Scores as the instrument gives them (whole points of 0-100), so a sample without spread is
#: exactly flat rather than flat to rounding (where scipy warns of cancellation).
welch_samples = st.lists(
    st.integers(min_value=0, max_value=100).map(float), min_size=2, max_size=40
)


def _scipy_welch(a: list[float], b: list[float]) -> tuple[float, float, float]:
    from scipy import stats as scipy_stats

    with warnings.catch_warnings():  # scipy warns when one sample has no spread; Welch holds
        warnings.simplefilter("ignore", RuntimeWarning)
        test = scipy_stats.ttest_ind(b, a, equal_var=False)
        interval = test.confidence_interval(0.95)
    return float(interval.low), float(interval.high), float(test.df)


def test_welch_known_values() -> None:
    # Community 6 answers, police 5 (scores on 0-100), worked independently with scipy.
    community = [0.0, 33.3, 33.3, 66.7, 33.3, 0.0]
    police = [100.0, 66.7, 100.0, 100.0, 66.7]
    a, b = mean_ci(community), mean_ci(police)
    assert a is not None and b is not None
    found = welch(a, b)
    low, high, df = _scipy_welch(community, police)
    assert found.difference == pytest.approx(statistics.fmean(police) - statistics.fmean(community))
    assert found.df == pytest.approx(df, rel=1e-9)
    assert found.df == pytest.approx(8.885, abs=0.001)
    assert (found.low, found.high) == (pytest.approx(low, rel=1e-7), pytest.approx(high, rel=1e-7))
    assert (found.low, found.high) == (
        pytest.approx(29.23, abs=0.01),
        pytest.approx(88.60, abs=0.01),
    )


@given(welch_samples, welch_samples)
def test_welch_agrees_with_scipy(a: list[float], b: list[float]) -> None:
    ea, eb = mean_ci(a), mean_ci(b)
    assert ea is not None and eb is not None and ea.sd is not None and eb.sd is not None
    found = welch(ea, eb)
    if ea.sd == 0 and eb.sd == 0:
        assert found.low is None  # no spread at all: see test_welch_without_spread_...
        return
    low, high, df = _scipy_welch(a, b)
    assert found.df == pytest.approx(df, rel=1e-6)
    assert found.low == pytest.approx(low, rel=1e-6, abs=1e-6)
    assert found.high == pytest.approx(high, rel=1e-6, abs=1e-6)


def test_welch_without_spread_or_with_one_value() -> None:
    same = mean_ci([50.0, 50.0, 50.0])
    one = mean_ci([80.0])
    spread = mean_ci([20.0, 40.0, 60.0])
    assert same is not None and one is not None and spread is not None
    flat = welch(same, same)
    assert (flat.difference, flat.low, flat.high, flat.df) == (0.0, None, None, None)
    assert welch(spread, one) == DifferenceEstimate(40.0, None, None, None)
    # One group without spread: the other's alone, df = n - 1.
    half = welch(same, spread)
    assert half.df == pytest.approx(2.0)
    assert half.high == pytest.approx(-10.0 + t_quantile(0.975, 2) * 20 / math.sqrt(3))


def test_welch_interval_is_clipped_to_bounds() -> None:
    a, b = mean_ci([0.0, 0.0, 100.0]), mean_ci([100.0, 100.0, 0.0])
    assert a is not None and b is not None
    clipped = welch(a, b, bounds=(-100.0, 100.0))
    assert clipped.low is not None and clipped.high is not None
    assert -100.0 <= clipped.low <= clipped.difference <= clipped.high <= 100.0
    raw = welch(a, b)
    assert raw.high is not None and raw.high > 100.0 and clipped.high == 100.0
