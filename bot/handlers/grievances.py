"""/grievance (the private intake), /status CODE and /agenda.

The intake is the domain's state machine (``flows.grievances.intake``); this module turns
updates into its inputs and its effects into messages. Questions are asked with buttons that
carry the step and a choice id; the description is the one typed answer. Media are refused
with the reason. Once the person sends the grievance, their description messages are deleted
from the chat and the review is replaced by the receipt, with a button that deletes it in turn
once the person has noted the code (``bot.handlers.grievance_receipts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from bot import grievance_desk_texts as desk_texts
from bot import grievance_texts as texts
from bot.buttons.grievances import IntakeCancel, IntakeChoice, IntakeConfirm, IntakeEdit
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, edit_or_reply, reply
from bot.handlers.press import Press, on_press
from bot.runtime import Runtime
from bot.steps import Typed, text_step
from bot.telegram_html import split_message
from bot.texts import NO_DIALOGUE, STALE_BUTTON
from flows.conversations import Conversation
from flows.grievances.identifying import IdentifyingKind
from flows.grievances.intake_events import (
    Ask,
    Cancel,
    Cancelled,
    Choose,
    Confirm,
    Done,
    Edit,
    Effect,
    Input,
    Media,
    Refusal,
    Refuse,
    Review,
    Step,
    Text,
    Warn,
)
from flows.grievances.receipts import normalise_code
from flows.text import N_
from services import conversations, grievances
from services.grievances import NotFiled

FORGOTTEN = N_(
    "Palabre restarted. To protect you, it keeps nothing of a grievance on disk before you send "
    "it, so this one is gone. Please start again with /grievance."
)


@command("grievance")
async def grievance_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    await start_intake(update, rt, caller)


async def start_intake(update: Update, rt: Runtime, caller: Caller) -> None:
    """/grievance, or the ``?start=grievance`` link a /grievance in a group points to."""
    t = caller.t
    if caller.current is None or caller.person is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    person_id = caller.person.id
    earlier = await grievances.open_intake(rt, person_id)
    if earlier is not None:  # a new intake replaces it: what the old one showed goes too
        grievances.forget_draft(rt, person_id)
        await _delete(update.get_bot(), caller.telegram_id, [*earlier.messages, *earlier.screens])
    begun = await grievances.begin(rt, person_id, caller.telegram_id, caller.current.dialogue_id)
    if isinstance(begun, grievances.Begun):  # the flow chosen last: others forget their texts
        conversations.forget_pending(rt, person_id, keep=grievances.FLOW)
    else:
        await reply(
            update,
            t._(
                "You have already filed {limit} grievances today, the most Palabre accepts from "
                "one person in a day. You can file another one tomorrow.",
                limit=t.number(rt.settings.grievances_per_day),
            ),
        )
        return
    await reply(
        update,
        t._(
            "This is anonymous. Your grievance is stored without your name, your Telegram "
            "account or the time you sent it. You can stop at any moment with /cancel."
        ),
    )
    await _show_and_keep(update, rt, caller, begun.intake, begun.effects)


async def _show_and_keep(
    update: Update,
    rt: Runtime,
    caller: Caller,
    intake: grievances.Intake,
    effects: tuple[Effect, ...],
) -> None:
    """Render the effects in a new message, and remember that it shows the intake."""
    sent = await _show(update, rt, caller, intake, effects, None)
    if sent is not None and caller.person is not None and not intake.state.finished:
        await grievances.shown(rt, caller.person.id, intake, sent.message_id)


async def _show(
    update: Update,
    rt: Runtime,
    caller: Caller,
    intake: grievances.Intake,
    effects: tuple[Effect, ...],
    on: Message | None,
) -> Message | None:
    """Render the intake's effects: edit the message ``on`` if given, else send a new one
    (returned)."""
    t = caller.t
    catalogue, names = await grievances.labels(rt, intake.dialogue_id, t.language)
    steps = tuple(s for s in texts.STEPS_SHOWN if s is not Step.AREA or intake.state.config.areas)
    notes: list[str] = []
    warning: frozenset[IdentifyingKind] = frozenset()
    for effect in effects:
        if isinstance(effect, Refuse):
            notes.append(texts.refusal(t, effect))
        elif isinstance(effect, Warn):
            warning = effect.kinds
        elif isinstance(effect, Cancelled):
            return await _say(update, on, t._("Cancelled. Nothing of it was kept."))
        elif isinstance(effect, Ask | Review):
            if isinstance(effect, Ask):
                text, keyboard = texts.question(t, effect, catalogue, names, steps)
            else:
                text, keyboard = texts.review(
                    t, effect, intake.review or "", catalogue, names, warning
                )
            if notes:
                text = "\n\n".join(notes) + "\n\n" + text
            return await _say(update, on, text, keyboard)
    if notes:
        return await _say(update, on, "\n\n".join(notes))
    return None


async def _say(
    update: Update, on: Message | None, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Edit ``on`` (None returned), or send a new message (returned)."""
    if on is not None:
        await edit_or_reply(on, text, keyboard)
        return None
    return await reply(update, text, keyboard)


# -- the intake's buttons --------------------------------------------------------------------


@on_press(IntakeChoice)
async def choice_pressed(press: Press[IntakeChoice]) -> None:
    await _pressed(press, Choose(press.button.step, press.button.choice))


@on_press(IntakeEdit)
async def edit_pressed(press: Press[IntakeEdit]) -> None:
    await _pressed(press, Edit(press.button.step))


@on_press(IntakeConfirm)
async def confirm_pressed(press: Press[IntakeConfirm]) -> None:
    await _pressed(press, Confirm(), review=press.button.review)


