"""Grievance buttons keep the wire format they had before they were typed: buttons already in
people's chats (an open intake's question, a facilitator's card) go on working."""

from __future__ import annotations

import pytest

from bot.buttons import Button
from bot.buttons.grievances import (
    AreaRemove,
    AreasAdd,
    DeskAgenda,
    DeskPage,
    DeskReply,
    DeskStatus,
    IntakeCancel,
    IntakeChoice,
    IntakeConfirm,
    IntakeEdit,
)
from flows.grievances.intake_events import Step
from flows.grievances.receipts import GrievanceStatus

KEY = "0123456789abcdef" * 2

WIRE = [
    (IntakeChoice(Step.CATEGORY, "police_conduct"), "gv:c:category:police_conduct"),
    (IntakeChoice(Step.AREA, "a12"), "gv:c:area:a12"),
    (IntakeEdit(Step.DESCRIPTION), "gv:ed:description"),
    (IntakeConfirm("0a1b2c3d4e5f"), "gv:ok:0a1b2c3d4e5f"),
    (IntakeCancel(), "gv:x"),
    (DeskPage(3), "gd:pg:3"),
    (DeskStatus(KEY, GrievanceStatus.ACTION_TAKEN), f"gd:st:{KEY}:action_taken"),
    (DeskAgenda(KEY, True), f"gd:ag:{KEY}:1"),
    (DeskAgenda(KEY, False), f"gd:ag:{KEY}:0"),
    (DeskReply(KEY), f"gd:rp:{KEY}"),
    (AreasAdd(), "ar:add"),
    (AreaRemove("a3"), "ar:rm:a3"),
]


@pytest.mark.parametrize(("button", "data"), WIRE, ids=[d for _, d in WIRE])
def test_the_wire_format_is_the_old_one(button: Button, data: str) -> None:
    assert button.encode() == data
    assert type(button).decode(data) == button


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (IntakeChoice, "gv:c:nowhere:theft"),  # not a step
        (IntakeChoice, "gv:c:category"),
        (IntakeConfirm, "gv:ok"),  # a "Send it" that names no review
        (IntakeConfirm, "gv:ok:a:b"),
        (DeskStatus, f"gd:st:{KEY}:bogus"),
        (DeskAgenda, f"gd:ag:{KEY}:yes"),
        (DeskPage, "gd:pg:-1"),
        (AreaRemove, "ar:rm"),
    ],
)
def test_forged_data_is_no_button(kind: type[Button], data: str) -> None:
    assert kind.decode(data) is None
