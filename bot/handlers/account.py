"""/cancel (leave any flow) and /forgetme (delete the profile after a confirmation)."""

from __future__ import annotations

from telegram import Update

from bot.buttons.people import Forget, ForgetAnswered
from bot.handlers import grievances as grievance_handlers
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, reply
from bot.handlers.press import Press, on_press
from bot.keyboards import markup, typed
from services import conversations, grievances
from services.enrolment import forget


@command("cancel")
async def cancel(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    left, held = None, False
    if caller.person is not None:
        # Texts held in memory and not stored (a description, a text offered as a statement)
        # are forgotten with the step.
        intake = conversations.in_memory(rt, caller.person.id)
        held = conversations.forget_pending(rt, caller.person.id)
        left = await conversations.leave(rt, caller.person.id) or intake
        if left is not None and left.flow == grievances.FLOW:
            await grievance_handlers.discard(context, rt, caller, left)
    t = caller.t
    await reply(
        update,
        t._("Cancelled. Nothing of it was kept.")
        if left is not None or held
        else t._("There is nothing to cancel."),
    )


@command("forgetme")
async def forget_me(update: Update, context: Context) -> None:
    _rt, caller = await caller_of(update, context)
    t = caller.t
    if caller.person is None:
        await reply(update, t._("Palabre holds no profile for you."))
        return
    await reply(
        update,
        t._(
            "This deletes your profile: your language, your dialogues and roles, and any step "
            "you are in. Anonymous statements, votes, grievances and survey answers stay, "
            "because nobody can link them to you. To take part again you will need a new "
            "invite. Delete your profile?"
        ),
        markup(
            [
                typed(t._("Yes, delete my profile"), ForgetAnswered(Forget.YES)),
                typed(t._("No, keep it"), ForgetAnswered(Forget.NO)),
            ]
        ),
    )


@on_press(ForgetAnswered)
async def forget_confirmed(press: Press[ForgetAnswered]) -> None:
    rt, caller, t = press.rt, press.caller, press.t
    await press.answer()
    if press.button.answer is Forget.NO:
        await press.edit(t._("Your profile is kept."))
        return
    if caller.person is not None:
        conversations.forget_pending(rt, caller.person.id)
    deleted = await forget(rt, caller.telegram_id)
    await press.edit(
        t._("Your profile has been deleted. Send /start if you ever want to come back.")
        if deleted
        else t._("Palabre holds no profile for you."),
    )