@on_press(IntakeCancel)
async def cancel_pressed(press: Press[IntakeCancel]) -> None:
    await _pressed(press, Cancel())


async def _pressed(press: Press[Any], event: Input, review: str | None = None) -> None:
    """One of the intake's buttons, applied to the caller's open intake (whichever message it
    was on: the domain refuses what does not fit the current step)."""
    rt, caller, t = press.rt, press.caller, press.t
    person = caller.person
    intake = await grievances.open_intake(rt, person.id) if person is not None else None
    if intake is None or person is None:
        if person is not None and grievances.forgotten_by_restart(rt, person.id):
            await press.answer()  # the intake lived only in memory: say it is gone, and why
            await press.edit(t._(FORGOTTEN))
        else:
            await press.stale()
        return
    moved, effects = await grievances.apply(rt, person.id, intake, event, review=review)
    done = next((e for e in effects if isinstance(e, Done)), None)
    if done is None:
        refused = next((e for e in effects if isinstance(e, Refuse)), None)
        toast = texts.refusal(t, refused) if refused else None
        await press.answer(toast, alert=bool(refused))
        if refused is not None and refused.reason in {Refusal.STALE_BUTTON, Refusal.NOT_NOW}:
            return  # an old message: leave it, the latest one still asks
        if any(isinstance(e, Cancelled) for e in effects):
            pressed = press.message.message_id if press.message is not None else None
            others = [m for m in intake.screens if m != pressed]
            await _delete(press.context.bot, caller.telegram_id, [*intake.messages, *others])
        await _show(press.update, rt, caller, moved, effects, press.message)
        return
    await press.answer()
    filed = await grievances.file(rt, person.id, caller.telegram_id, intake.dialogue_id, done.draft)
    if filed is NotFiled.LIMIT:
        await press.edit(
            t._(
                "Nothing was filed: you reached today's limit of {limit} grievances. You can "
                "file another one tomorrow.",
                limit=t.number(rt.settings.grievances_per_day),
            )
        )
        return
    if filed is NotFiled.CHANGED:
        await press.edit(
            t._(
                "Nothing was filed: the dialogue's choices changed while you were writing, or "
                "you are no longer in it. Please start again with /grievance."
            )
        )
        return
    assert isinstance(filed, grievances.Filed)
    deleted = await _delete(press.context.bot, caller.telegram_id, intake.messages)
    await press.edit(
        texts.receipt(t, filed.code, deleted, filed.remaining), texts.receipt_keyboard(t)
    )


async def _delete(bot: Bot, chat_id: int, message_ids: Sequence[int]) -> bool | None:
    """Delete messages of an intake from the chat: the person's descriptions (once filed, or
    cancelled), the bot's questions and reviews (cancelled); None when there were none."""
    if not message_ids:
        return None
    done = True
    for message_id in message_ids:
        try:
            await bot.delete_message(chat_id, message_id)
        except TelegramError:
            done = False
    return done


# -- typed text and media ----------------------------------------------------------------------


def _reprompt(caller: Caller, conversation: Conversation) -> str:
    return caller.t._("Please answer the question above, or send /cancel to stop.")


@text_step(grievances.FLOW, _reprompt)
async def description_typed(step: Typed) -> None:
    await _input(step.update, step.rt, step.caller, step.conversation, Text(step.text))


async def media_in_intake(
    update: Update, rt: Runtime, caller: Caller, conversation: Conversation
) -> None:
    await _input(update, rt, caller, conversation, Media())


async def _input(
    update: Update, rt: Runtime, caller: Caller, conversation: Conversation, event: Input
) -> None:
    if caller.person is None:
        return
    intake = grievances.restore(rt, caller.person.id, conversation)
    if intake is None:
        await grievances.end(rt, caller.person.id)
        await reply(update, caller.t._(STALE_BUTTON))
        return
    message = update.effective_message
    message_id = message.message_id if isinstance(event, Text) and message else None
    moved, effects = await grievances.apply(rt, caller.person.id, intake, event, message_id)
    await _show_and_keep(update, rt, caller, moved, effects)


async def discard(
    context: Context, rt: Runtime, caller: Caller, conversation: Conversation
) -> None:
    """/cancel during an intake: forget the draft and delete from the chat what showed it (the
    typed descriptions, the bot's questions and reviews quoting them)."""
    if caller.person is None:
        return
    shown = grievances.discard(rt, caller.person.id, conversation)
    await _delete(context.bot, caller.telegram_id, shown)


# -- /status and /agenda -----------------------------------------------------------------------


@command("status")
async def status_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    typed = " ".join(context.args or [])
    if not typed:
        await reply(
            update,
            t._("Send /status followed by your receipt code, for example: /status K7MX-P3QD-9T"),
        )
        return
    code = normalise_code(typed)
    if code is None:
        await reply(
            update,
            t._(
                "That is not a receipt code. A code has ten letters and digits, like K7MX-P3QD-9T."
            ),
        )
        return
    found = await grievances.by_receipt(rt, code)
    if found is None:
        await reply(
            update,
            t._("No grievance has this receipt code. Please check it and try again."),
        )
        return
    await reply(update, texts.status(t, found.grievance, code, found.catalogue))


@command("agenda")
async def agenda_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    dialogue = caller.active_dialogue_id
    if dialogue is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    items = await grievances.agenda(rt, dialogue, caller.role_in(dialogue), staff=caller.is_staff)
    catalogue, names = await grievances.labels(rt, dialogue, t.language)
    for part in split_message(desk_texts.agenda(t, items, catalogue, names)):
        await reply(update, part)
