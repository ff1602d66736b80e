"""The facilitators' side of grievances: /grievances (digest, then the texts one by one with
status, agenda and public-reply buttons) and /areas (the places offered in /grievance).

Every button re-checks on the server that the caller facilitates the dialogue the grievance
belongs to; keys in buttons are only looked up, never trusted.
"""

from __future__ import annotations

from telegram import Update

from bot import grievance_texts as texts
from bot.callbacks import as_int, decode
from bot.caller import Caller
from bot.handlers.common import (
    Context,
    answer,
    caller_of,
    edit_or_send,
    esc,
    facilitated_dialogue,
    facilitator_button,
    reply,
    step_dialogue,
)
from bot.keyboards import button, markup
from bot.runtime import Runtime
from bot.steps import text_step
from bot.texts import NOT_ALLOWED, STALE_BUTTON, bold, split_message
from flows.conversations import Conversation
from flows.grievances.receipts import parse_status
from flows.grievances.records import MAX_AREAS, MAX_REPLY, is_key
from services import grievances


async def grievances_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    t = caller.t
    view = await grievances.digest(rt, dialogue_id)
    async with rt.db.read() as tx:
        dialogue = await tx.dialogues.get(dialogue_id)
    parts = split_message(texts.digest(t, view, dialogue.name if dialogue else ""))
    for part in parts[:-1]:
        await reply(update, part)
    keyboard = None
    if view.total:
        keyboard = markup([button(t._("Read the grievances"), "gd", "pg", 0)])
    await reply(update, parts[-1], keyboard)


async def _card(rt: Runtime, caller: Caller, dialogue_id: int, found, index: int, total: int):
    catalogue, names = await grievances.labels(rt, dialogue_id, caller.t.language)
    return texts.card(caller.t, found, index, total, catalogue, names)


async def desk_pressed(update: Update, context: Context) -> None:
    pressed = await facilitator_button(update, context)
    if pressed is None:
        return
    query, rt, caller, dialogue_id = pressed
    t = caller.t
    data = query.data
    paged = decode(data, "gd", 2)
    if paged is not None and paged[0] == "pg" and as_int(paged[1]) is not None:
        found, index, total = await grievances.page(rt, dialogue_id, as_int(paged[1]) or 0)
        await answer(query)
        if found is None:
            await edit_or_send(query, t._("No grievance has been filed in this dialogue yet."))
            return
        await edit_or_send(query, *await _card(rt, caller, dialogue_id, found, index, total))
        return
    if paged is not None and paged[0] == "rp" and is_key(paged[1]):
        await _ask_reply(update, query, rt, caller, dialogue_id, paged[1])
        return
    acted = decode(data, "gd", 3)
    if acted is None or not is_key(acted[1]):
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    kind, key, value = acted
    changed = None
    try:
        if kind == "st" and (status := parse_status(value)) is not None:
            changed = await grievances.set_status(rt, dialogue_id, key, status)
        elif kind == "ag" and value in {"0", "1"}:
            changed = await grievances.set_agenda(rt, dialogue_id, key, value == "1")
    except grievances.Confidential:
        await answer(
            query,
            t._(
                "This subject is confidential: it stays with the facilitators and is never "
                "shown to police or official participants."
            ),
            alert=True,
        )
        return
    if changed is None:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    await answer(query, t._("Saved."))
    found, index, total = await grievances.locate(rt, dialogue_id, key)
    if found is not None:
        await edit_or_send(query, *await _card(rt, caller, dialogue_id, found, index, total))


async def _ask_reply(update, query, rt: Runtime, caller: Caller, dialogue_id: int, key: str):
    t = caller.t
    found, _index, _total = await grievances.locate(rt, dialogue_id, key)
    if found is None or caller.person is None:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    await answer(query)
    async with rt.db.transaction() as tx:
        await tx.conversations.put(
            caller.person.id,
            Conversation(
                grievances.REPLY_FLOW, "reply", {"dialogue": dialogue_id, "grievance": key}
            ),
            rt.now(),
        )
    await reply(update, _reply_prompt(caller, None))


