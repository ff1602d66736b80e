"""Action items: text limits, due dates, overdue, status checks and display order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.notices import ActionCheck, ActionDone
from flows.roles import Role
from flows.rounds.actions import (
    DUE_CHOICES_DAYS,
    MAX_ACTION_TEXT,
    STATUS_ANSWERS,
    STATUS_LABELS,
    TRANSITIONS,
    ActionDraft,
    ActionItem,
    ActionProblem,
    ActionStatus,
    action_text,
    announced,
    answer,
    ask_for_status,
    change_status,
    draft,
    due_date,
    due_for_check,
    for_display,
    mark_checked,
    validate_action,
)

TODAY = date(2025, 6, 15)
DAY = timedelta(days=1)
OPENISH = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)


def _item(
    item_id: str = "a1",
    due_on: date = TODAY,
    status: ActionStatus = ActionStatus.OPEN,
    checked_on: date | None = None,
) -> ActionItem:
    return ActionItem(
        item_id, 1, "Fix the street lights", Role.OFFICIAL, due_on, status, checked_on
    )


# -- text ---------------------------------------------------------------------------------------


def test_text_at_the_limit_is_accepted() -> None:
    text = "x" * MAX_ACTION_TEXT
    assert action_text(text) == text


def test_text_over_the_limit_is_refused() -> None:
    assert action_text("x" * (MAX_ACTION_TEXT + 1)) is ActionProblem.TOO_LONG


def test_limit_is_counted_after_collapsing_whitespace() -> None:
    words = " ".join(["ab"] * 100)  # 299 characters
    assert len(words) == 299
    assert action_text(words.replace(" ", " \n\t  ")) == words
    assert action_text("  " + "y" * MAX_ACTION_TEXT + "\n\n") == "y" * MAX_ACTION_TEXT


def test_whitespace_is_collapsed_to_single_spaces() -> None:
    assert action_text("  Police \n and  community\tpatrol  ") == "Police and community patrol"


@pytest.mark.parametrize("blank", ["", " ", "\n\t", "\u2003"])
def test_blank_text_is_refused(blank: str) -> None:
    assert action_text(blank) is ActionProblem.EMPTY


@given(st.text(max_size=400))
def test_action_text_property(text: str) -> None:
    result = action_text(text)
    collapsed = " ".join(text.split())
    if result is ActionProblem.EMPTY:
        assert not collapsed
    elif result is ActionProblem.TOO_LONG:
        assert len(collapsed) > MAX_ACTION_TEXT
    else:
        assert result == collapsed
        assert 0 < len(result) <= MAX_ACTION_TEXT


# -- due dates ----------------------------------------------------------------------------------


def test_allowed_due_choices() -> None:
    assert DUE_CHOICES_DAYS == (7, 14, 30, 90)


@pytest.mark.parametrize("days", DUE_CHOICES_DAYS)
def test_due_date_for_allowed_choices(days: int) -> None:
    assert due_date(TODAY, days) == TODAY + timedelta(days=days)


def test_due_date_crosses_month_and_year() -> None:
    assert due_date(date(2025, 12, 20), 14) == date(2026, 1, 3)
    assert due_date(date(2024, 2, 1), 30) == date(2024, 3, 2)  # leap year


@pytest.mark.parametrize("days", [0, 1, 6, 8, 13, 15, 31, 89, 91, 365, -7, -14])
def test_due_date_refuses_other_choices(days: int) -> None:
    assert due_date(TODAY, days) is None


@given(st.integers(min_value=-1000, max_value=1000))
def test_due_date_only_for_allowed_choices(days: int) -> None:
    result = due_date(TODAY, days)
    if days in DUE_CHOICES_DAYS:
        assert result == TODAY + timedelta(days=days)
    else:
        assert result is None


# -- overdue and status checks ------------------------------------------------------------------


@pytest.mark.parametrize("status", OPENISH)
def test_overdue_only_after_the_due_day(status: ActionStatus) -> None:
    assert _item(due_on=TODAY - DAY, status=status).overdue(TODAY)
    assert not _item(due_on=TODAY, status=status).overdue(TODAY)
    assert not _item(due_on=TODAY + DAY, status=status).overdue(TODAY)


@pytest.mark.parametrize("status", FINISHED)
def test_finished_items_are_never_overdue(status: ActionStatus) -> None:
    assert not _item(due_on=TODAY - 30 * DAY, status=status).overdue(TODAY)


@pytest.mark.parametrize("status", OPENISH)
def test_status_check_when_due_today_and_not_asked_today(status: ActionStatus) -> None:
    assert _item(due_on=TODAY, status=status).needs_status_check(TODAY)
    assert _item(due_on=TODAY, status=status, checked_on=TODAY - DAY).needs_status_check(TODAY)


@pytest.mark.parametrize("status", OPENISH)
def test_status_check_for_overdue_items_once_a_day(status: ActionStatus) -> None:
    item = _item(due_on=TODAY - 5 * DAY, status=status, checked_on=TODAY - DAY)
    assert item.needs_status_check(TODAY)
    asked = _item(due_on=TODAY - 5 * DAY, status=status, checked_on=TODAY)
    assert not asked.needs_status_check(TODAY)


def test_no_status_check_when_asked_today() -> None:
    assert not _item(due_on=TODAY, checked_on=TODAY).needs_status_check(TODAY)


def test_no_status_check_before_the_due_day() -> None:
    assert not _item(due_on=TODAY + DAY).needs_status_check(TODAY)


@pytest.mark.parametrize("status", FINISHED)
def test_no_status_check_for_done_or_dropped(status: ActionStatus) -> None:
    assert not _item(due_on=TODAY, status=status).needs_status_check(TODAY)
    assert not _item(due_on=TODAY - 3 * DAY, status=status).needs_status_check(TODAY)


def test_every_status_has_a_label() -> None:
    assert set(STATUS_LABELS) == set(ActionStatus)


# -- display order ------------------------------------------------------------------------------


def test_for_display_overdue_then_open_by_due_date_then_finished() -> None:
    items = [
        _item("done-old", TODAY - 20 * DAY, ActionStatus.DONE),
        _item("open-later", TODAY + 10 * DAY),
        _item("overdue-recent", TODAY - DAY, ActionStatus.IN_PROGRESS),
        _item("dropped", TODAY + DAY, ActionStatus.DROPPED),
        _item("open-today", TODAY),
        _item("overdue-old", TODAY - 9 * DAY),
        _item("open-soon", TODAY + 2 * DAY, ActionStatus.IN_PROGRESS),
    ]
    assert [i.id for i in for_display(items, TODAY)] == [
        "overdue-old",
        "overdue-recent",
        "open-today",
        "open-soon",
        "open-later",
        "done-old",
        "dropped",
    ]


def test_for_display_does_not_change_its_input() -> None:
    items = [_item("b", TODAY + DAY), _item("a", TODAY - DAY)]
    for_display(items, TODAY)
    assert [i.id for i in items] == ["b", "a"]


def _rank(item: ActionItem) -> int:
    if item.overdue(TODAY):
        return 0
    return 2 if item.status in FINISHED else 1


@given(
    st.lists(
        st.tuples(st.integers(min_value=-40, max_value=40), st.sampled_from(list(ActionStatus))),
        max_size=12,
    )
)
def test_for_display_order_property(specs: list[tuple[int, ActionStatus]]) -> None:
    items = [
        _item(f"i{n}", TODAY + offset * DAY, status) for n, (offset, status) in enumerate(specs)
    ]
    shown = for_display(items, TODAY)
    assert sorted(i.id for i in shown) == sorted(i.id for i in items)
    keys = [(_rank(i), i.due_on) for i in shown]
    assert keys == sorted(keys)


# -- validation of a new item -------------------------------------------------------------------


def test_validate_action_at_the_limit_and_over_it() -> None:
    text = "z" * MAX_ACTION_TEXT
    assert validate_action(text, TODAY, TODAY) == ActionDraft(text, TODAY)
    assert validate_action(text + "z", TODAY, TODAY) is ActionProblem.TOO_LONG


def test_validate_action_custom_limit() -> None:
    assert validate_action("abcde", TODAY, TODAY, limit=5) == ActionDraft("abcde", TODAY)
    assert validate_action("abcdef", TODAY, TODAY, limit=5) is ActionProblem.TOO_LONG
    assert action_text("abcdef", limit=5) is ActionProblem.TOO_LONG


@pytest.mark.parametrize("blank", ["", "  ", "\n\t"])
def test_validate_action_refuses_blank_text(blank: str) -> None:
    assert validate_action(blank, TODAY, TODAY) is ActionProblem.EMPTY
    # the text is checked first, whatever the date
    assert validate_action(blank, TODAY - DAY, TODAY) is ActionProblem.EMPTY


def test_validate_action_due_date_relative_to_today() -> None:
    assert validate_action("Patrol", TODAY - DAY, TODAY) is ActionProblem.DUE_IN_PAST
    assert validate_action("Patrol", TODAY, TODAY) == ActionDraft("Patrol", TODAY)
    assert validate_action("Patrol", TODAY + DAY, TODAY) == ActionDraft("Patrol", TODAY + DAY)


def test_validate_action_collapses_white_space() -> None:
    assert validate_action("  Joint \n patrol ", TODAY, TODAY) == ActionDraft("Joint patrol", TODAY)


@given(st.text(max_size=320), st.integers(min_value=-10, max_value=10))
def test_validate_action_agrees_with_action_text(text: str, offset: int) -> None:
    result = validate_action(text, TODAY + offset * DAY, TODAY)
    cleaned = action_text(text)
    if isinstance(cleaned, ActionProblem):
        assert result is cleaned
    elif offset < 0:
        assert result is ActionProblem.DUE_IN_PAST
    else:
        assert result == ActionDraft(cleaned, TODAY + offset * DAY)


@pytest.mark.parametrize("days", DUE_CHOICES_DAYS)
def test_every_offered_due_date_validates(days: int) -> None:
    due = due_date(TODAY, days)
    assert due is not None
    assert validate_action("Patrol", due, TODAY) == ActionDraft("Patrol", due)


# -- status transitions -------------------------------------------------------------------------

OP, IP, DN, DR = (
    ActionStatus.OPEN,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DONE,
    ActionStatus.DROPPED,
)
# Written out by hand: forward moves, back to open from in progress, finished items reopen.
ALLOWED = {(OP, IP), (OP, DN), (OP, DR), (IP, OP), (IP, DN), (IP, DR), (DN, OP), (DR, OP)}


@pytest.mark.parametrize("before", list(ActionStatus))
@pytest.mark.parametrize("after", list(ActionStatus))
def test_status_transition_table(before: ActionStatus, after: ActionStatus) -> None:
    item = _item(status=before, checked_on=TODAY)
    result = change_status(item, after)
    if before is after:
        assert result is ActionProblem.UNCHANGED
    elif (before, after) in ALLOWED:
        assert isinstance(result, ActionItem)
        assert result.status is after
        assert (result.id, result.text, result.owner, result.due_on, result.checked_on) == (
            item.id,
            item.text,
            item.owner,
            item.due_on,
            item.checked_on,
        )
    else:
        assert result is ActionProblem.NOT_ALLOWED


def test_transitions_constant_is_the_table() -> None:
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED
    assert set(TRANSITIONS) == set(ActionStatus)


def test_a_reopened_item_is_checked_again_when_due() -> None:
    done = _item(due_on=TODAY - DAY, status=ActionStatus.DONE)
    assert not done.needs_status_check(TODAY)
    reopened = change_status(done, ActionStatus.OPEN)
    assert isinstance(reopened, ActionItem)
    assert reopened.needs_status_check(TODAY) and reopened.overdue(TODAY)


# -- status checks over a list ------------------------------------------------------------------


def test_due_for_check_lists_items_to_ask_about_today_overdue_first() -> None:
    items = [
        _item("later", TODAY + DAY),
        _item("today", TODAY),
        _item("old", TODAY - 3 * DAY, ActionStatus.IN_PROGRESS),
        _item("asked", TODAY - DAY, checked_on=TODAY),
        _item("done", TODAY - DAY, ActionStatus.DONE),
    ]
    assert [i.id for i in due_for_check(items, TODAY)] == ["old", "today"]


def test_mark_checked_asks_once_a_day() -> None:
    item = _item(due_on=TODAY - DAY)
    asked = mark_checked(item, TODAY)
    assert asked.checked_on == TODAY and item.checked_on is None
    assert due_for_check([asked], TODAY) == []
    assert due_for_check([asked], TODAY + DAY) == [asked]


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-20, max_value=20),
            st.sampled_from(list(ActionStatus)),
            st.sampled_from([None, -1, 0]),
        ),
        max_size=10,
    )
)
def test_due_for_check_property(specs: list[tuple[int, ActionStatus, int | None]]) -> None:
    items = [
        _item(f"i{n}", TODAY + due * DAY, status, None if asked is None else TODAY + asked * DAY)
        for n, (due, status, asked) in enumerate(specs)
    ]
    listed = due_for_check(items, TODAY)
    assert {i.id for i in listed} == {
        i.id for i in items if i.due_on <= TODAY and i.status in OPENISH and i.checked_on != TODAY
    }
    assert [i.due_on for i in listed] == sorted(i.due_on for i in listed)
    after = [mark_checked(i, TODAY) for i in listed]
    assert due_for_check(after, TODAY) == []


# -- a new item from the facilitator's choices --------------------------------------------------


@pytest.mark.parametrize("days", DUE_CHOICES_DAYS)
def test_draft_from_an_offered_due_date(days: int) -> None:
    assert draft(" Patrol  the market ", days, TODAY) == ActionDraft(
        "Patrol the market", TODAY + timedelta(days=days)
    )


@pytest.mark.parametrize("days", [0, 1, 5, 365])
def test_draft_refuses_a_due_date_no_button_offers(days: int) -> None:
    assert draft("Patrol", days, TODAY) is ActionProblem.NOT_OFFERED


def test_draft_checks_the_text() -> None:
    assert draft("  ", 7, TODAY) is ActionProblem.EMPTY
    assert draft("x" * (MAX_ACTION_TEXT + 1), 7, TODAY) is ActionProblem.TOO_LONG


# -- answers and announcements ------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUS_ANSWERS)
def test_an_answer_is_a_status_change(status: ActionStatus) -> None:
    item = _item()
    assert answer(item, status) == change_status(item, status)


def test_open_is_not_an_answer() -> None:
    assert answer(_item(status=ActionStatus.DONE), ActionStatus.OPEN) is ActionProblem.NOT_OFFERED
    assert ActionStatus.OPEN not in STATUS_ANSWERS


def test_done_is_announced_to_everyone_once() -> None:
    item = _item(status=ActionStatus.IN_PROGRESS)
    done = change_status(item, ActionStatus.DONE)
    assert isinstance(done, ActionItem)
    assert announced(item, done, [3, 4]) == [ActionDone(3, item.id), ActionDone(4, item.id)]
    assert announced(done, done, [3, 4]) == []
    dropped = change_status(item, ActionStatus.DROPPED)
    assert isinstance(dropped, ActionItem)
    assert announced(item, dropped, [3, 4]) == []


def test_asking_for_status_asks_each_dialogues_facilitators_and_marks_the_day() -> None:
    due = [_item("a"), _item("b", due_on=TODAY - DAY)]
    other = ActionItem("c", 2, "Other", Role.POLICE, TODAY)
    asked, questions = ask_for_status([*due, other], {1: [7, 8], 2: [9]}, TODAY)
    assert [i.id for i in asked] == ["a", "b", "c"]
    assert all(i.checked_on == TODAY for i in asked)
    assert questions == [
        ActionCheck(7, "a", TODAY),
        ActionCheck(8, "a", TODAY),
        ActionCheck(7, "b", TODAY),
        ActionCheck(8, "b", TODAY),
        ActionCheck(9, "c", TODAY),
    ]
    assert ask_for_status(due, {}, TODAY)[1] == []
