"""/grievance (the private intake), /status CODE and /agenda.

The intake is the domain's state machine (``flows.grievances.intake``); this module turns
updates into its inputs and its effects into messages. Questions are asked with buttons that
carry the step and a choice id; the description is the one typed answer. Media are refused
with the reason. Once the person sends the grievance, their description messages are deleted
from the chat and the review is replaced by the receipt.
"""

from __future__ import annotations

from telegram import Bot, Message, Update
from telegram.error import TelegramError

from bot import grievance_texts as texts
from bot.callbacks import decode
from bot.caller import Caller
from bot.handlers.common import (
    Context,
    answer,
    caller_of,
    edit_or_reply,
    edit_or_send,
    reply,
)
from bot.runtime import Runtime
from bot.steps import text_step
from bot.texts import NO_DIALOGUE, STALE_BUTTON, split_message
from flows.conversations import Conversation
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
from services import grievances

RESTARTED = (
    "Palabre restarted. To protect you, it never stores a description before you send it, so "
    "it is gone: please send it again."
)


async def grievance_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    await start_intake(update, rt, caller)


async def start_intake(update: Update, rt: Runtime, caller: Caller) -> None:
    t = caller.t
    current = caller.current
    if current is None or caller.person is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    earlier, _conversation = await _open_intake(rt, caller)
    if earlier is not None:  # a new intake replaces it: what the old one showed goes too
        grievances.forget_draft(rt, caller.person.id)
        await _delete(update.get_bot(), caller.telegram_id, [*earlier.messages, *earlier.screens])
    begun = await grievances.begin(rt, caller.person.id, caller.telegram_id, current.dialogue_id)
    if not isinstance(begun, tuple):
        await reply(
            update,
            t._(
                "You have already filed {limit} grievances today, the most Palabre accepts from "
                "one person in a day. You can file another one tomorrow.",
                limit=t.number(rt.settings.grievances_per_day),
            ),
        )
        return
    intake, effects = begun
    await reply(
        update,
        t._(
            "This is anonymous. Your grievance is stored without your name, your Telegram "
            "account or the time you sent it. You can stop at any moment with /cancel."
        ),
    )
    await _show_and_keep(update, rt, caller, intake, effects)


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
    warning: frozenset = frozenset()
    for effect in effects:
        if isinstance(effect, Refuse):
            if intake.description_lost and effect.reason is Refusal.NOT_NOW:
                notes.append(t._(RESTARTED))
            else:
                notes.append(texts.refusal(t, effect))
        elif isinstance(effect, Warn):
            warning = effect.kinds
        elif isinstance(effect, Cancelled):
            return await _say(update, on, t._("Cancelled. Nothing of it was kept."))
        elif isinstance(effect, Ask | Review):
            if isinstance(effect, Ask):
                text, keyboard = texts.question(t, effect, catalogue, names, steps)
            else:
                text, keyboard = texts.review(t, effect, catalogue, names, warning)
            if notes:
                text = "\n\n".join(notes) + "\n\n" + text
            return await _say(update, on, text, keyboard)
    if notes:
        return await _say(update, on, "\n\n".join(notes))
    return None


async def _say(update: Update, on: Message | None, text: str, keyboard=None) -> Message | None:
    """Edit ``on`` (None returned), or send a new message (returned)."""
    if on is not None:
        await edit_or_reply(on, text, keyboard)
        return None
    return await reply(update, text, keyboard)


async def _open_intake(
    rt: Runtime, caller: Caller
) -> tuple[grievances.Intake | None, Conversation | None]:
    if caller.person is None:
        return None, None
    async with rt.db.read() as tx:
        conversation = await tx.conversations.get(caller.person.id)
    if conversation is None or conversation.flow != grievances.FLOW:
        return None, conversation
    return grievances.restore(rt, caller.person.id, conversation), conversation


_STEPS = {s.value for s in Step}


def _event(data: str | None) -> Input | None:
    """The intake input a button carries, or None when the data is not one of ours."""
    if data == "gv:ok":
        return Confirm()
    if data == "gv:x":
        return Cancel()
    edited = decode(data, "gv", 2)
    if edited is not None and edited[0] == "ed" and edited[1] in _STEPS:
        return Edit(Step(edited[1]))
    chosen = decode(data, "gv", 3)
    if chosen is not None and chosen[0] == "c" and chosen[1] in _STEPS:
        return Choose(Step(chosen[1]), chosen[2])
    return None


