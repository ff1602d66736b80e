"""/start (with or without an invite code) and the language choice."""

from __future__ import annotations

from telegram import Update

from bot.buttons.people import LanguageChosen
from bot.handlers import grievances
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, esc, reply
from bot.handlers.press import Press, on_press
from bot.i18n import Translator
from bot.keyboards import language_picker
from bot.menus import set_personal_menu
from bot.texts import INVITE_PROBLEMS, STALE_BUTTON, role_name
from flows.languages import NATIVE_NAMES
from services.enrolment import (
    AlreadyMember,
    Joined,
    Refused,
    join_with_code,
    set_language,
    start_profile,
)


def _picker_text(t: Translator) -> str:
    return t._("Which language do you prefer? You can change it later with /language.")


@command("start")
async def start(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    first_time = caller.person is None or caller.person.language is None
    code = context.args[0] if context.args else None
    if code == "grievance":  # the link a /grievance in a group chat points to
        await grievances.start_intake(update, rt, caller)
        return
    if code is not None:
        outcome = await join_with_code(rt, caller.telegram_id, code, t.language)
        if isinstance(outcome, Refused):
            await reply(update, t._(INVITE_PROBLEMS[outcome.problem]))
            return
        if isinstance(outcome, AlreadyMember):
            m = outcome.membership
            text = t._(
                "You are already in the dialogue <b>{dialogue}</b> as {role}.",
                dialogue=esc(m.dialogue_name),
                role=role_name(t, m.role),
            )
            if outcome.requested_role is not m.role:
                text += "\n" + t._(
                    "This invite was not used: one person has one role per dialogue."
                )
            await reply(update, text)
            return
        assert isinstance(outcome, Joined)
        await reply(
            update,
            t._(
                "Welcome to the dialogue <b>{dialogue}</b>. You have joined as {role}.",
                dialogue=esc(outcome.dialogue.name),
                role=role_name(t, outcome.membership.role),
            )
            + "\n\n"
            + t._("Send /help to see what you can do, and /privacy to see what is kept."),
        )
        roles = caller.roles | {outcome.membership.role}
        await set_personal_menu(
            context.bot, caller.telegram_id, t, is_staff=caller.is_staff, roles=roles
        )
    else:
        _person, created = await start_profile(rt, caller.telegram_id, t.language)
        if created or not caller.memberships:
            text = t._(
                "Welcome to Palabre, the meeting tree where community members, police and "
                "officials work together on safety and justice."
            )
            if not caller.memberships and not caller.is_staff:
                text += "\n\n" + t._("To take part, open the invite link a facilitator gave you.")
        else:
            text = t._("Welcome back. Send /help to see what you can do.")
        if caller.is_staff:
            text += "\n\n" + t._("You are program staff: create a dialogue with /newdialogue NAME.")
        await reply(update, text)
        if caller.is_staff:
            await set_personal_menu(
                context.bot, caller.telegram_id, t, is_staff=True, roles=caller.roles
            )
    if first_time:
        await reply(update, _picker_text(t), language_picker(rt.settings.languages))


@command("language")
async def language(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    await reply(update, _picker_text(caller.t), language_picker(rt.settings.languages))


@on_press(LanguageChosen)
async def language_chosen(press: Press[LanguageChosen]) -> None:
    rt, caller, chosen = press.rt, press.caller, press.button.language
    if chosen not in rt.settings.languages:
        await press.answer(caller.t._(STALE_BUTTON))
        return
    await set_language(rt, caller.telegram_id, chosen)
    t = rt.catalogs.translator(chosen)
    await press.answer()
    await press.edit(
        t._("Language set to {language}.", language=NATIVE_NAMES[chosen])
        + " "
        + t._("Send /help to see what you can do."),
    )
    await set_personal_menu(
        press.context.bot, caller.telegram_id, t, is_staff=caller.is_staff, roles=caller.roles
    )
