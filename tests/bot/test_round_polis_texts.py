"""What sets each group apart and the majority opinion, as facilitators read them."""

from __future__ import annotations

import pytest

from bot.i18n import Catalogs
from bot.round_polis_texts import PER_GROUP, for_facilitators, for_summary
from flows.roles import Role
from flows.rounds.results import Tally, round_result

CATALOGS = Catalogs()
COM, POL, OFF = Role.COMMUNITY, Role.POLICE, Role.OFFICIAL
ROLES = (COM, POL, OFF)


def line(statement_id: str) -> str:
    return f"• [{statement_id}]"


def apart_round() -> dict[str, dict[Role, Tally]]:
    """Community agrees with the "c" statements that the others reject, police the reverse."""
    tallies = {
        f"c{i}": {COM: Tally(18 - i, 2, 0), POL: Tally(2, 18, 0), OFF: Tally(3, 17, 0)}
        for i in range(5)
    }
    tallies["all"] = {COM: Tally(19, 1, 0), POL: Tally(18, 2, 0), OFF: Tally(19, 0, 1)}
    return tallies


def test_facilitators_read_each_groups_statements_with_both_shares() -> None:
    t = CATALOGS.translator("en")
    polis = round_result(apart_round(), ROLES, k=5).polis
    text = "\n".join(for_facilitators(t, polis, line))
    head, majority = text.split("Majority opinion", 1)
    assert "What sets each group apart" in head
    community = [ln for ln in head.splitlines() if ln.startswith("  Community:")]
    assert len(community) == PER_GROUP  # five found, three shown
    assert "• [c0]\n  Community: 90% agree, against 12% in the other groups" in head
    assert "• [c0]\n  Police: 90% disagree, against 48% in the other groups" in head
    # The statement every group agrees with leads the majority opinion, with its votes.
    assert majority.splitlines()[1] == "• [all]"
    assert majority.splitlines()[2] == "  93% agree, of 60 votes"


def test_nothing_to_report_says_so() -> None:
    t = CATALOGS.translator("en")
    polis = round_result({"s": {COM: Tally(2, 2, 2)}}, ROLES, k=5).polis
    text = "\n".join(for_facilitators(t, polis, line))
    assert text.count("None this time.") == 2


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_translated(language: str) -> None:
    t = CATALOGS.translator(language)
    polis = round_result(apart_round(), ROLES, k=5).polis
    text = "\n".join(for_facilitators(t, polis, line) + for_summary(t, polis, line, 3))
    assert "apart" not in text and "Majority" not in text and " agree" not in text
    assert t._("Community") in text and t._("Police") in text


def test_summary_shows_one_statement_per_group_and_the_strongest_majorities() -> None:
    t = CATALOGS.translator("en")
    polis = round_result(apart_round(), ROLES, k=5).polis
    lines = "\n".join(for_summary(t, polis, line, 2)).splitlines()
    assert lines[0] == "What sets each group apart:"
    groups = [ln.split(":")[0].strip() for ln in lines if "in the other groups" in ln]
    assert groups == ["Community", "Police", "Officials"]
    assert lines[1:3] == ["• [c0]", "  Community: 90% agree, against 12% in the other groups"]
    at = lines.index("Majority opinion:")
    assert lines[at + 1 :] == [
        "• [all]",
        "  93% agree, of 60 votes",
        "• [c4]",
        "  66% disagree, of 56 votes",
    ]
