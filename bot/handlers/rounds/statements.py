"""Statements at the edge: a participant's typed text while their group is asked, and
/mystatements to review them or withdraw one while the round collects."""

from __future__ import annotations

from telegram import Update

from bot.buttons.rounds import StatementWithdrawn
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, reply
from bot.handlers.press import Press, on_press
from bot.keyboards import markup, rows, typed
from bot.round_texts import quote
from bot.runtime import Runtime
from bot.texts import NO_DIALOGUE
from flows.roles import STAKEHOLDER_ROLES
from flows.rounds.lifecycle import Phase
from flows.rounds.statements import Empty, TooLong
from services import statements


async def statement_typed(update: Update, rt: Runtime, caller: Caller, text: str) -> bool:
    """Text with no open step: a statement, if the person's group is being asked. Handled?"""
    current = caller.current
    if current is None or caller.person is None or current.role not in STAKEHOLDER_ROLES:
        return False
    t = caller.t
    saved = await statements.submit(
        rt, caller.person, current.dialogue_id, current.role, t.language, text
    )
    if isinstance(saved, statements.NotCollecting | Empty):
        return False
    if isinstance(saved, TooLong):
        await reply(
            update,
            t._(
                "Your statement has {length} characters; the limit is {limit}. Nothing was saved: "
                "please shorten it and send it again.",
                length=t.number(saved.length),
                limit=t.number(saved.limit),
            ),
        )
        return True
    await reply(
        update,
        t._(
            "Received: your statement is saved ({count} so far). Send another, or /mystatements "
            "to review them.",
            count=t.number(saved.yours),
        ),
    )
    return True


@command("mystatements")
async def my_statements(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    current = caller.current
    if current is None or caller.person is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    r, mine = await statements.mine(rt, caller.person, current.dialogue_id)
    if r is None or r.phase is not Phase.COLLECTING:
        await reply(update, t._("No round is collecting statements right now."))
        return
    if not mine:
        await reply(update, t._("You have not sent a statement in this round yet."))
        return
    lines = [
        t._(
            "Your statements in this round (only you can see this list, and only while "
            "the round collects):"
        )
    ]
    lines += [f"{i}. {quote(t, s)}" for i, s in enumerate(mine, 1)]
    buttons = [
        typed(t._("Withdraw {number}", number=i), StatementWithdrawn(s.id))
        for i, s in enumerate(mine, 1)
    ]
    await reply(update, "\n".join(lines), markup(*rows(buttons, 3)))


@on_press(StatementWithdrawn)
async def withdraw_pressed(press: Press[StatementWithdrawn]) -> None:
    t, person = press.t, press.caller.person
    if person is None or not await statements.withdraw(press.rt, person, press.button.statement_id):
        await press.answer(t._("This statement can no longer be withdrawn."), alert=True)
        return
    await press.answer(t._("Withdrawn."))
    await press.edit(t._("Your statement was withdrawn. /mystatements shows the rest."))
