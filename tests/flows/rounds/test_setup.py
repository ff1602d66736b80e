"""A new round's setup: the settings screen's changes, its checks, and the settings it gives."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase
from flows.rounds.setup import (
    DEADLINE_CYCLE,
    DEADLINE_PHASES,
    RoundSetup,
    SetupProblem,
    with_version,
)
from flows.rounds.statements import Empty, TooLong
from flows.rounds.templates import MAX_PROMPT

TEMPLATES = {"trust", "security"}


def test_defaults_ask_everyone_with_moderation_and_no_deadline() -> None:
    s = RoundSetup("trust")
    assert s.roles == STAKEHOLDER_ROLES and s.moderation and s.days == (0, 0, 0)
    assert s.problem(TEMPLATES) is None


def test_toggling_a_group_keeps_the_groups_own_order() -> None:
    s = RoundSetup("trust", roles=())
    s = s.toggled(Role.OFFICIAL).toggled(Role.COMMUNITY)
    assert s.roles == (Role.COMMUNITY, Role.OFFICIAL)
    assert s.toggled(Role.COMMUNITY).roles == (Role.OFFICIAL,)


@given(st.lists(st.sampled_from(STAKEHOLDER_ROLES), max_size=8))
def test_toggling_twice_changes_nothing(presses: list[Role]) -> None:
    s = RoundSetup("trust")
    for role in presses:
        s = s.toggled(role)
    for role in presses:
        s = s.toggled(role)
    assert s == RoundSetup("trust")


def test_deadlines_cycle_through_the_offered_days() -> None:
    s = RoundSetup("trust")
    seen = []
    for _ in range(len(DEADLINE_CYCLE)):
        s = s.cycled(Phase.VOTING)
        seen.append(s.days[2])
    assert seen == [1, 3, 7, 0]
    assert s.cycled(Phase.COLLECTING).days == (1, 0, 0)
    assert s.cycled(Phase.MODERATING).days == (0, 1, 0)


def test_problems_of_a_forged_setup() -> None:
    assert RoundSetup("nope").problem(TEMPLATES) is SetupProblem.UNKNOWN_TEMPLATE
    assert RoundSetup(None).problem(TEMPLATES) is None  # the question is the use case's check
    assert RoundSetup("trust", days=(2, 0, 0)).problem(TEMPLATES) is SetupProblem.BAD_DEADLINE
    facilitators = RoundSetup("trust", roles=(Role.FACILITATOR,))
    assert facilitators.problem(TEMPLATES) is SetupProblem.BAD_GROUP


def test_settings_keep_a_deadline_only_for_phases_that_happen() -> None:
    s = RoundSetup("trust", roles=(Role.POLICE,), days=(1, 3, 7))
    settings = s.settings(statement_limit=400)
    assert settings.roles == (Role.POLICE,) and settings.moderation
    assert settings.statement_limit == 400
    assert settings.deadlines == {
        Phase.COLLECTING: timedelta(days=1),
        Phase.MODERATING: timedelta(days=3),
        Phase.VOTING: timedelta(days=7),
    }
    off = s.moderation_toggled()
    assert off.deadline_days(Phase.MODERATING) is None
    assert off.settings(400).deadlines == {
        Phase.COLLECTING: timedelta(days=1),
        Phase.VOTING: timedelta(days=7),
    }
    assert RoundSetup("trust").settings(500).deadlines == {}


@given(
    st.tuples(*[st.sampled_from(sorted(DEADLINE_CYCLE))] * 3),
    st.booleans(),
)
def test_offered_setups_always_give_settings_that_can_open(
    days: tuple[int, int, int], moderation: bool
) -> None:
    s = RoundSetup("trust", moderation=moderation, days=days)
    assert s.problem(TEMPLATES) is None
    settings = s.settings(500)
    assert settings.check() is None
    assert set(settings.deadlines) <= set(DEADLINE_PHASES)


def test_a_version_is_added_or_replaced_in_place() -> None:
    first = with_version((), "en", "  What should   change? ")
    assert first == (("en", "What should change?"),)
    assert isinstance(first, tuple)
    both = with_version(first, "fr", "Que changer ?")
    assert both == (("en", "What should change?"), ("fr", "Que changer ?"))
    assert isinstance(both, tuple)
    assert with_version(both, "en", "Better?") == (("en", "Better?"), ("fr", "Que changer ?"))


@pytest.mark.parametrize("blank", ["", "  ", "\n\t"])
def test_a_blank_question_is_refused(blank: str) -> None:
    assert with_version((), "en", blank) == Empty()


def test_a_question_is_one_line_of_at_most_max_prompt_characters() -> None:
    assert with_version((), "en", "q" * MAX_PROMPT) == (("en", "q" * MAX_PROMPT),)
    assert with_version((), "en", "q" * (MAX_PROMPT + 1)) == TooLong(MAX_PROMPT, MAX_PROMPT + 1)
    assert with_version((), "en", "two\nlines") == (("en", "two lines"),)
