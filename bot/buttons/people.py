"""Buttons of joining and belonging: languages, dialogues, invites, forgetting a profile."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.buttons.base import Button
from flows.roles import Role


@dataclass(frozen=True)
class LanguageChosen(Button):
    prefix = "lang"
    language: str


@dataclass(frozen=True)
class DialogueChosen(Button):
    prefix = "dlg"
    dialogue_id: int


class Forget(StrEnum):
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class ForgetAnswered(Button):
    """The answer to "Delete your profile?"."""

    prefix = "forget"
    answer: Forget


@dataclass(frozen=True)
class InviteRole(Button):
    """A new invite, step 1: for whom."""

    prefix = "inv:n"
    dialogue_id: int
    role: Role


@dataclass(frozen=True)
class InviteUses(Button):
    """Step 2: how many people may use it (None: no limit)."""

    prefix = "inv:u"
    dialogue_id: int
    role: Role
    uses: int | None


@dataclass(frozen=True)
class InviteCreate(Button):
    """Step 3: how long it stays valid (None: no expiry); pressing it creates the invite."""

    prefix = "inv:c"
    dialogue_id: int
    role: Role
    uses: int | None
    days: int | None


@dataclass(frozen=True)
class InviteList(Button):
    prefix = "inv:l"
    dialogue_id: int


@dataclass(frozen=True)
class InviteRevoke(Button):
    prefix = "inv:r"
    dialogue_id: int
    invite_id: str
