"""What the round results and /summary say: a group that passed is not a divide, agreement
among the groups shown is listed apart from common ground, cut lists say "and N more", and the
facilitators read a Wilson interval with each agree rate."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import summary_texts
from bot.i18n import Catalogs
from bot.round_texts import results_for_facilitators, results_for_participants
from flows.disclosure import Cell
from flows.grievances.digest import Breakdown, DigestLine, Period
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.results import Tally, round_result
from flows.rounds.statements import Statement, StatementStatus
from services.rounds import Outcome

CATALOGS = Catalogs()
COM, POL, OFF = Role.COMMUNITY, Role.POLICE, Role.OFFICIAL
ROUND = Round(
    "r1",
    1,
    Phase.CLOSED,
    datetime(2026, 9, 1, tzinfo=UTC),
    RoundSettings(roles=STAKEHOLDER_ROLES),
    None,
    (("en", "What would build trust?"),),
)


def outcome(tallies: dict[str, dict[Role, Tally]]) -> Outcome:
    statements = {
        sid: Statement(sid, "r1", f"statement {sid}", COM, "en", StatementStatus.APPROVED)
        for sid in tallies
    }
    return Outcome(
        ROUND, round_result(tallies, STAKEHOLDER_ROLES, 5, list(tallies)), statements, 30
    )


AGREED = {COM: Tally(9, 1, 0), POL: Tally(8, 2, 0), OFF: Tally(5, 1, 0)}
PASSED = {COM: Tally(0, 0, 6), POL: Tally(5, 1, 0), OFF: Tally(5, 1, 0)}
HALF = {COM: Tally(9, 1, 0), POL: Tally(9, 1, 0), OFF: Tally(3, 0, 0)}


def test_a_group_that_passed_is_said_to_have_passed_not_to_differ() -> None:
    t = CATALOGS.translator("en")
    found = outcome({"p": PASSED})
    text = results_for_facilitators(t, found, 5)
    divides = text.split("<b>Divides</b>")[1].split("<b>Areas of uncertainty</b>")[0]
    assert "statement p" not in divides and "None this time." in divides
    uncertain = text.split("<b>Areas of uncertainty</b>")[1].split("<b>Every statement</b>")[0]
    assert "statement p" in uncertain and "most of the community passed" in uncertain
    shared = results_for_participants(t, found)
    assert "No clear divide this time." in shared
    assert "<b>Where a group mostly passed</b>" in shared
    assert "most of the community passed" in shared
    assert "agree more" not in shared


def test_agreement_among_the_groups_shown_is_listed_apart() -> None:
    t = CATALOGS.translator("en")
    found = outcome({"full": AGREED, "half": HALF})
    text = results_for_facilitators(t, found, 5)
    common = text.split("<b>Common ground</b>")[1].split("<b>Agreement among the groups shown")[0]
    assert "statement full" in common and "statement half" not in common
    partial = text.split("<b>Agreement among the groups shown</b>")[1].split("<b>Divides")[0]
    assert "statement half" in partial and "not shown (fewer than 5 votes): Officials" in partial
    shared = results_for_participants(t, found)
    agreed = shared.split("<b>What the groups agreed on</b>")[1].split("<b>What every group")[0]
    assert "statement full" in agreed and "statement half" not in agreed
    assert "statement half" in shared.split("<b>What every group shown agreed on</b>")[1]


def test_facilitators_read_a_wilson_interval_with_each_rate() -> None:
    t = CATALOGS.translator("en")
    text = results_for_facilitators(t, outcome({"full": AGREED}), 5)
    # Community 9 of 10: Wilson 59.6 %–98.2 %, rounded by the locale's percent format.
    assert "Community: 90% agree (95% CI 60%–98%), 10 votes" in text


def test_cut_lists_say_how_many_more_and_where() -> None:
    t = CATALOGS.translator("en")
    many = {f"s{n}": AGREED for n in range(5)}
    shared = results_for_participants(t, outcome(many))
    assert "… and 2 more (your facilitators have the full results)" in shared
    agreed = shared.split("<b>What the groups agreed on</b>")[1].split("<b>Where they differ")[0]
    assert agreed.count("• ") == 3
    assert "… and 2 more (your facilitators have the full results)" in agreed
    divides = {f"d{n}": {COM: Tally(9 - n, 1 + n, 0), POL: Tally(1, 9, 0)} for n in range(7)}
    text = results_for_facilitators(t, outcome(divides), 5)
    assert "… and 2 more (every statement is listed below)" in text
    fr = CATALOGS.translator("fr")
    assert "et 2 de plus" in results_for_participants(fr, outcome(many))
    exact = results_for_participants(t, outcome({f"s{n}": AGREED for n in range(3)}))
    assert "more (" not in exact  # nothing cut, nothing said


def test_the_summary_grievance_lists_say_how_many_more() -> None:
    t = CATALOGS.translator("en")

    def line(key: str, month: int) -> DigestLine:
        return DigestLine(key, {Period.THIS_MONTH: Cell(month)}, None, None)

    lines = tuple(line(f"c{n}", 10 - n) for n in range(5)) + (line("none", 0),)
    breakdown = Breakdown(lines, line("", 40), {})
    names = {f"c{n}": f"Subject {n}" for n in range(5)}
    listed = summary_texts._top(t, breakdown, names, 5)
    assert listed == (
        "Subject 0 (10), Subject 1 (9), Subject 2 (8), and 2 more (/grievances lists them all)"
    )
    three = Breakdown(lines[:3], line("", 27), {})
    assert summary_texts._top(t, three, names, 5) == "Subject 0 (10), Subject 1 (9), Subject 2 (8)"
