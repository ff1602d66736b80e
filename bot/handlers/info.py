"""/help (role-aware) and /privacy (the threat model, topic by topic)."""

from __future__ import annotations

from telegram import Update

from bot import privacy_texts
from bot.buttons.info import PrivacyTopic
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, esc, reply
from bot.handlers.press import Press, on_press
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
    """The threat model's start, with a button per topic (``bot.privacy_texts``)."""
    rt, caller = await caller_of(update, context)
    t = caller.t
    await reply(
        update, privacy_texts.intro(t, rt.settings.min_group_size), privacy_texts.keyboard(t)
    )


@on_press(PrivacyTopic)
async def privacy_topic(press: Press[PrivacyTopic]) -> None:
    """One topic of /privacy, shown in the same message."""
    t, key = press.t, press.button.topic
    text = privacy_texts.topic(t, key, press.rt.settings.min_group_size)
    if text is None:
        await press.stale()
        return
    await press.answer()
    await press.edit(text, privacy_texts.keyboard(t, key))
