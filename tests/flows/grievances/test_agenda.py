"""The desk's rules: status changes, the agenda and its confidential categories, replies."""

from __future__ import annotations

from datetime import date

import pytest

from flows.grievances.agenda import (
    AgendaSet,
    ChangeStatus,
    DeskRefusal,
    ReplySet,
    SetAgenda,
    StatusSet,
    WriteReply,
    decide,
    hidden_from,
)
from flows.grievances.categories import default_catalogue
from flows.grievances.receipts import GrievanceStatus
from flows.grievances.records import MAX_REPLY, Grievance
from flows.roles import Role

CATALOGUE = default_catalogue()
KEY = "ab" * 16


def _grievance(category: str = "corruption", **kw) -> Grievance:
    return Grievance(KEY, 1, date(2026, 11, 21), category, "a1", "this_week", "text", **kw)


def _apply(grievance: Grievance, action) -> tuple[Grievance, tuple]:
    decided = decide(grievance, action, CATALOGUE)
    assert not isinstance(decided, DeskRefusal), decided
    return decided


def test_the_default_catalogue_has_a_confidential_category() -> None:
    assert "gbv" in CATALOGUE.confidential_ids


@pytest.mark.parametrize(
    "status", [GrievanceStatus.RECEIVED, GrievanceStatus.ACTION_TAKEN, GrievanceStatus.CLOSED]
)
def test_a_status_set_by_hand(status: GrievanceStatus) -> None:
    changed, events = _apply(_grievance(), ChangeStatus(status))
    assert changed == _grievance(status=status)
    assert events == (StatusSet(KEY, status),)


def test_to_be_discussed_comes_only_with_the_agenda() -> None:
    refused = decide(_grievance(), ChangeStatus(GrievanceStatus.ON_AGENDA), CATALOGUE)
    assert refused is DeskRefusal.ONLY_BY_AGENDA


def test_the_agenda_gives_and_takes_back_its_status() -> None:
    on, events = _apply(_grievance(), SetAgenda(True))
    assert on.on_agenda and on.status is GrievanceStatus.ON_AGENDA
    assert events == (AgendaSet(KEY, True, GrievanceStatus.ON_AGENDA),)
    off, events = _apply(on, SetAgenda(False))
    assert not off.on_agenda and off.status is GrievanceStatus.RECEIVED
    assert events == (AgendaSet(KEY, False, GrievanceStatus.RECEIVED),)


def test_the_agenda_keeps_a_status_a_facilitator_set() -> None:
    done = _grievance(status=GrievanceStatus.ACTION_TAKEN)
    on, _ = _apply(done, SetAgenda(True))
    assert on.on_agenda and on.status is GrievanceStatus.ACTION_TAKEN
    off, _ = _apply(on, SetAgenda(False))
    assert off.status is GrievanceStatus.ACTION_TAKEN


def test_a_confidential_category_never_goes_on_the_agenda() -> None:
    assert decide(_grievance("gbv"), SetAgenda(True), CATALOGUE) is DeskRefusal.CONFIDENTIAL
    # Taking one off (should it be there) is allowed.
    stray = _grievance("gbv", on_agenda=True, status=GrievanceStatus.ON_AGENDA)
    off, _ = _apply(stray, SetAgenda(False))
    assert not off.on_agenda


def test_a_reply_is_trimmed_and_bounded() -> None:
    changed, events = _apply(_grievance(), WriteReply("  We met the chief.  "))
    assert changed.reply == "We met the chief." and events == (ReplySet(KEY, "We met the chief."),)
    assert decide(_grievance(), WriteReply("   "), CATALOGUE) is DeskRefusal.BAD_REPLY
    too_long = WriteReply("x" * (MAX_REPLY + 1))
    assert decide(_grievance(), too_long, CATALOGUE) is DeskRefusal.BAD_REPLY
    assert _apply(_grievance(), WriteReply("x" * MAX_REPLY))[0].reply == "x" * MAX_REPLY


def test_who_reads_confidential_categories_on_the_agenda() -> None:
    confidential = CATALOGUE.confidential_ids
    assert hidden_from(Role.FACILITATOR, CATALOGUE) == frozenset()
    assert hidden_from(None, CATALOGUE, staff=True) == frozenset()
    assert hidden_from(Role.POLICE, CATALOGUE, staff=True) == frozenset()
    for role in (Role.POLICE, Role.OFFICIAL, Role.COMMUNITY, None):
        assert hidden_from(role, CATALOGUE) == confidential
