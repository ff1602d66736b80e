"""Invite codes: how a person is given a role in a dialogue.

A code is the only thing that grants a role, so it must be unguessable: 16 random bytes
(128 bits, above the 96 the threat model asks for), base64url-encoded into 22 characters of
``A-Z a-z 0-9 _ -``, which fits Telegram's deep-link start parameter (at most 64 characters
of that alphabet). Randomness is passed in; this module never draws it.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from flows.roles import STAKEHOLDER_ROLES, Role

CODE_BYTES = 16
#: What Telegram accepts as a /start parameter.
START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

#: The choices the invite keyboard offers (None means "no limit").
MAX_USES_CHOICES: tuple[int | None, ...] = (1, 10, 50, None)
EXPIRY_DAYS_CHOICES: tuple[int | None, ...] = (1, 7, 30, None)


class InviteProblem(StrEnum):
    """Why a code cannot be used. Each maps onto one clear message at the edge."""

    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"
    USED_UP = "used_up"


@dataclass(frozen=True, slots=True)
class Invite:
    """A role invite into one dialogue."""

    id: str
    code: str
    dialogue_id: int
    role: Role
    created_at: datetime
    max_uses: int | None = None
    uses: int = 0
    expires_at: datetime | None = None
    revoked: bool = False

    def problem(self, now: datetime) -> InviteProblem | None:
        """What stops this invite being used at ``now``, or None when it may be used."""
        if self.revoked:
            return InviteProblem.REVOKED
        if self.expires_at is not None and now >= self.expires_at:
            return InviteProblem.EXPIRED
        if self.max_uses is not None and self.uses >= self.max_uses:
            return InviteProblem.USED_UP
        return None

    def remaining_uses(self) -> int | None:
        return None if self.max_uses is None else max(0, self.max_uses - self.uses)


def encode_code(random_bytes: bytes) -> str:
    """Turn ``CODE_BYTES`` random bytes into a start-parameter-safe invite code."""
    if len(random_bytes) < CODE_BYTES:
        raise ValueError(f"an invite code needs at least {CODE_BYTES} random bytes")
    return base64.urlsafe_b64encode(random_bytes[:CODE_BYTES]).rstrip(b"=").decode("ascii")


def looks_like_code(text: str) -> bool:
    """Whether ``text`` could be a /start parameter at all (cheap check before any lookup)."""
    return bool(START_PARAMETER.match(text))


def expiry(now: datetime, days: int | None) -> datetime | None:
    return None if days is None else now + timedelta(days=days)


def roles_invitable_by(*, is_staff: bool, is_facilitator: bool) -> tuple[Role, ...]:
    """Which roles a caller may hand out: staff name facilitators, facilitators the three sides."""
    roles: list[Role] = []
    if is_staff:
        roles.append(Role.FACILITATOR)
    if is_staff or is_facilitator:
        roles.extend(STAKEHOLDER_ROLES)
    return tuple(roles)


def deep_link(bot_username: str, code: str) -> str:
    """The t.me link that opens the bot with ``/start <code>``."""
    if not looks_like_code(code):
        raise ValueError("not a valid start parameter")
    return f"https://t.me/{bot_username}?start={code}"
