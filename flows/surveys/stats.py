"""Means with Student-t intervals, proportions with Wilson intervals, means per item, and the
difference of two means with Welch's interval.

No scipy: ``flows`` stays dependency-free. The Student t quantile inverts the t distribution
function, written with the regularised incomplete beta function (continued fraction, Lentz's
method, as in *Numerical Recipes* §6.4): ``P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½)`` for t > 0.
Bisection on that monotone function gives the quantile to about 1e-12, exactly enough for
any df, small or large; df 1 and 2 have closed forms, used directly. The normal quantile for
Wilson comes from the standard library (``statistics.NormalDist``).

Why these intervals: a group's index is a mean over few respondents (a JSD has tens, not
thousands), where the normal approximation is too narrow, so the t-interval. A single
proportion ("% who feel safe") near 0 or 1 with small n breaks the Wald interval (it can
leave [0, 1] or collapse to a point), while Wilson's stays inside and keeps its coverage. Two
groups' means (the perception gap) come from groups of different sizes and spreads, so their
difference gets Welch's interval, with the Welch–Satterthwaite degrees of freedom, rather than
the pooled-variance one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class MeanEstimate:
    """A mean over ``n`` values with its t-interval; ``low``/``high`` None when n < 2.
    ``sd``: the sample standard deviation (n − 1 in the denominator), None when n < 2."""

    n: int
    mean: float
    low: float | None
    high: float | None
    sd: float | None = None


@dataclass(frozen=True, slots=True)
class DifferenceEstimate:
    """``difference`` = one mean minus another, with Welch's interval and its degrees of
    freedom; ``low``/``high``/``df`` None when no interval can be computed (a mean over one
    value, or both groups answering all alike)."""

    difference: float
    low: float | None
    high: float | None
    df: float | None


@dataclass(frozen=True, slots=True)
class ProportionEstimate:
    """``successes`` of ``n``, the proportion and its Wilson interval (all in 0–1)."""

    successes: int
    n: int
    proportion: float
    low: float
    high: float


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with ``df`` degrees of freedom."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    tail = 0.5 * _regularised_beta(df / (df + t * t), df / 2.0, 0.5)
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t such that P(T ≤ t) = p, e.g. ``t_quantile(0.975, 9)`` ≈ 2.262."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    if df <= 0 or math.isnan(df):
        raise ValueError("degrees of freedom must be positive")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if math.isinf(df):
        return NormalDist().inv_cdf(p)
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2.0 * p - 1.0) / math.sqrt(2.0 * p * (1.0 - p))
    low, high = 0.0, 2.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low <= 1e-13 * high:
            break
    return (low + high) / 2.0


def mean_ci(
    values: Sequence[float],
    confidence: float = CONFIDENCE,
    bounds: tuple[float, float] | None = None,
) -> MeanEstimate | None:
    """The mean and its two-sided t-interval; None for no values.

    ``bounds`` clips the interval to the possible range (0–100 for scores): a t-interval on
    bounded answers can overshoot it, and "an index up to 104" would only confuse readers.
    """
    n = len(values)
    if n == 0:
        return None
    mean = math.fsum(values) / n
    if n < 2:
        return MeanEstimate(n, mean, None, None)
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_quantile(0.5 + confidence / 2.0, n - 1) * math.sqrt(variance / n)
    low, high = mean - half, mean + half
    if bounds is not None:
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return MeanEstimate(n, mean, min(low, mean), max(high, mean), math.sqrt(variance))


def welch(
    first: MeanEstimate,
    second: MeanEstimate,
    confidence: float = CONFIDENCE,
    bounds: tuple[float, float] | None = None,
) -> DifferenceEstimate:
    """``second.mean − first.mean`` with Welch's two-sided t-interval.

    Standard error √(s₁²/n₁ + s₂²/n₂); degrees of freedom (Welch–Satterthwaite)
    (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)). ``bounds`` clips the interval
    to the possible range (−100 to 100 for a difference of scores).
    """
    difference = second.mean - first.mean
    if first.sd is None or second.sd is None or first.n < 2 or second.n < 2:
        return DifferenceEstimate(difference, None, None, None)
    v1, v2 = first.sd**2 / first.n, second.sd**2 / second.n
    if v1 + v2 == 0:
        return DifferenceEstimate(difference, None, None, None)
    df = (v1 + v2) ** 2 / (v1**2 / (first.n - 1) + v2**2 / (second.n - 1))
    half = t_quantile(0.5 + confidence / 2.0, df) * math.sqrt(v1 + v2)
    low, high = difference - half, difference + half
    if bounds is not None:
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return DifferenceEstimate(difference, min(low, difference), max(high, difference), df)


def wilson(successes: int, n: int, confidence: float = CONFIDENCE) -> ProportionEstimate:
    """The Wilson score interval for ``successes`` out of ``n`` (n ≥ 1)."""
    if n < 1 or not 0 <= successes <= n:
        raise ValueError("need 0 ≤ successes ≤ n and n ≥ 1")
    z = NormalDist().inv_cdf(0.5 + confidence / 2.0)
    p = successes / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return ProportionEstimate(successes, n, p, low, high)


def _regularised_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), the regularised incomplete beta function."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(x, a, b) / a
    return 1.0 - front * _beta_fraction(1.0 - x, b, a) / b


def _beta_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of I_x(a, b), by Lentz's method."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 10_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return result
