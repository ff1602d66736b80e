"""An independent attacker on survey trends, over hundreds of seeded random releases (1 to 4
waves, open and closed, three roles, groups above and below k, k 3 and 5).

What ``flows/surveys/trends.py`` promises, and what is attacked here:

- nothing computed from answers is shown for a group of fewer than k respondents, nor for an
  open wave: a reader holding every published figure (the :class:`DialogueTrends` whole,
  exact floats: what /survey, /summary, /trends and the export render) sees the same
  whatever such a group answered: its answers are replaced, at random and by the extremes (all
  lowest, all highest, all skipped, nothing reached), and the release recomputed;
- in a shown group, every published figure rests on k people or more, counted here from the
  records themselves, not by the code under test: the index over k respondents with an index,
  an item's mean and "% favourable" over k scored answers, its uncertainty flag over k who
  reached it; changes and gaps only between shown figures.

The counts (invited, blocked, answered) are always shown, by design (the module's docstring);
they are not attacked here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache

import pytest

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.surveys import stats
from flows.surveys.instruments import default_instrument
from flows.surveys.items import SKIPPED, Item
from flows.surveys.trends import DialogueTrends, RoleWave, WaveInput, dialogue_trends

INSTRUMENT = default_instrument()
RELEASES = 300
Record = dict[str, str]
Answer = Callable[[random.Random, Item], str | None]


@pytest.fixture(autouse=True)
def _remembered_quantiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The t quantile remembered by its arguments: the same pure function, the same values,
    computed once per (p, df) instead of by bisection for every one of thousands of
    recomputed releases."""
    monkeypatch.setattr(stats, "t_quantile", lru_cache(maxsize=None)(stats.t_quantile))
    yield


def _asked(role: Role) -> list[Item]:
    return [i for i in INSTRUMENT.items_for(role) if not i.is_text]


def _any(rng: random.Random, item: Item) -> str | None:
    """A random answer, a skip, or nothing (the item was not reached)."""
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.18 and item.skippable:
        return SKIPPED
    lean = rng.random() < 0.5  # answers often cluster, as a group's do
    choices = item.scale.choices
    return (choices[-1] if lean and rng.random() < 0.6 else rng.choice(choices)).id


def _lowest(rng: random.Random, item: Item) -> str | None:
    scored = [c for c in item.scale.choices if c.value is not None]
    return min(scored, key=lambda c: c.value or 0.0).id


def _highest(rng: random.Random, item: Item) -> str | None:
    scored = [c for c in item.scale.choices if c.value is not None]
    return max(scored, key=lambda c: c.value or 0.0).id


def _skipped(rng: random.Random, item: Item) -> str | None:
    return SKIPPED if item.skippable else item.scale.choices[-1].id


def _unreached(rng: random.Random, item: Item) -> str | None:
    return None


ALTERNATIVES: tuple[Answer, ...] = (_any, _lowest, _highest, _skipped, _unreached)


def records(rng: random.Random, role: Role, n: int, answer: Answer = _any) -> tuple[Record, ...]:
    out = []
    for _ in range(n):
        record = {}
        for item in _asked(role):
            found = answer(rng, item)
            if found is not None:
                record[item.id] = found
        out.append(record)
    return tuple(out)


def random_release(rng: random.Random, k: int) -> list[WaveInput]:
    waves = []
    for w in range(rng.randint(1, 4)):
        closed = rng.random() < 0.8
        roles = []
        for role in STAKEHOLDER_ROLES:
            if rng.random() < 0.1:
                continue  # not asked in this wave
            small = rng.random() < (0.3 if role is Role.COMMUNITY else 0.5)
            answered = rng.randrange(k) if small else rng.randint(k, k + 9)
            blocked = rng.randrange(3)
            invited = answered + blocked + rng.randrange(6)
            responses = records(rng, role, answered) if closed else ()
            roles.append(RoleWave(role, invited, blocked, answered, responses))
        waves.append(WaveInput(f"w{w}", closed, tuple(roles)))
    return waves


def release(waves: list[WaveInput], k: int) -> DialogueTrends:
    return dialogue_trends("d1", INSTRUMENT, waves, k=k)


def hidden_groups(waves: list[WaveInput], k: int) -> list[tuple[int, Role]]:
    """Groups the reader is told are not shown: an open wave, or fewer than k answered."""
    return [
        (w, r.role)
        for w, wave in enumerate(waves)
        for r in wave.roles
        if not wave.closed or r.answered < k
    ]


def with_answers(
    waves: list[WaveInput], at: int, role: Role, responses: tuple[Record, ...]
) -> list[WaveInput]:
    changed = list(waves)
    wave = waves[at]
    roles = tuple(
        RoleWave(r.role, r.invited, r.blocked, r.answered, responses) if r.role is role else r
        for r in wave.roles
    )
    changed[at] = WaveInput(wave.wave_id, wave.closed, roles)
    return changed


