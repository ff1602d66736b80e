"""Palabre's threat model as data: what is kept, who can learn what and when, and what Palabre
does about it, in plain words.

One source for two readers: ``/privacy`` renders it in each person's language
(``bot.privacy_texts``), and the README's privacy section is generated from it in English
(``python -m bot.privacy_doc``; a test fails when the README drifts). Every heading and
paragraph is a message id. Paragraphs use two marks only, kept by every translation: ``**bold**``
for a lead-in and backticks for a file or setting name. ``{k}`` is the smallest group shown
apart (``PALABRE_MIN_GROUP_SIZE``).
"""

from __future__ import annotations

from flows.privacy.actors import ACTORS, RUNNING
from flows.privacy.kept import KEPT
from flows.privacy.model import Chapter, Section, ThreatModel
from flows.text import N_

__all__ = ["THREAT_MODEL", "Chapter", "Section", "ThreatModel"]

THREAT_MODEL = ThreatModel(
    title=N_("What Palabre keeps, and who can see it"),
    intro=(
        N_(
            "Lives can depend on anonymity: police and officials sit in the same dialogues "
            "that collect complaints about them, and servers get seized. This says in plain "
            "words what Palabre keeps, who can learn what and when, and what Palabre does "
            "about it."
        ),
        N_(
            "Palabre never stores your name, username or phone number. A grievance is never "
            "linked to you, at any moment. For the bot to work, a few links to you exist while "
            "a round or a survey is open: who wrote which statement while a round collects "
            "statements, who voted what (writing a statement counts as agreeing with it) from "
            "then until the round closes, each person's progress while a survey is open. They "
            "are deleted when collecting ends, when the round closes and when the survey closes."
        ),
        N_(
            "Telegram carries every message and keeps your chat on your phone. What you write "
            "can identify you if it holds names or details only you know: leave them out if "
            "you want to stay anonymous."
        ),
    ),
    chapters=(KEPT, ACTORS, RUNNING),
)
