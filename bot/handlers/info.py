"""/help (role-aware) and /privacy."""

from __future__ import annotations

from telegram import Update

from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, esc, reply
from bot.texts import role_name
from flows.commands import commands_for


@command("help")
async def help_command(update: Update, context: Context) -> None:
    _rt, caller = await caller_of(update, context)
    t = caller.t
    lines = [t._("<b>What you can do</b>")]
    for entry in commands_for(is_staff=caller.is_staff, roles=caller.roles):
        lines.append(f"/{entry.name} — {t._(entry.description)}")
    current = caller.current
    if current is not None:
        lines += [
            "",
            t._(
                "You are working in <b>{dialogue}</b> as {role}.",
                dialogue=esc(current.dialogue_name),
                role=role_name(t, current.role),
            ),
        ]
    elif len(caller.memberships) > 1:
        lines += ["", t._("You belong to several dialogues: choose one with /dialogue.")]
    elif not caller.memberships and not caller.is_staff:
        lines += ["", t._("To take part, open the invite link a facilitator gave you.")]
    if caller.is_staff:
        lines += ["", t._("You are program staff.")]
    await reply(update, "\n".join(lines))


@command("privacy")
async def privacy(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    sections = [
        t._("<b>What Palabre keeps, and who can see it</b>"),
        t._(
            "<b>Your profile.</b> Your Telegram user id, your language, the dialogues you "
            "joined and your role in each. Facilitators of your dialogue see how many people "
            "take part in each role, not a list of names. Palabre never stores your name, "
            "username or phone number."
        ),
        t._(
            "<b>What you say.</b> Statements, votes, grievances and survey answers are stored "
            "without any link to you: no user id, no chat, no exact time, only the day and your "
            "role. Nobody, not facilitators, not police participants, not whoever runs the "
            "server, can tell from the database who said what. Groups of fewer than {k} people "
            "are never shown separately.",
            k=rt.settings.min_group_size,
        ),
        t._(
            "<b>Police and officials</b> in your dialogue see only what facilitators approved "
            "and shared, labelled with a role, never with a name."
        ),
        t._(
            "<b>Grievances.</b> A grievance keeps its subject, place, when it happened, your "
            "description and the day it was filed: never your account, your chat or the time. "
            "Its receipt code is stored only in scrambled form, so the code you were given is "
            "the only way back to it. Facilitators read grievances; police and officials read "
            "only those facilitators put on the dialogue's agenda, never confidential ones. "
            "After you send a grievance, Palabre deletes your description message from the "
            "chat. To stop floods it counts how many grievances each person sends in a day, "
            "under a code that changes every day, kept apart from the grievances and deleted "
            "the next day."
        ),
        t._(
            "<b>The limits.</b> Telegram itself carries every message you send to the bot "
            "and keeps your chat with it on your phone. What you write can identify you if it "
            "contains names, places or details only you know: leave them out if you want to "
            "stay anonymous."
        ),
        t._(
            "<b>Leaving.</b> /forgetme deletes your profile and everything linked to you. "
            "Anonymous records stay, because nobody can link them to you."
        ),
    ]
    await reply(update, "\n\n".join(sections))
