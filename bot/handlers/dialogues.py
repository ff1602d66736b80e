"""/newdialogue (program staff) and /dialogue (choose the active dialogue)."""

from __future__ import annotations

from telegram import Update

from bot.buttons.people import DialogueChosen
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, esc, reply
from bot.handlers.press import Press, on_press
from bot.keyboards import markup, rows, typed
from bot.runtime import Runtime
from bot.steps import Typed, text_step
from bot.texts import STAFF_ONLY, role_name
from flows.conversations import Conversation
from flows.dialogues import MAX_DIALOGUE_NAME, clean_dialogue_name
from flows.invites import deep_link
from services import conversations
from services.enrolment import (
    NEW_DIALOGUE,
    all_dialogues,
    begin_new_dialogue,
    create_dialogue,
    switch_dialogue,
)


def _ask_name(caller: Caller, _conversation: Conversation | None = None) -> str:
    return caller.t._(
        "What is the new dialogue called? Send its name (at most {limit} characters), or /cancel.",
        limit=MAX_DIALOGUE_NAME,
    )


async def _create(update: Update, context: Context, rt: Runtime, caller: Caller, raw: str) -> None:
    t = caller.t
    name = clean_dialogue_name(raw)
    if name is None:
        await reply(
            update,
            t._(
                "A dialogue name needs 1 to {limit} characters. "
                "Please send another name, or /cancel.",
                limit=MAX_DIALOGUE_NAME,
            ),
        )
        return
    dialogue, invite = await create_dialogue(rt, caller.telegram_id, name, t.language)
    await reply(
        update,
        t._(
            "Dialogue <b>{name}</b> created. Send this single-use link to its facilitator; "
            "it is valid for 7 days:\n{link}",
            name=esc(dialogue.name),
            link=deep_link(rt.bot_username, invite.code),
        )
        + "\n\n"
        + t._("You can create more invites for it with /invite."),
    )


@command("newdialogue")
async def new_dialogue(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    if not caller.is_staff:
        await reply(update, caller.t._(STAFF_ONLY))
        return
    if context.args:
        await _create(update, context, rt, caller, " ".join(context.args))
        return
    await begin_new_dialogue(rt, caller.telegram_id, caller.t.language)
    await reply(update, _ask_name(caller))


@text_step(NEW_DIALOGUE, _ask_name)
async def dialogue_name_typed(step: Typed) -> None:
    if not step.caller.is_staff:  # staff rights can be withdrawn between two messages
        await conversations.leave(step.rt, step.person.id)
        await step.reply(step.t._(STAFF_ONLY))
        return
    await _create(step.update, step.context, step.rt, step.caller, step.text)


@command("dialogue")
async def choose_dialogue(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    options: list[tuple[int, str]] = [
        (m.dialogue_id, f"{m.dialogue_name} · {role_name(t, m.role)}") for m in caller.memberships
    ]
    if caller.is_staff:
        known = {d for d, _ in options}
        options += [(d.id, d.name) for d in await all_dialogues(rt) if d.id not in known]
    if not options:
        await reply(
            update,
            t._("You are not in any dialogue yet. Open the invite link a facilitator gave you."),
        )
        return
    active = caller.active_dialogue_id
    buttons = [
        typed(("✓ " if d == active else "") + label[:60], DialogueChosen(d)) for d, label in options
    ]
    await reply(update, t._("Which dialogue do you want to work in?"), markup(*rows(buttons, 1)))


@on_press(DialogueChosen)
async def dialogue_chosen(press: Press[DialogueChosen]) -> None:
    rt, caller, t = press.rt, press.caller, press.t
    dialogue = await switch_dialogue(
        rt, caller.telegram_id, press.button.dialogue_id, language=t.language
    )
    if dialogue is None:
        await press.stale()
        return
    await press.answer()
    await press.edit(t._("You are now working in <b>{dialogue}</b>.", dialogue=esc(dialogue.name)))
