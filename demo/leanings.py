"""How each person of the demo answers the trust survey, decided from what they mean.

A person has a leaning of their own (drawn from their name) on top of their group's mood in
that wave; each answer adds a little noise, and some answers are "don't know", a skip or, on
the open question, nothing at all. Every draw comes from a generator seeded with the person's
name and the wave, so every run gives the same answers, hence the same figures in the summary,
the charts and the exports, while no two people answer alike.

The story the figures tell: the community's trust is low at first and rises from wave to wave;
the police believe the community trusts them more than it says, without all putting the top
answer; officials lie in between.
"""

from __future__ import annotations

import random

from flows.surveys.items import Item
from flows.surveys.scoring import score

#: How favourable each group is on average in each wave, 0 (least) to 1 (most).
MOOD = {
    "community": (0.25, 0.38, 0.48),
    "police": (0.80, 0.82, 0.84),
    "official": (0.48, 0.55, 0.62),
}
#: How far one person's leaning may sit from their group's mood.
SPREAD = {"community": 0.12, "police": 0.10, "official": 0.10}
#: How much one answer strays from the person's leaning.
NOISE = 0.15
#: How often a person says "don't know" (or "I never walk alone after dark"): most of all about
#: local officials, whom many residents have never dealt with.
DONT_KNOW = {"trust_officials": 0.3, "pj_explain": 0.15, "community_cooperates": 0.1}
DONT_KNOW_OTHERWISE = 0.03
#: How often a person skips a question that may be skipped.
SKIP = 0.03
#: How often a person types an answer to the open question rather than skipping it.
OPEN = 0.4
#: What people type at the open question, by group and language.
OPEN_ANSWERS = {
    ("community", "fr"): (
        "Des patrouilles la nuit près du marché.",
        "Que la police vienne quand on l'appelle la nuit.",
        "Les barrages où il faut payer pour passer.",
    ),
    ("community", "ar"): ("إنارة الطرق المؤدية إلى الحقول.", "الرشوة عند الحواجز."),
    ("community", "en"): ("Faster answers when we report a theft.", "Motorbike thefts at night."),
    ("police", "fr"): ("Les vols de motos au marché.", "Les bagarres le soir au marché."),
    ("police", "ar"): ("سرقة المواشي في الليل.",),
    ("police", "en"): ("Armed men on the Tahoua road.", "Thefts at the market."),
    ("official", "fr"): ("L'éclairage des rues du quartier.", "Les conflits de terrain."),
    ("official", "ar"): ("النزاعات على الأراضي.",),
    ("official", "en"): ("Land disputes that turn violent.", "Street lighting."),
}


class Respondent:
    """One person answering one wave: ``choice`` for each question in turn, then
    ``open_answer``."""

    def __init__(self, name: str, role: str, wave: int, language: str) -> None:
        self.role, self.language = role, language
        self.leaning = MOOD[role][wave] + random.Random(name).gauss(0, SPREAD[role])
        self._draw = random.Random(f"{name}:{wave}")

    def choice(self, item: Item) -> str | None:
        """The choice id for ``item``, or None to skip it."""
        chance = self._draw.random()
        if item.skippable and chance < SKIP:
            return None
        excluded = [c for c in item.scale.choices if c.excluded is not None]
        if excluded and chance < SKIP + DONT_KNOW.get(item.id, DONT_KNOW_OTHERWISE):
            return excluded[0].id
        scored = sorted(item.scale.scored, key=lambda c: score(item, c.id) or 0.0)
        level = min(1.0, max(0.0, self._draw.gauss(self.leaning, NOISE)))
        return scored[round(level * (len(scored) - 1))].id

    def open_answer(self) -> str | None:
        """What the person types at the open question; None when they skip it."""
        if self._draw.random() >= OPEN:
            return None
        return self._draw.choice(OPEN_ANSWERS[(self.role, self.language)])
