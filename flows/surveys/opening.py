"""Opening a wave: the wave itself, and who is invited when.

Everyone of the wave's groups whom the instrument asks something is invited; a group it asks
nothing is left out. Invitations may be spread over the first minutes of the wave
(``PALABRE_WAVE_SPREAD_MINUTES``), so that a large dialogue does not get them all at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flows.roles import Role
from flows.surveys.items import Instrument
from flows.surveys.records import Schedule, Wave
from flows.surveys.waves import WaveSettings


@dataclass(frozen=True, slots=True)
class Invitation:
    person_id: int
    role: Role
    #: When the invitation goes out.
    at: datetime


def new_wave(
    wave_id: str,
    dialogue_id: int,
    roles: tuple[Role, ...],
    instrument_id: str,
    settings: WaveSettings,
    now: datetime,
    *,
    schedule: Schedule | None = None,
    due: datetime | None = None,
) -> Wave:
    """A wave opening ``now`` (for ``schedule``'s ``due`` time, when a schedule fired)."""
    return Wave(
        wave_id,
        dialogue_id,
        schedule.id if schedule else None,
        due or now,
        schedule.instrument if schedule else instrument_id,
        roles,
        now,
        settings.closes_at(now),
    )


def asked_roles(wave: Wave, instrument: Instrument) -> tuple[Role, ...]:
    """The wave's groups the instrument asks something."""
    return tuple(r for r in wave.roles if instrument.items_for(r))


def invitations(
    wave: Wave,
    instrument: Instrument,
    members: Mapping[Role, Sequence[int]],
    spread: timedelta = timedelta(0),
) -> tuple[Invitation, ...]:
    """Who is invited (``members``: the dialogue's people by group), in the groups' order."""
    people = [
        (person_id, role)
        for role in asked_roles(wave, instrument)
        for person_id in members.get(role, ())
    ]
    return tuple(
        Invitation(person_id, role, wave.opened_at + spread * n / len(people))
        for n, (person_id, role) in enumerate(people)
    )


def invited_counts(found: Sequence[Invitation]) -> dict[Role, int]:
    counts: dict[Role, int] = {}
    for invitation in found:
        counts[invitation.role] = counts.get(invitation.role, 0) + 1
    return counts
