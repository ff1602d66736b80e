"""Opening a wave: the wave, who is invited, and when their invitations go out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flows.roles import Role
from flows.surveys.instruments import default_instrument, parse_instruments
from flows.surveys.opening import Invitation, asked_roles, invitations, invited_counts, new_wave
from flows.surveys.records import Schedule
from flows.surveys.waves import WaveSettings
from tests.flows.surveys.conftest import MINIMAL

NOW = datetime(2026, 11, 2, 9, 3, tzinfo=UTC)
ROLES = (Role.COMMUNITY, Role.POLICE, Role.OFFICIAL)


def test_a_wave_opened_by_hand_and_one_a_schedule_opened() -> None:
    wave = new_wave("w1", 1, ROLES, "jsd_trust_v1", WaveSettings(), NOW)
    assert (wave.schedule_id, wave.due_at, wave.opened_at) == (None, NOW, NOW)
    assert wave.closes_at == NOW + timedelta(hours=72) and not wave.closed
    due = NOW.replace(minute=0)
    schedule = Schedule("s1", 1, "weekly mon 09:00", ROLES, "local_v1", due)
    fired = new_wave(
        "w2", 1, ROLES, "jsd_trust_v1", WaveSettings(), NOW, schedule=schedule, due=due
    )
    assert (fired.schedule_id, fired.due_at, fired.instrument) == ("s1", due, "local_v1")


def test_groups_the_instrument_asks_nothing_are_not_invited() -> None:
    minimal = parse_instruments(MINIMAL).instrument("t1")  # asks no official anything
    wave = new_wave("w1", 1, ROLES, "t1", WaveSettings(), NOW)
    assert asked_roles(wave, minimal) == (Role.COMMUNITY, Role.POLICE)
    members = {Role.COMMUNITY: [1, 2], Role.POLICE: [3], Role.OFFICIAL: [4]}
    found = invitations(wave, minimal, members)
    assert [(i.person_id, i.role) for i in found] == [
        (1, Role.COMMUNITY),
        (2, Role.COMMUNITY),
        (3, Role.POLICE),
    ]
    assert all(i.at == NOW for i in found)
    assert invited_counts(found) == {Role.COMMUNITY: 2, Role.POLICE: 1}


def test_invitations_are_spread_evenly_from_the_opening() -> None:
    wave = new_wave("w1", 1, (Role.COMMUNITY,), "jsd_trust_v1", WaveSettings(), NOW)
    found = invitations(
        wave, default_instrument(), {Role.COMMUNITY: [1, 2, 3, 4]}, timedelta(minutes=8)
    )
    assert found == tuple(
        Invitation(p, Role.COMMUNITY, NOW + timedelta(minutes=2 * n))
        for n, p in enumerate([1, 2, 3, 4])
    )
    assert invitations(wave, default_instrument(), {}, timedelta(minutes=8)) == ()
