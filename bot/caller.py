"""Who sent an update: their profile, memberships, staff status and translator.

Loaded from the database for every update, so every permission check is made on the server
with current data, whatever the buttons of an old message claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update

from bot.i18n import Translator
from bot.runtime import Runtime
from flows.dialogues import Membership, Person, current_membership
from flows.languages import negotiate
from flows.roles import Role
from services.enrolment import caller_record


@dataclass(frozen=True)
class Caller:
    telegram_id: int
    person: Person | None
    memberships: tuple[Membership, ...]
    is_staff: bool
    t: Translator

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(m.role for m in self.memberships)

    @property
    def current(self) -> Membership | None:
        active = self.person.active_dialogue_id if self.person else None
        return current_membership(list(self.memberships), active)

    @property
    def active_dialogue_id(self) -> int | None:
        """The dialogue commands act on: the current membership's, or staff's chosen one."""
        if self.current is not None:
            return self.current.dialogue_id
        if self.is_staff and self.person is not None:
            return self.person.active_dialogue_id
        return None

    def role_in(self, dialogue_id: int) -> Role | None:
        for m in self.memberships:
            if m.dialogue_id == dialogue_id:
                return m.role
        return None

    def may_facilitate(self, dialogue_id: int) -> bool:
        return self.is_staff or self.role_in(dialogue_id) is Role.FACILITATOR


async def load_caller(rt: Runtime, update: Update) -> Caller:
    user = update.effective_user
    if user is None:
        raise ValueError("an update without a sender has no caller")
    person, memberships = await caller_record(rt, user.id)
    language = person.language if person and person.language else None
    if language not in rt.settings.languages:
        language = negotiate(user.language_code, rt.settings.languages)
    return Caller(
        telegram_id=user.id,
        person=person,
        memberships=tuple(memberships),
        is_staff=rt.is_staff(user.id),
        t=rt.catalogs.translator(language),
    )
