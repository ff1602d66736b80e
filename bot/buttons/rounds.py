"""Buttons of dialogue rounds: setting a round up, withdrawing a statement, voting, moderating.

The wire formats are the ones buttons already in people's chats carry (``rnd:s:…``,
``wd:<statement>``, ``vote:<statement>:<vote>``, ``mod:a:<statement>``…), so they keep working;
``stm:w:<round>`` and ``stm:o:<round>:<nonce>:<yes>`` start and confirm a statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from bot.buttons.base import Button
from flows.roles import Role
from flows.rounds.setup import RoundSetup
from flows.rounds.voting import Vote

#: How the settings screen's buttons write the groups a round asks.
GROUP_LETTERS: dict[str, Role] = {"c": Role.COMMUNITY, "p": Role.POLICE, "o": Role.OFFICIAL}


# -- setting a round up ----------------------------------------------------------------------


@dataclass(frozen=True)
class RoundTemplateChosen(Button):
    """/round: one of the shipped questions."""

    prefix = "rnd:t"
    dialogue_id: int
    template_id: str


@dataclass(frozen=True)
class RoundCustomChosen(Button):
    """/round: "Write my own question"."""

    prefix = "rnd:c"
    dialogue_id: int


@dataclass(frozen=True)
class RoundVersionAdded(Button):
    """The facilitator's own question: add (or replace) its version in ``language``."""

    prefix = "rnd:l"
    dialogue_id: int
    language: str


@dataclass(frozen=True)
class _SetupFields:
    """A whole settings screen, carried by each of its buttons (so a restart loses nothing).

    ``template`` None: the facilitator's own question; ``groups`` letters of GROUP_LETTERS
    (None: no group); ``deadlines`` days per phase as ``collecting.moderation.voting``.
    """

    dialogue_id: int
    template: str | None
    groups: str | None
    moderation: bool
    deadlines: str

    @classmethod
    def of(cls, dialogue_id: int, setup: RoundSetup) -> Self:
        letters = "".join(ch for ch, role in GROUP_LETTERS.items() if role in setup.roles)
        days = ".".join(str(n) for n in setup.days)
        return cls(dialogue_id, setup.template_id, letters or None, setup.moderation, days)

    def setup(self) -> RoundSetup | None:
        """The setup the button stands for; None when its fields cannot be one (forged).

        Whether the setup is one the screen offers is the domain's check
        (:meth:`RoundSetup.problem`).
        """
        letters = self.groups or ""
        days = self.deadlines.split(".")
        if any(ch not in GROUP_LETTERS for ch in letters):
            return None
        if len(days) != 3 or not all(d.isdigit() and len(d) <= 3 for d in days):
            return None
        roles = tuple(role for ch, role in GROUP_LETTERS.items() if ch in letters)
        return RoundSetup(
            self.template, roles, self.moderation, (int(days[0]), int(days[1]), int(days[2]))
        )


@dataclass(frozen=True)
class RoundSetupChanged(_SetupFields, Button):
    """A toggle or a deadline on the settings screen: the screen as it becomes."""

    prefix = "rnd:s"


@dataclass(frozen=True)
class RoundOpened(_SetupFields, Button):
    """ "Open the round", with the settings shown."""

    prefix = "rnd:o"


# -- statements and votes ------------------------------------------------------------------


@dataclass(frozen=True)
class StatementWithdrawn(Button):
    """/mystatements: the author takes one back while the round collects."""

    prefix = "wd"
    statement_id: str


@dataclass(frozen=True)
class StatementStarted(Button):
    """The round prompt's "Write a statement": what the person types next is a statement to
    ``round_id`` (while it collects from them)."""

    prefix = "stm:w"
    round_id: str


@dataclass(frozen=True)
class StatementOfferAnswered(Button):
    """Yes (``send``) or No to "send this as your statement?", asked about a text typed with no
    step waiting for it. It names the round and the offer's one-time nonce, so a press on an
    older question (or a forged one) never sends a newer text."""

    prefix = "stm:o"
    round_id: str
    nonce: str
    send: bool


@dataclass(frozen=True)
class VoteCast(Button):
    """Agree / Disagree / Pass on the statement the card shows (it names the statement, so a
    press on an older card changes that statement's vote, not the current one's)."""

    prefix = "vote"
    statement_id: str
    vote: Vote


# -- moderation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementApproved(Button):
    prefix = "mod:a"
    statement_id: str


@dataclass(frozen=True)
class StatementRejected(Button):
    prefix = "mod:r"
    statement_id: str


@dataclass(frozen=True)
class StatementToEdit(Button):
    """ "Edit (remove names)": the facilitator types the corrected text next."""

    prefix = "mod:e"
    statement_id: str


@dataclass(frozen=True)
class StatementToTranslate(Button):
    """ "Add a translation": the facilitator types the text in ``language`` next."""

    prefix = "mod:t"
    statement_id: str
    language: str
