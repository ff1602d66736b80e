"""The bot's commands as data: who may use each, and how it is described.

/help and the Telegram command menu are both rendered from this table, so a person is only
ever shown what they may use. The server still checks every call: a menu is not a permission.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flows.roles import Role
from flows.text import N_


class Audience(StrEnum):
    EVERYONE = "everyone"
    MEMBER = "member"  # anyone in at least one dialogue
    FACILITATOR = "facilitator"  # facilitators (and program staff)
    STAFF = "staff"  # program staff only


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    description: str  # message id, translated for each reader
    audience: Audience


COMMANDS: tuple[Command, ...] = (
    Command("start", N_("Start, or join a dialogue with an invite"), Audience.EVERYONE),
    Command("help", N_("What you can do here"), Audience.EVERYONE),
    Command("dialogue", N_("Choose the dialogue you are working in"), Audience.MEMBER),
    Command("vote", N_("Vote on the statements of the current round"), Audience.MEMBER),
    Command("mystatements", N_("Review or withdraw your statements"), Audience.MEMBER),
    Command("actions", N_("The dialogue's action items"), Audience.MEMBER),
    Command("grievance", N_("Report a problem anonymously"), Audience.MEMBER),
    Command("status", N_("Follow a grievance with its receipt code"), Audience.EVERYONE),
    Command("agenda", N_("Grievances on the dialogue's agenda"), Audience.MEMBER),
    Command("round", N_("Open a dialogue round"), Audience.FACILITATOR),
    Command("moderate", N_("Review pending statements"), Audience.FACILITATOR),
    Command("next", N_("Move the round to its next phase"), Audience.FACILITATOR),
    Command("close", N_("Close the round and share the results"), Audience.FACILITATOR),
    Command("results", N_("Results of the latest round"), Audience.FACILITATOR),
    Command("action", N_("Add an action item"), Audience.FACILITATOR),
    Command("grievances", N_("Grievance digest and texts"), Audience.FACILITATOR),
    Command("areas", N_("Places offered when filing a grievance"), Audience.FACILITATOR),
    Command("schedule", N_("Show, add or delete survey schedules"), Audience.FACILITATOR),
    Command("surveynow", N_("Send a trust survey now"), Audience.FACILITATOR),
    Command("survey", N_("Answers and trust index of the latest surveys"), Audience.FACILITATOR),
    Command("summary", N_("Where the dialogue stands, in one message"), Audience.FACILITATOR),
    Command("trends", N_("Charts of trust over the surveys"), Audience.FACILITATOR),
    Command("export", N_("Export the figures as a spreadsheet"), Audience.FACILITATOR),
    Command("invite", N_("Create, list or revoke invites"), Audience.FACILITATOR),
    Command("newdialogue", N_("Create a new dialogue"), Audience.STAFF),
    Command("language", N_("Change your language"), Audience.EVERYONE),
    Command("privacy", N_("What is stored and who can see it"), Audience.EVERYONE),
    Command("cancel", N_("Leave what you are doing"), Audience.EVERYONE),
    Command("forgetme", N_("Delete your profile"), Audience.EVERYONE),
)

#: Commands that still make sense in a group chat (everything else points to a private chat).
GROUP_COMMANDS: tuple[str, ...] = ("start", "help", "privacy")


def allowed(command: Command, *, is_staff: bool, roles: frozenset[Role]) -> bool:
    match command.audience:
        case Audience.EVERYONE:
            return True
        case Audience.MEMBER:
            return is_staff or bool(roles)
        case Audience.FACILITATOR:
            return is_staff or Role.FACILITATOR in roles
        case Audience.STAFF:
            return is_staff


def commands_for(*, is_staff: bool, roles: frozenset[Role]) -> tuple[Command, ...]:
    """The commands someone with these roles (across their dialogues) may use, in menu order."""
    return tuple(c for c in COMMANDS if allowed(c, is_staff=is_staff, roles=roles))