def attack_hidden(rng: random.Random, waves: list[WaveInput], k: int) -> list[str]:
    """Hidden groups whose answers, changed, change anything published."""
    seen = release(waves, k)
    leaks = []
    for at, role in hidden_groups(waves, k):
        wave = waves[at]
        if not wave.closed:
            continue  # an open wave holds no records yet; its counts are published
        answered = next(r.answered for r in wave.roles if r.role is role)
        for answer in ALTERNATIVES:
            other = records(rng, role, answered, answer)
            if release(with_answers(waves, at, role, other), k) != seen:
                leaks.append(f"{wave.wave_id} {role.value} answers show through")
                break
    return leaks


def _scored(item: Item, answers: list[str]) -> list[str]:
    values = {c.id: c.value for c in item.scale.choices}
    return [a for a in answers if values.get(a) is not None]


def _respondents_with_index(role: Role, responses: tuple[Mapping[str, str], ...]) -> int:
    index_items = [i for i in _asked(role) if i.in_index]
    return sum(any(_scored(i, [r[i.id]]) for i in index_items if i.id in r) for r in responses)


def attack_shown(trends: DialogueTrends, waves: list[WaveInput], k: int) -> list[str]:
    """Published figures that rest on fewer than k people, counted from the records."""
    found = []
    shown: dict[tuple[int, Role], bool] = {}
    for w, (wave, result) in enumerate(zip(waves, trends.waves, strict=True)):
        for data in wave.roles:
            group = result.group(data.role)
            assert group is not None
            where = f"{wave.wave_id} {data.role.value}"
            shown[(w, data.role)] = wave.closed and data.answered >= k
            if not shown[(w, data.role)]:
                if group.shown or group.index is not None or group.items:
                    found.append(f"{where}: figures of a hidden group")
                continue
            with_index = _respondents_with_index(data.role, data.responses)
            if group.index is not None and (group.index.n != with_index or with_index < k):
                found.append(f"{where}: index over {with_index}")
            if group.index is None and with_index >= k:
                found.append(f"{where}: index withheld over {with_index}")
            for item in _asked(data.role):
                answers = [r[item.id] for r in data.responses if item.id in r]
                scored = len(_scored(item, answers))
                figure = group.item(item.id)
                assert figure is not None
                if figure.mean is not None and (figure.mean.n != scored or scored < k):
                    found.append(f"{where} {item.id}: mean over {scored}")
                fav = figure.favourable
                if fav is not None and (fav.n != scored or scored < k):
                    found.append(f"{where} {item.id}: favourable over {scored}")
                if figure.uncertain is not None and len(answers) < k:
                    found.append(f"{where} {item.id}: uncertainty over {len(answers)}")
                before = shown.get((w - 1, data.role), False)
                if figure.change is not None and not (before and figure.mean is not None):
                    found.append(f"{where} {item.id}: change against a hidden wave")
            if group.index_change is not None and not shown.get((w - 1, data.role), False):
                found.append(f"{where}: index change against a hidden wave")
        for gap in result.gaps:
            if not (shown.get((w, Role.COMMUNITY)) and shown.get((w, gap.role))):
                found.append(f"{wave.wave_id} {gap.item_id}: gap with a hidden group")
    return found


def test_the_attacker_sees_a_shown_groups_answers_change() -> None:
    # The attack can fail: the same change to a shown group's answers shows up.
    rng = random.Random(5)
    c = Role.COMMUNITY
    waves = [WaveInput("w0", True, (RoleWave(c, 9, 0, 6, records(rng, c, 6, _lowest)),))]
    seen = release(waves, 5)
    assert release(with_answers(waves, 0, c, records(rng, c, 6, _highest)), 5) != seen
    assert attack_shown(seen, waves, 5) == []
    assert hidden_groups(waves, 3) == [] and hidden_groups(waves, 7) == [(0, c)]


def test_no_hidden_group_shows_through_and_nothing_rests_on_fewer_than_k() -> None:
    rng = random.Random(20260113)
    attacked = hidden = figures = 0
    for _ in range(RELEASES):
        k = rng.choice((3, 5))
        waves = random_release(rng, k)
        trends = release(waves, k)
        assert attack_hidden(rng, waves, k) == [], (k, waves)
        assert attack_shown(trends, waves, k) == [], (k, waves)
        hidden += len(hidden_groups(waves, k))
        figures += sum(
            1 for w in trends.waves for g in w.groups for i in g.items if i.mean is not None
        )
        attacked += 1
    assert attacked == RELEASES
    assert hidden > RELEASES and figures > 5 * RELEASES  # both sides are really exercised
