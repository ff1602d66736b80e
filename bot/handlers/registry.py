"""The order in which handlers see an update.

Group chats are caught first (nothing there is read or stored); then private-chat commands;
then typed text, media and buttons. A feature adds its commands to the one command table,
``flows.commands.COMMANDS``, and answers each with ``@command("name")``
(``bot.handlers.command``); its button handlers (made with ``bot.handlers.press.on_press``) go
to ``PRESSES``; anything else pressed is a stale or forged button, refused politely.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.handlers import (
    account,
    actions,
    charts,
    dialogues,
    exports,
    fallback,
    grievance_desk,
    grievance_receipts,
    grievances,
    info,
    invites,
    moderation,
    rounds,
    start,
    summary,
    surveys,
)
from bot.handlers.command import bound
from bot.handlers.errors import on_error
from bot.handlers.press import button_of

Callback = Callable[[Any, Any], Coroutine[Any, Any, None]]

#: Every handler module. Importing them binds their ``@command`` handlers to the command table.
MODULES = (
    account,
    actions,
    charts,
    dialogues,
    exports,
    fallback,
    grievance_desk,
    grievance_receipts,
    grievances,
    info,
    invites,
    moderation,
    rounds,
    start,
    summary,
    surveys,
)

#: Handlers made with ``on_press``: each knows its typed button.
PRESSES: tuple[Callback, ...] = (
    start.language_chosen,
    info.privacy_topic,
    dialogues.dialogue_chosen,
    account.forget_confirmed,
    invites.role_chosen,
    invites.uses_chosen,
    invites.invite_created,
    invites.list_pressed,
    invites.revoke_pressed,
    grievances.choice_pressed,
    grievances.edit_pressed,
    grievances.confirm_pressed,
    grievances.cancel_pressed,
    grievance_receipts.receipt_noted,
    grievance_desk.page_pressed,
    grievance_desk.status_pressed,
    grievance_desk.agenda_pressed,
    grievance_desk.reply_pressed,
    grievance_desk.add_pressed,
    grievance_desk.remove_pressed,
    rounds.template_chosen,
    rounds.custom_chosen,
    rounds.version_added,
    rounds.setup_changed,
    rounds.round_opened,
    rounds.statement_started,
    rounds.offer_answered,
    rounds.withdraw_pressed,
    rounds.vote_pressed,
    moderation.approved,
    moderation.rejected,
    moderation.edit_pressed,
    moderation.translate_pressed,
    actions.owner_chosen,
    actions.due_chosen,
    actions.status_answered,
    surveys.schedule_deleted,
    surveys.survey_answered,
    summary.summary_document,
    exports.export_chosen,
)

MEDIA = (
    filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Sticker.ALL
    | filters.LOCATION
    | filters.VENUE
    | filters.CONTACT
    | filters.Document.ALL
    | filters.ANIMATION
    | filters.POLL
    | filters.Dice.ALL
)


def register_handlers(app: Application) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(
        ChatMemberHandler(fallback.reachability_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, fallback.in_group))
    for entry, callback in bound():
        app.add_handler(
            CommandHandler(entry.name, callback, filters=private & filters.UpdateType.MESSAGE)
        )
    app.add_handler(MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, fallback.edited))
    app.add_handler(MessageHandler(private & filters.COMMAND, fallback.unknown_command))
    app.add_handler(MessageHandler(private & filters.TEXT, fallback.text_typed))
    app.add_handler(MessageHandler(private & MEDIA, fallback.media_sent))
    for callback in PRESSES:
        app.add_handler(CallbackQueryHandler(callback, pattern=button_of(callback).matches))
    app.add_handler(CallbackQueryHandler(fallback.stale_button))
    app.add_error_handler(on_error)
