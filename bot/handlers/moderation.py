"""/moderate: facilitators approve, reject, edit or translate pending statements, one at a time.

With moderation on, nothing a participant wrote reaches anyone else before this step.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import decode
from bot.caller import Caller
from bot.handlers.common import (
    Context,
    answer,
    caller_of,
    edit_or_send,
    facilitated_dialogue,
    reply,
)
from bot.round_texts import language_name, moderation_card
from bot.runtime import Runtime
from bot.steps import text_step
from bot.texts import NOT_ALLOWED, STALE_BUTTON
from flows.conversations import Conversation
from flows.rounds.statements import clean
from services import rounds

EDIT = "moderation_text"


async def _next_card(rt: Runtime, caller: Caller, dialogue_id: int) -> tuple[str, object]:
    t = caller.t
    pending = await rounds.next_pending(rt, dialogue_id)
    if pending is None:
        return t._("No round is collecting or in moderation right now."), None
    if pending.statement is None:
        return t._("Nothing waits for moderation. /next moves the round on."), None
    return moderation_card(t, pending.statement, pending.remaining, rt.settings.languages)


async def moderate_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None:
        return
    text, keyboard = await _next_card(rt, caller, d)
    await reply(update, text, keyboard)  # type: ignore[arg-type]


async def moderation_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    t = caller.t
    d = caller.active_dialogue_id
    if d is None or not caller.may_facilitate(d):
        await answer(query, t._(NOT_ALLOWED), alert=True)
        return
    fields = (query.data or "").split(":")
    action = fields[1] if len(fields) > 1 else ""
    if action in {"a", "r"} and (parts := decode(query.data, "mod", 2)):
        done = await rounds.moderate(rt, d, parts[1], "approve" if action == "a" else "reject")
        if done is None:
            await answer(query, t._(STALE_BUTTON), alert=True)
            return
        await answer(query, t._("Approved.") if action == "a" else t._("Rejected."))
        text, keyboard = await _next_card(rt, caller, d)
        await edit_or_send(query, text, keyboard)  # type: ignore[arg-type]
        return
    parts = decode(query.data, "mod", 2) if action == "e" else decode(query.data, "mod", 3)
    language = parts[2] if parts and action == "t" else None
    if (
        parts is None
        or action not in {"e", "t"}
        or caller.person is None
        or (action == "t" and language not in rt.settings.languages)
    ):
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    async with rt.db.transaction() as tx:
        await tx.conversations.put(
            caller.person.id,
            Conversation(
                EDIT,
                "edit" if action == "e" else "translate",
                {"dialogue": d, "statement": parts[1], "language": language},
            ),
            rt.now(),
        )
    await answer(query)
    await reply(update, _ask(caller, None if action == "e" else language))


def _ask(caller: Caller, language: str | None) -> str:
    t = caller.t
    if language is None:
        return t._(
            "Send the corrected statement (remove names and identifying details), or /cancel."
        )
    return t._("Send the statement in {language}, or /cancel.", language=language_name(t, language))


def _reprompt(caller: Caller, conversation: Conversation) -> str:
    language = conversation.payload.get("language")
    return _ask(caller, language if isinstance(language, str) else None)


@text_step(EDIT, _reprompt)
async def moderation_text(
    update: Update,
    context: Context,
    rt: Runtime,
    caller: Caller,
    conversation: Conversation,
    text: str,
) -> None:
    t = caller.t
    d, sid = conversation.payload.get("dialogue"), conversation.payload.get("statement")
    if not isinstance(d, int) or not isinstance(sid, str) or not caller.may_facilitate(d):
        await reply(update, t._(NOT_ALLOWED))
        return
    cleaned = clean(text, 1000)
    if not isinstance(cleaned, str):
        await reply(update, _reprompt(caller, conversation))
        return
    language = conversation.payload.get("language")
    done = await rounds.moderate(
        rt,
        d,
        sid,
        "edit" if conversation.step == "edit" else "translate",
        cleaned,
        language if isinstance(language, str) else None,
    )
    assert caller.person is not None
    async with rt.db.transaction() as tx:
        await tx.conversations.clear(caller.person.id)
    if done is None:
        await reply(update, t._(STALE_BUTTON))
        return
    await reply(update, t._("Saved."))
    text_, keyboard = await _next_card(rt, caller, d)
    await reply(update, text_, keyboard)  # type: ignore[arg-type]
