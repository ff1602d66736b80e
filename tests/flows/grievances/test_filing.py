"""Filing a confirmed grievance: membership, then the choices, then the day's limit."""

from __future__ import annotations

from datetime import date

from flows.grievances.categories import default_catalogue
from flows.grievances.filing import Accepted, NotFiled, Offered, decide
from flows.grievances.intake_events import GrievanceDraft
from flows.grievances.records import Grievance

CATALOGUE = default_catalogue()
DAY = date(2026, 11, 21)
DRAFT = GrievanceDraft("theft", "a1", "this_week", "They took the pump")
KEY = "cd" * 16


def _decide(draft: GrievanceDraft = DRAFT, **kw) -> Accepted | NotFiled:
    values = {
        "member": True,
        "offered": Offered.by(CATALOGUE, ["a1", "a2"]),
        "filed_today": 0,
        "limit": 5,
        "key": KEY,
        "dialogue_id": 3,
        "day": DAY,
    } | kw
    return decide(draft, **values)


def test_what_is_filed_is_the_draft_with_a_key_and_the_day_only() -> None:
    assert _decide() == Accepted(
        Grievance(KEY, 3, DAY, "theft", "a1", "this_week", "They took the pump"), remaining=4
    )
    last = _decide(filed_today=4)
    assert isinstance(last, Accepted) and last.remaining == 0


def test_the_unspecified_area_is_always_offered() -> None:
    draft = GrievanceDraft("theft", CATALOGUE.unspecified_area.id, "earlier", "text")
    assert isinstance(_decide(draft, offered=Offered.by(CATALOGUE, [])), Accepted)


def test_a_choice_no_longer_offered_files_nothing() -> None:
    for draft in (
        GrievanceDraft("gone", "a1", "this_week", "text"),
        GrievanceDraft("theft", "a9", "this_week", "text"),
        GrievanceDraft("theft", "a1", "someday", "text"),
    ):
        assert _decide(draft) is NotFiled.CHANGED


def test_someone_who_left_the_dialogue_files_nothing_whatever_the_limit() -> None:
    assert _decide(member=False) is NotFiled.CHANGED
    assert _decide(member=False, filed_today=5) is NotFiled.CHANGED


def test_the_limit_is_checked_last_and_authoritatively() -> None:
    assert _decide(filed_today=5) is NotFiled.LIMIT
    assert _decide(filed_today=1, limit=1) is NotFiled.LIMIT
    assert _decide(GrievanceDraft("gone", "a1", "this_week", "t"), filed_today=5) is (
        NotFiled.CHANGED
    )