async def grievance_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    t = caller.t
    event = _event(query.data)
    intake, _conversation = await _open_intake(rt, caller)
    if event is None or intake is None or caller.person is None:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    message = query.message if isinstance(query.message, Message) else None
    moved, effects = await grievances.apply(rt, caller.person.id, intake, event)
    done = next((e for e in effects if isinstance(e, Done)), None)
    if done is None:
        refused = next((e for e in effects if isinstance(e, Refuse)), None)
        if intake.description_lost and refused is not None:
            await answer(query)  # the message itself says what happened
        else:
            toast = texts.refusal(t, refused) if refused else None
            await answer(query, toast, alert=bool(refused))
            if refused is not None and refused.reason in {Refusal.STALE_BUTTON, Refusal.NOT_NOW}:
                return  # an old message: leave it, the latest one still asks
        if any(isinstance(e, Cancelled) for e in effects):
            pressed = message.message_id if message is not None else None
            others = [m for m in intake.screens if m != pressed]
            await _delete(context.bot, caller.telegram_id, [*intake.messages, *others])
        await _show(update, rt, caller, moved, effects, message)
        return
    await answer(query)
    try:
        filed = await grievances.file(
            rt, caller.person.id, caller.telegram_id, intake.dialogue_id, done.draft
        )
    except grievances.NotFiled as refused:
        if refused.reason == "limit":
            text = t._(
                "Nothing was filed: you reached today's limit of {limit} grievances. You can "
                "file another one tomorrow.",
                limit=t.number(rt.settings.grievances_per_day),
            )
        else:
            await grievances.end(rt, caller.person.id)
            text = t._(
                "Nothing was filed: the dialogue's choices changed while you were writing, or "
                "you are no longer in it. Please start again with /grievance."
            )
        await edit_or_send(query, text)
        return
    deleted = await _delete(context.bot, caller.telegram_id, intake.messages)
    await edit_or_send(query, texts.receipt(t, filed.code, deleted, filed.remaining))


async def _delete(bot: Bot, chat_id: int, message_ids: list[int]) -> bool | None:
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


def _reprompt(caller: Caller, conversation: Conversation) -> str:
    return caller.t._("Please answer the question above, or send /cancel to stop.")


@text_step(grievances.FLOW, _reprompt)
async def description_typed(
    update: Update,
    context: Context,
    rt: Runtime,
    caller: Caller,
    conversation: Conversation,
    text: str,
) -> None:
    await _input(update, rt, caller, conversation, Text(text))


async def media_in_intake(
    update: Update, rt: Runtime, caller: Caller, conversation: Conversation
) -> None:
    await _input(update, rt, caller, conversation, Media())


async def _input(
    update: Update, rt: Runtime, caller: Caller, conversation: Conversation, event: Input
) -> None:
    assert caller.person is not None
    intake = grievances.restore(rt, caller.person.id, conversation)
    if intake is None:
        await grievances.end(rt, caller.person.id)
        await reply(update, caller.t._(STALE_BUTTON))
        return
    message = update.effective_message
    message_id = message.message_id if isinstance(event, Text) and message else None
    moved, effects = await grievances.apply(rt, caller.person.id, intake, event, message_id)
    await _show_and_keep(update, rt, caller, moved, effects)


# -- /status -------------------------------------------------------------------------------


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
    async with rt.db.read() as tx:
        catalogue = await grievances.catalogue_of(tx, found.dialogue_id)
    await reply(update, texts.status(t, found, code, catalogue))


# -- /agenda -------------------------------------------------------------------------------


async def agenda_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    dialogue = caller.active_dialogue_id
    if dialogue is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    role = caller.role_in(dialogue)
    catalogue, names = await grievances.labels(rt, dialogue, t.language)
    items = await grievances.agenda(rt, dialogue, None if caller.is_staff else role, catalogue)
    for part in split_message(texts.agenda(t, items, catalogue, names)):
        await reply(update, part)


async def discard(
    context: Context, rt: Runtime, caller: Caller, conversation: Conversation
) -> None:
    """/cancel during an intake: forget the draft and delete from the chat what showed it (the
    typed descriptions, the bot's questions and reviews quoting them)."""
    if caller.person is None:
        return
    grievances.forget_draft(rt, caller.person.id)
    intake = grievances.restore(rt, caller.person.id, conversation)
    if intake is not None:
        await _delete(context.bot, caller.telegram_id, [*intake.messages, *intake.screens])