def _reply_prompt(caller: Caller, _conversation: Conversation | None) -> str:
    return caller.t._(
        "Type the public reply in one message (at most {limit} characters). The person who "
        "filed the grievance reads it with their receipt code; if the grievance is on the "
        "agenda, every participant can read it. Send /cancel to stop.",
        limit=caller.t.number(MAX_REPLY),
    )


@text_step(grievances.REPLY_FLOW, _reply_prompt)
async def reply_typed(
    update: Update,
    context: Context,
    rt: Runtime,
    caller: Caller,
    conversation: Conversation,
    text: str,
) -> None:
    t = caller.t
    dialogue_id = await step_dialogue(update, caller, conversation)
    key = conversation.payload.get("grievance")
    if dialogue_id is None or not isinstance(key, str) or caller.person is None:
        return
    changed = await grievances.set_reply(rt, dialogue_id, key, text)
    if changed is None:
        await reply(
            update,
            t._(
                "Nothing was saved: a reply has 1 to {limit} characters. Please send it again.",
                limit=t.number(MAX_REPLY),
            ),
        )
        return
    async with rt.db.transaction() as tx:
        await tx.conversations.clear(caller.person.id)
    found, index, total = await grievances.locate(rt, dialogue_id, key)
    await reply(update, t._("The public reply is saved."))
    if found is not None:
        await reply(update, *await _card(rt, caller, dialogue_id, found, index, total))


# -- /areas --------------------------------------------------------------------------------


async def _areas_message(rt: Runtime, caller: Caller, dialogue_id: int):
    t = caller.t
    areas = await grievances.areas_of(rt, dialogue_id)
    lines = [bold(t._("Places offered in /grievance"))]
    if areas:
        lines += [f"• {esc(a.name)}" for a in areas]
    else:
        lines.append(
            t._("None yet: people are not asked where it happened. Add the places people know.")
        )
    lines += [
        "",
        t._("Use names everyone knows (a village, a district, a market), never an address."),
    ]
    rows = [[button(t._("Remove {place}", place=a.name), "ar", "rm", a.id)] for a in areas]
    rows.append([button(t._("Add places"), "ar", "add")])
    return "\n".join(lines), markup(*rows)


async def areas_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    await reply(update, *await _areas_message(rt, caller, dialogue_id))


async def areas_pressed(update: Update, context: Context) -> None:
    pressed = await facilitator_button(update, context)
    if pressed is None:
        return
    query, rt, caller, dialogue_id = pressed
    t = caller.t
    if caller.person is None:  # program staff who never used /start
        await answer(query, t._(NOT_ALLOWED), alert=True)
        return
    if query.data == "ar:add":
        await answer(query)
        async with rt.db.transaction() as tx:
            await tx.conversations.put(
                caller.person.id,
                Conversation(grievances.AREAS_FLOW, "names", {"dialogue": dialogue_id}),
                rt.now(),
            )
        await reply(update, _areas_prompt(caller, None))
        return
    parts = decode(query.data, "ar", 2)
    if (
        parts is None
        or parts[0] != "rm"
        or not await grievances.retire_area(rt, dialogue_id, parts[1])
    ):
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    await answer(query, t._("Removed. Grievances already filed keep the place's name."))
    await edit_or_send(query, *await _areas_message(rt, caller, dialogue_id))


def _areas_prompt(caller: Caller, _conversation: Conversation | None) -> str:
    return caller.t._(
        "Send the names of the places, one per line (at most {n} places). Send /cancel to stop.",
        n=MAX_AREAS,
    )


@text_step(grievances.AREAS_FLOW, _areas_prompt)
async def areas_typed(
    update: Update,
    context: Context,
    rt: Runtime,
    caller: Caller,
    conversation: Conversation,
    text: str,
) -> None:
    t = caller.t
    dialogue_id = await step_dialogue(update, caller, conversation)
    if dialogue_id is None or caller.person is None:
        return
    added = await grievances.add_areas(rt, dialogue_id, text)
    if added is None:
        await reply(update, t._("That is too many places: at most {n}.", n=MAX_AREAS))
        return
    async with rt.db.transaction() as tx:
        await tx.conversations.clear(caller.person.id)
    await reply(
        update,
        t.ngettext("{n} place added.", "{n} places added.", len(added), n=len(added)),
    )
    await reply(update, *await _areas_message(rt, caller, dialogue_id))
