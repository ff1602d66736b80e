"""Answers onto 0–100, and a respondent's trust index.

Every scored choice maps **linearly** from its scale's lowest to its highest value onto 0–100,
oriented so that 100 is the most trust, safety or agreement: Afrobarometer trust 0 → 0,
1 → 33.3, 2 → 66.7, 3 → 100; SDG safety (coded 1 very safe … 4 very unsafe, ``high = "min"``)
very unsafe → 0 … very safe → 100; ESS 1–4 and 5-point agreement alike. Putting scales of 4
and 5 points on one range is what lets one index average them, and lets a police estimate on
one scale be compared with the community's answer on another.

"Don't know", refused, skipped and "I never walk alone after dark" are **excluded**, not
scored: they are not a low (or high) opinion, and scoring them would pull means towards an
arbitrary point. A respondent's **index** is the mean of the index items (``in_index``) they
answered with a scored choice; None when they answered none. The open question never counts.

Unknown item or choice ids raise ``ValueError``: stored answers carry stable ids validated
when they were given, so an unknown id is corrupt data or a mixed-up instrument, and a report
should fail loudly rather than silently drop answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from flows.surveys.items import SKIPPED, Excluded, HighEnd, Instrument, Item, Scale, ScaleKind


class AnswerKind(StrEnum):
    """How an answer counts: scored, one of the excluded kinds, or skipped."""

    SCORED = "scored"
    DONT_KNOW = "dont_know"
    REFUSED = "refused"
    NOT_APPLICABLE = "not_applicable"
    SKIPPED = "skipped"
    TEXT = "text"


#: Answers that say the person could not or would not give an opinion: "areas of uncertainty".
UNCERTAIN_KINDS = frozenset({AnswerKind.DONT_KNOW, AnswerKind.REFUSED, AnswerKind.SKIPPED})


def score_table(scale: Scale) -> dict[str, float | None]:
    """Every choice id of a choice scale → its 0–100 score (None when excluded)."""
    if scale.kind is not ScaleKind.CHOICE:
        raise ValueError(f"scale {scale.id} is an open question: nothing to score")
    values = [c.value for c in scale.choices if c.value is not None]
    low, high = min(values), max(values)
    table: dict[str, float | None] = {}
    for choice in scale.choices:
        if choice.value is None:
            table[choice.id] = None
            continue
        position = (choice.value - low) / (high - low)
        table[choice.id] = 100.0 * (position if scale.high is HighEnd.MAX else 1.0 - position)
    return table


def classify(item: Item, answer: str) -> AnswerKind:
    """How ``answer`` (a choice id, :data:`SKIPPED`, or text) to ``item`` counts."""
    if answer == SKIPPED:
        return AnswerKind.SKIPPED
    if item.is_text:
        return AnswerKind.TEXT
    choice = item.scale.choice(answer)
    if choice is None:
        raise ValueError(f"{item.id}: unknown choice {answer!r}")
    if choice.excluded is None:
        return AnswerKind.SCORED
    return _EXCLUDED_KINDS[choice.excluded]


_EXCLUDED_KINDS = {
    Excluded.DONT_KNOW: AnswerKind.DONT_KNOW,
    Excluded.REFUSED: AnswerKind.REFUSED,
    Excluded.NOT_APPLICABLE: AnswerKind.NOT_APPLICABLE,
}


def score(item: Item, answer: str) -> float | None:
    """The 0–100 score of ``answer`` to ``item``, or None when it is not scored."""
    if classify(item, answer) is not AnswerKind.SCORED:
        return None
    return score_table(item.scale)[answer]


def is_favourable(item: Item, answer: str) -> bool | None:
    """Whether a scored answer is favourable ("somewhat/a lot", "very/fairly safe"…).

    None when the answer is not scored: it is then in neither the numerator nor the
    denominator of "% who feel safe".
    """
    if classify(item, answer) is not AnswerKind.SCORED:
        return None
    return answer in item.scale.favourable


def item_scores(instrument: Instrument, answers: Mapping[str, str]) -> dict[str, float]:
    """Item id → 0–100 score, for the answers that are scored (open text never is)."""
    scores: dict[str, float] = {}
    for item_id, answer in answers.items():
        item = _item(instrument, item_id)
        if item.is_text:
            continue
        value = score(item, answer)
        if value is not None:
            scores[item_id] = value
    return scores


def respondent_index(instrument: Instrument, answers: Mapping[str, str]) -> float | None:
    """Mean 0–100 score over the index items answered; None when none was answered."""
    scores = item_scores(instrument, answers)
    values = [v for item_id, v in scores.items() if instrument.item(item_id).in_index]
    return sum(values) / len(values) if values else None


def _item(instrument: Instrument, item_id: str) -> Item:
    try:
        return instrument.item(item_id)
    except KeyError:
        raise ValueError(f"{instrument.id} has no item {item_id!r}") from None
