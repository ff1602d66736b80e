"""The Telegram command menu, per language and per chat.

The default scope gets everyone's commands in each shipped language; group chats get the few
that make sense there; each person's private chat gets the commands of their roles in their
chosen language, so facilitators and staff see theirs and nobody else does.
"""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from bot.i18n import Catalogs, Translator
from flows.commands import COMMANDS, GROUP_COMMANDS, Command, commands_for
from flows.roles import Role

log = logging.getLogger(__name__)


def _bot_commands(t: Translator, commands: tuple[Command, ...]) -> list[BotCommand]:
    return [BotCommand(c.name, t._(c.description)[:256]) for c in commands]


async def set_default_menus(bot: Bot, catalogs: Catalogs) -> None:
    everyone = commands_for(is_staff=False, roles=frozenset())
    in_groups = tuple(c for c in COMMANDS if c.name in GROUP_COMMANDS)
    for language in catalogs.languages:
        t = catalogs.translator(language)
        await bot.set_my_commands(
            _bot_commands(t, everyone),
            scope=BotCommandScopeAllPrivateChats(),
            language_code=language,
        )
        await bot.set_my_commands(
            _bot_commands(t, in_groups),
            scope=BotCommandScopeAllGroupChats(),
            language_code=language,
        )
    # Without a language code: what clients in other languages see.
    t = catalogs.translator(catalogs.languages[0])
    await bot.set_my_commands(_bot_commands(t, everyone), scope=BotCommandScopeAllPrivateChats())


async def set_personal_menu(
    bot: Bot, chat_id: int, t: Translator, *, is_staff: bool, roles: frozenset[Role]
) -> None:
    """Give one person's private chat the menu of their roles, in their language."""
    try:
        await bot.set_my_commands(
            _bot_commands(t, commands_for(is_staff=is_staff, roles=roles)),
            scope=BotCommandScopeChat(chat_id),
        )
    except TelegramError as exc:
        # A menu is a convenience: never let it fail the action that triggered it.
        log.warning("could not set a personal command menu: %s", type(exc).__name__)
