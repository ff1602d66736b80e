"""Message ids shared by several handlers, and small renderers of domain values."""

from __future__ import annotations

import html

from bot.i18n import Translator
from flows.invites import InviteProblem
from flows.roles import GROUP_NAMES, ROLE_NAMES, Role
from flows.text import N_

INVITE_PROBLEMS: dict[InviteProblem, str] = {
    InviteProblem.UNKNOWN: N_(
        "This invite link is not valid. Check that you opened the whole link, "
        "or ask your facilitator for a new one."
    ),
    InviteProblem.REVOKED: N_(
        "This invite has been withdrawn by the facilitators. Ask them for a new one."
    ),
    InviteProblem.EXPIRED: N_("This invite has expired. Ask your facilitator for a new one."),
    InviteProblem.USED_UP: N_(
        "This invite has already been used as many times as allowed. "
        "Ask your facilitator for a new one."
    ),
}

NOT_ALLOWED = N_("Sorry, only facilitators of this dialogue can do that.")
STAFF_ONLY = N_("Sorry, only program staff can do that.")
NO_DIALOGUE = N_(
    "You are not working in a dialogue yet. Open the invite link a facilitator gave you, "
    "or choose one with /dialogue."
)
STALE_BUTTON = N_("This button is no longer valid. Please use the latest message.")
USE_PRIVATE_CHAT = N_(
    "For your privacy, Palabre only works in a private chat. Open {link} and press Start."
)


def role_name(t: Translator, role: Role) -> str:
    return t._(ROLE_NAMES[role])


def group_name(t: Translator, role: Role) -> str:
    return t._(GROUP_NAMES[role])


def esc(value: object) -> str:
    """HTML-escape anything that came from a person or the database."""
    return html.escape(str(value), quote=False)


def bold(text: str) -> str:
    """A translated heading in bold (translations are ours, not escaped)."""
    return f"<b>{text}</b>"


def removal(t: Translator, removed: bool | None) -> str:
    """Whether the person's typed message left the chat once Palabre kept it (``removed``
    None: there was none to remove, and nothing is said)."""
    if removed is True:
        return t._("Your message was removed from this chat for your safety.")
    if removed is False:
        return t._(
            "Palabre could not remove your message from this chat: you may want to delete "
            "it yourself."
        )
    return ""


def and_more(t: Translator, total: int, shown: int, where: str) -> str | None:
    """What ends a list cut to ``shown`` of ``total`` entries, saying where the whole list
    is (``where``, already translated); None when nothing was cut."""
    left = total - shown
    if left <= 0:
        return None
    return t.ngettext(
        "and {n} more ({where})", "and {n} more ({where})", left, n=t.number(left), where=where
    )
