"""A new round as the facilitator sets it up, before it opens.

The settings screen offers a question (a template, or the facilitator's own in one or more
languages), the groups it asks, moderation on or off, and a deadline per phase chosen from a
short cycle. Each press changes one thing; :meth:`RoundSetup.settings` turns the result into
the :class:`~flows.rounds.lifecycle.RoundSettings` a round opens with, and
:func:`with_version` adds a language's version of the facilitator's own question.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase, RoundSettings
from flows.rounds.statements import Empty, TooLong
from flows.rounds.templates import MAX_PROMPT

#: The deadlines offered for a phase, in days (0: none), each press moving to the next.
DEADLINE_CYCLE: dict[int, int] = {0: 1, 1: 3, 3: 7, 7: 0}
#: The phases a deadline can be set for, in the order ``RoundSetup.days`` holds them.
DEADLINE_PHASES: tuple[Phase, ...] = (Phase.COLLECTING, Phase.MODERATING, Phase.VOTING)
Days = tuple[int, int, int]
NO_DEADLINES: Days = (0, 0, 0)

#: A custom question as stored with its round: ((language, text), ...), the original first.
CustomQuestion = tuple[tuple[str, str], ...]


class SetupProblem(StrEnum):
    """Why a setup (from a button: forged or outdated) cannot be shown or opened."""

    UNKNOWN_TEMPLATE = "unknown_template"
    NO_QUESTION = "no_question"  # the facilitator's own question, but none was written
    BAD_DEADLINE = "bad_deadline"  # a number of days the screen does not offer
    BAD_GROUP = "bad_group"  # a group that is not a stakeholder group


@dataclass(frozen=True)
class RoundSetup:
    """What the settings screen shows. ``template_id`` None: the facilitator's own question."""

    template_id: str | None
    roles: tuple[Role, ...] = STAKEHOLDER_ROLES
    moderation: bool = True
    days: Days = NO_DEADLINES

    def toggled(self, role: Role) -> RoundSetup:
        """Asked groups with ``role`` added or taken away, always in the groups' own order."""
        chosen = set(self.roles) ^ {role}
        return replace(self, roles=tuple(r for r in STAKEHOLDER_ROLES if r in chosen))

    def moderation_toggled(self) -> RoundSetup:
        return replace(self, moderation=not self.moderation)

    def cycled(self, phase: Phase) -> RoundSetup:
        """The next deadline on offer for ``phase``."""
        index = DEADLINE_PHASES.index(phase)
        days = tuple(DEADLINE_CYCLE.get(n, 0) if i == index else n for i, n in enumerate(self.days))
        return replace(self, days=(days[0], days[1], days[2]))

    def deadline_days(self, phase: Phase) -> int | None:
        """Days the phase may last (0: no deadline); None: the phase does not happen."""
        if phase is Phase.MODERATING and not self.moderation:
            return None
        return self.days[DEADLINE_PHASES.index(phase)]

    def problem(self, template_ids: frozenset[str] | set[str]) -> SetupProblem | None:
        """What makes this setup unusable, given the templates that exist; None: usable."""
        if self.template_id is not None and self.template_id not in template_ids:
            return SetupProblem.UNKNOWN_TEMPLATE
        if any(n not in DEADLINE_CYCLE for n in self.days):
            return SetupProblem.BAD_DEADLINE
        if any(r not in STAKEHOLDER_ROLES for r in self.roles):
            return SetupProblem.BAD_GROUP
        return None

    def settings(self, statement_limit: int) -> RoundSettings:
        """The settings the round opens with (a deadline only for phases that happen)."""
        deadlines = {
            phase: timedelta(days=n)
            for phase in DEADLINE_PHASES
            if (n := self.deadline_days(phase))
        }
        return RoundSettings(
            roles=self.roles,
            moderation=self.moderation,
            deadlines=deadlines,
            statement_limit=statement_limit,
        )


def with_version(
    question: CustomQuestion, language: str, text: str
) -> CustomQuestion | TooLong | Empty:
    """``question`` with its version in ``language`` (added, or replaced in place so that the
    original stays first), or why the text cannot be a question: one line, 1..MAX_PROMPT."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return Empty()
    if len(cleaned) > MAX_PROMPT:
        return TooLong(MAX_PROMPT, len(cleaned))
    if any(lang == language for lang, _ in question):
        return tuple((lang, cleaned if lang == language else old) for lang, old in question)
    return (*question, (language, cleaned))
