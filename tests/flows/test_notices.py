"""Notices: every kind survives the outbox (payload and back), and its dedupe key names one
recipient and one occasion."""

from datetime import date

import pytest

from flows import notices
from flows.notices import (
    KINDS,
    ActionCheck,
    ActionDone,
    GrievanceAlert,
    ModerationReady,
    RoundPrompt,
    RoundResults,
    SurveyInvitation,
    SurveyReminder,
    UnknownNotice,
    VotingOpen,
    notice_from,
)

DAY = date(2026, 11, 23)
EXAMPLES = [
    RoundPrompt(7, "r1"),
    ModerationReady(7, "r1"),
    VotingOpen(7, "r1"),
    RoundResults(7, "r1"),
    ActionCheck(7, "a1", DAY),
    ActionDone(7, "a1"),
    SurveyInvitation(7, "w1"),
    SurveyReminder(7, "w1", 2),
    GrievanceAlert(7, 3, DAY, "corruption", "a2", ("surge", "urgent"), None),
]


def test_every_kind_has_an_example() -> None:
    assert {type(n) for n in EXAMPLES} == set(KINDS.values())


@pytest.mark.parametrize("notice", EXAMPLES, ids=lambda n: n.kind)
def test_a_notice_comes_back_from_its_stored_payload(notice: notices.Notice) -> None:
    payload = notice.payload()
    assert "person_id" not in payload
    import json

    stored = json.loads(json.dumps(payload))
    assert notice_from(notice.kind, notice.person_id, stored) == notice


@pytest.mark.parametrize("notice", EXAMPLES, ids=lambda n: n.kind)
def test_the_dedupe_key_differs_by_recipient(notice: notices.Notice) -> None:
    other = notice_from(notice.kind, notice.person_id + 1, notice.payload())
    assert other.dedupe != notice.dedupe


def test_keys_name_the_occasion() -> None:
    assert SurveyReminder(7, "w1", 1).dedupe != SurveyReminder(7, "w1", 2).dedupe
    assert ActionCheck(7, "a1", DAY).dedupe != ActionCheck(7, "a1", date(2026, 11, 24)).dedupe
    # An alert is once per subject, place and day, whatever this week's count says.
    low = GrievanceAlert(7, 3, DAY, "corruption", "a2", ("surge",), None)
    high = GrievanceAlert(7, 3, DAY, "corruption", "a2", ("surge",), 9)
    assert low.dedupe == high.dedupe
    assert len({n.dedupe for n in EXAMPLES}) == len(EXAMPLES)


def test_what_this_palabre_does_not_know_is_refused() -> None:
    with pytest.raises(UnknownNotice):
        notice_from("carrier_pigeon", 1, {})
    with pytest.raises(UnknownNotice):
        notice_from("round_prompt", 1, {"round": "r1"})  # a field of another version
