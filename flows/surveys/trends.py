"""Survey trends per dialogue, wave and role, with small groups suppressed.

Storage hands in, per wave (oldest first) and role, the counts (invited, blocked, answered)
and the anonymous response records (item id → choice id) of that wave; this module decides
what may be shown and computes it. The edge renders the dataclasses it returns.

What is published, and why:

- **Counts are always shown**: invited, blocked, answered and the response rate
  (answered / (invited − blocked)): people who blocked the bot cannot answer, so they leave the
  denominator. These describe participation, not what anyone said; facilitators need them
  to follow up, and they know their rosters anyway. ``blocked`` counts only people who
  blocked the bot without answering, so the rate never exceeds 1.
- **Nothing computed from answers is shown for a group of fewer than k respondents** (k = 5 by
  default): no index, no item means, no proportions, no uncertainty flags, and no gap or
  change involving that group. An item's mean (and its "% favourable") also needs k scored
  answers, and its uncertainty flag k people who reached it, even in a shown group.
- **No figure mixes groups**: there is no all-roles index, so a hidden group can never be
  recovered by subtracting the shown groups from a total.
- **Results of a wave are released once, when it closes**: an open wave reports counts only.
  Re-publishing after a late answer would expose that one answer by difference, so storage
  must freeze a wave's records at close.
- **Changes against the previous wave** (index and item means) are given only when both waves
  show the figure, i.e. both have at least k respondents: a change never involves a group of
  1..k−1 people.
- **Perception gap**: for each mirrored item, the police's or officials' mean estimate minus
  the community's own mean, both 0–100 and both shown. Positive: they believe the community
  trusts them (or feels safer, or is treated better) more than the community says. Each gap
  has a 95 % Welch interval, from the two shown means (each over k scored answers or more)
  and their spreads only.
- **Whose trust an index measures** (:class:`IndexKind`): the community's index is its own
  trust; the police's and officials' index is over items about the community (their estimates
  of its answers, and whether it cooperates), so it is their *estimate of the community's
  trust*, never to be read, listed or drawn as if it were their own trust.
- **Areas of uncertainty**: items where more than 30 % of those who reached them said "don't
  know", refused or skipped. "I never walk alone after dark" is an answer, not uncertainty.

Limits: homogeneity shows through any aggregate (if all of 6 officers answered "not at all",
the mean says so); k protects against singling out one person, not against a group agreeing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from flows.disclosure import DEFAULT_K, MIN_K
from flows.roles import Role
from flows.surveys.items import Instrument, Item
from flows.surveys.scoring import (
    UNCERTAIN_KINDS,
    AnswerKind,
    classify,
    is_favourable,
    respondent_index,
    score,
)
from flows.surveys.stats import (
    DifferenceEstimate,
    MeanEstimate,
    ProportionEstimate,
    mean_ci,
    welch,
    wilson,
)

UNCERTAINTY = 0.3
_RANGE = (0.0, 100.0)
_GAP_RANGE = (-100.0, 100.0)


class IndexKind(Enum):
    """What a group's index measures: the community's own trust, or another group's estimate
    of it."""

    OWN = "own"
    ESTIMATE = "estimate"


def index_kind(role: Role) -> IndexKind:
    """The community answers for itself; police and officials estimate the community."""
    return IndexKind.OWN if role is Role.COMMUNITY else IndexKind.ESTIMATE


@dataclass(frozen=True, slots=True)
class RoleWave:
    """Storage's input for one role in one wave. ``responses`` matter once the wave is closed."""

    role: Role
    invited: int
    blocked: int
    answered: int
    responses: tuple[Mapping[str, str], ...] = ()

    def __post_init__(self) -> None:
        counts = (self.invited, self.blocked, self.answered)
        if not all(type(c) is int and c >= 0 for c in counts):
            raise ValueError("counts must be non-negative integers")
        if self.blocked + self.answered > self.invited:
            raise ValueError("blocked and answered people are among the invited ones")


@dataclass(frozen=True, slots=True)
class WaveInput:
    wave_id: str
    closed: bool
    roles: tuple[RoleWave, ...]


@dataclass(frozen=True, slots=True)
class ItemResult:
    item_id: str
    mean: MeanEstimate | None
    favourable: ProportionEstimate | None
    uncertain: bool | None
    change: float | None


@dataclass(frozen=True, slots=True)
class GroupResult:
    role: Role
    invited: int
    blocked: int
    answered: int
    response_rate: float | None
    #: Whether results are shown: the wave is closed and at least k people answered.
    shown: bool
    index: MeanEstimate | None
    index_change: float | None
    items: tuple[ItemResult, ...]

    @property
    def index_kind(self) -> IndexKind:
        return index_kind(self.role)

    @property
    def uncertain_items(self) -> tuple[str, ...]:
        return tuple(i.item_id for i in self.items if i.uncertain)

    def item(self, item_id: str) -> ItemResult | None:
        return next((i for i in self.items if i.item_id == item_id), None)


@dataclass(frozen=True, slots=True)
class Gap:
    """A mirrored item: what ``role`` estimates minus what the community says (0–100), with
    the gap's Welch interval (``interval.difference`` is ``gap``)."""

    item_id: str
    mirror_id: str
    role: Role
    community: float
    estimate: float
    interval: DifferenceEstimate | None = None

    @property
    def gap(self) -> float:
        return self.estimate - self.community


