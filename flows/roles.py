"""Who someone is in a dialogue, and what each role may do.

Program staff are not a role inside a dialogue: they are named by the deployment
(``PALABRE_ADMINS``) and may create dialogues and see every site.
"""

from __future__ import annotations

from enum import StrEnum

from flows.text import N_


class Role(StrEnum):
    """A participant's role in one dialogue. Persisted: never rename a value."""

    COMMUNITY = "community"
    POLICE = "police"
    OFFICIAL = "official"
    FACILITATOR = "facilitator"


#: The stakeholder groups a dialogue brings together (facilitators run it, they are not a side).
STAKEHOLDER_ROLES: tuple[Role, ...] = (Role.COMMUNITY, Role.POLICE, Role.OFFICIAL)

#: Display names, as message ids to translate for each reader.
ROLE_NAMES: dict[Role, str] = {
    Role.COMMUNITY: N_("community member"),
    Role.POLICE: N_("police officer"),
    Role.OFFICIAL: N_("official"),
    Role.FACILITATOR: N_("facilitator"),
}

#: Group names, for summaries ("Police: 80 % agree").
GROUP_NAMES: dict[Role, str] = {
    Role.COMMUNITY: N_("Community"),
    Role.POLICE: N_("Police"),
    Role.OFFICIAL: N_("Officials"),
    Role.FACILITATOR: N_("Facilitators"),
}


def parse_role(value: str) -> Role | None:
    """The role named ``value``, or None when it names none (e.g. forged callback data)."""
    try:
        return Role(value)
    except ValueError:
        return None
