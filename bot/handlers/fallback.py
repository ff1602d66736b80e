"""Everything that is not a known command: typed text, media, group chats, stale buttons.

Bad input gets a clear answer and loses nothing: a photo where text is expected is explained
and the open step is asked again; a command in a group gets a link to a private chat and
nothing is stored.
"""

from __future__ import annotations

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus

from bot.handlers import grievances, rounds
from bot.handlers.common import Context, answer, caller_of, private_chat_link, reply
from bot.runtime import runtime
from bot.steps import reprompt_for, step_for
from bot.texts import STALE_BUTTON, USE_PRIVATE_CHAT
from flows.typed_text import clean
from services import conversations
from services import grievances as grievance_flow
from services.enrolment import set_reachable

MAX_TEXT = 4000


async def in_group(update: Update, context: Context) -> None:
    """Any command in a group: point to a private chat; read nothing, store nothing."""
    rt = runtime(context)
    t = rt.catalogs.translator(
        update.effective_user.language_code if update.effective_user else None
    )
    message = update.effective_message
    command = (message.text or "").split()[0].split("@")[0] if message and message.text else ""
    link = private_chat_link(rt)
    if command == "/grievance":
        link += "?start=grievance"
    await reply(update, t._(USE_PRIVATE_CHAT, link=link))


async def text_typed(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    message = update.effective_message
    text = clean(message.text) if message and message.text is not None else None
    conversation = None
    if caller.person is not None:
        conversation = await conversations.current(rt, caller.person.id)
    step = step_for(conversation.flow) if conversation else None
    if text == "":  # only invisible or control characters: nothing a step could take
        blank = caller.t._("Your message held no visible text. Please type it again.")
        reprompt = reprompt_for(conversation.flow) if conversation else None
        if conversation is not None and reprompt is not None:
            blank += "\n\n" + reprompt(caller, conversation)
        await reply(update, blank)
        return
    if conversation is None and text is not None:
        # No step waits for it: it may have been meant for a flow just left. Never taken as a
        # statement by itself: while a round asks the person, they are asked first.
        if await rounds.offer_statement(update, rt, caller, text):
            return
    if conversation is None or step is None or text is None:
        await reply(
            update, caller.t._("I was not expecting a message. Send /help to see what you can do.")
        )
        return
    await step(update, context, rt, caller, conversation, text)


async def media_sent(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    text = t._(
        "Palabre only reads typed text. Photos, voice messages, stickers, files and locations "
        "are not kept: they can identify you."
    )
    if caller.person is not None:
        conversation = await conversations.current(rt, caller.person.id)
        if conversation is not None and conversation.flow == grievance_flow.FLOW:
            await grievances.media_in_intake(update, rt, caller, conversation)
            return
        reprompt = reprompt_for(conversation.flow) if conversation else None
        if conversation is not None and reprompt is not None:
            text += "\n\n" + reprompt(caller, conversation)
    await reply(update, text)


async def edited(update: Update, context: Context) -> None:
    _rt, caller = await caller_of(update, context)
    await reply(
        update,
        caller.t._(
            "Palabre does not read edited messages. "
            "Please send the corrected text as a new message."
        ),
    )


async def unknown_command(update: Update, context: Context) -> None:
    _rt, caller = await caller_of(update, context)
    await reply(update, caller.t._("I don't know that command. Send /help to see what you can do."))


async def stale_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    _rt, caller = await caller_of(update, context)
    await answer(query, caller.t._(STALE_BUTTON), alert=True)


async def reachability_changed(update: Update, context: Context) -> None:
    """Someone blocked or unblocked the bot: stop or resume writing to them."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    status = change.new_chat_member.status
    blocked = status in {ChatMemberStatus.BANNED, ChatMemberStatus.LEFT}
    await set_reachable(runtime(context), change.from_user.id, not blocked)