@dataclass(frozen=True, slots=True)
class WaveResult:
    wave_id: str
    closed: bool
    groups: tuple[GroupResult, ...]
    gaps: tuple[Gap, ...]

    def group(self, role: Role) -> GroupResult | None:
        return next((g for g in self.groups if g.role is role), None)


@dataclass(frozen=True, slots=True)
class DialogueTrends:
    dialogue_id: str
    instrument_id: str
    k: int
    waves: tuple[WaveResult, ...]

    def wave(self, wave_id: str) -> WaveResult:
        return next(w for w in self.waves if w.wave_id == wave_id)


@dataclass(frozen=True, slots=True)
class Site:
    """One dialogue for the program-wide charts: its name, trends and waves' opening times
    (local time)."""

    name: str
    trends: DialogueTrends
    opened: Mapping[str, datetime]


def dialogue_trends(
    dialogue_id: str,
    instrument: Instrument,
    waves: Sequence[WaveInput],
    *,
    k: int = DEFAULT_K,
) -> DialogueTrends:
    """Every wave of one dialogue (oldest first), each compared with the one before it."""
    if type(k) is not int or k < MIN_K:
        raise ValueError(f"k must be an integer of at least {MIN_K}")
    if len({w.wave_id for w in waves}) != len(waves):
        raise ValueError("duplicate wave ids")
    results: list[WaveResult] = []
    previous: WaveResult | None = None
    for wave in waves:
        if len({r.role for r in wave.roles}) != len(wave.roles):
            raise ValueError(f"wave {wave.wave_id}: a role is listed twice")
        groups = tuple(
            _group(instrument, r, wave, k, previous.group(r.role) if previous else None)
            for r in wave.roles
        )
        result = WaveResult(wave.wave_id, wave.closed, groups, _gaps(instrument, groups))
        results.append(result)
        previous = result
    return DialogueTrends(dialogue_id, instrument.id, k, tuple(results))


def _group(
    instrument: Instrument, data: RoleWave, wave: WaveInput, k: int, before: GroupResult | None
) -> GroupResult:
    eligible = data.invited - data.blocked
    rate = data.answered / eligible if eligible else None
    shown = wave.closed and data.answered >= k
    if wave.closed and len(data.responses) != data.answered:
        raise ValueError(f"wave {wave.wave_id}, {data.role.value}: answered ≠ records")
    if wave.closed:
        _check_records(instrument, data)
    if not shown:
        counts = (data.role, data.invited, data.blocked, data.answered, rate)
        return GroupResult(*counts, shown=False, index=None, index_change=None, items=())
    indices = [respondent_index(instrument, r) for r in data.responses]
    index = _shown_mean([v for v in indices if v is not None], k)
    items = tuple(
        _item(item, data.responses, k, before.item(item.id) if before else None)
        for item in instrument.items_for(data.role)
        if not item.is_text
    )
    return GroupResult(
        data.role,
        data.invited,
        data.blocked,
        data.answered,
        rate,
        shown=True,
        index=index,
        index_change=_change(index, before.index if before else None),
        items=items,
    )


def _item(
    item: Item, records: Sequence[Mapping[str, str]], k: int, before: ItemResult | None
) -> ItemResult:
    answers = [r[item.id] for r in records if item.id in r]
    kinds = [classify(item, a) for a in answers]
    scored = [a for a, kind in zip(answers, kinds, strict=True) if kind is AnswerKind.SCORED]
    mean = _shown_mean([v for a in scored if (v := score(item, a)) is not None], k)
    favourable = None
    if mean is not None:
        favourable = wilson(sum(is_favourable(item, a) is True for a in scored), len(scored))
    uncertain = None
    if len(answers) >= k:
        uncertain = sum(kind in UNCERTAIN_KINDS for kind in kinds) / len(answers) > UNCERTAINTY
    change = _change(mean, before.mean if before else None)
    return ItemResult(item.id, mean, favourable, uncertain, change)


def _gaps(instrument: Instrument, groups: tuple[GroupResult, ...]) -> tuple[Gap, ...]:
    by_role = {g.role: g for g in groups if g.shown}
    community = by_role.get(Role.COMMUNITY)
    if community is None:
        return ()
    gaps = []
    for target, mirror in instrument.mirror_pairs():
        said = community.item(target.id)
        for role in mirror.roles:
            group = by_role.get(role)
            estimate = group.item(mirror.id) if group else None
            if said is None or said.mean is None or estimate is None or estimate.mean is None:
                continue
            interval = welch(said.mean, estimate.mean, bounds=_GAP_RANGE)
            gaps.append(
                Gap(target.id, mirror.id, role, said.mean.mean, estimate.mean.mean, interval)
            )
    return tuple(gaps)


def _shown_mean(values: list[float], k: int) -> MeanEstimate | None:
    return mean_ci(values, bounds=_RANGE) if len(values) >= k else None


def _change(now: MeanEstimate | None, before: MeanEstimate | None) -> float | None:
    return now.mean - before.mean if now is not None and before is not None else None


def _check_records(instrument: Instrument, data: RoleWave) -> None:
    for record in data.responses:
        for item_id, answer in record.items():
            if not instrument.has_item(item_id) or not instrument.item(item_id).asks(data.role):
                raise ValueError(f"{data.role.value} record answers {item_id!r}, not asked")
            classify(instrument.item(item_id), answer)  # raises on an unknown choice id
