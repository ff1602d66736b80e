"""Trust surveys in Telegram: /schedule, /surveynow and /survey for facilitators; the
questions (buttons, and one typed answer) for participants.

Every press names the wave and the question's position; the use case checks both against the
database, so an old message, a double tap or a forged button is refused, never recorded, and a
press after the wave closed is answered politely.
"""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import TelegramError

from bot import survey_texts as texts
from bot.buttons.surveys import ScheduleDelete, SurveyAnswer
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import (
    Context,
    caller_of,
    delete_typed,
    edit_or_reply,
    facilitated_dialogue,
    reply,
)
from bot.handlers.press import Press, on_press
from bot.runtime import Runtime
from bot.scheduler import arm_schedules, send_soon
from bot.steps import Typed, text_step
from bot.telegram_html import split_message
from bot.texts import removal
from flows.conversations import Conversation
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.surveys.cron import ScheduleError, ScheduleProblem
from flows.text import N_
from services import surveys

ROLE_WORDS = {
    "community": Role.COMMUNITY,
    "communauté": Role.COMMUNITY,
    "police": Role.POLICE,
    "official": Role.OFFICIAL,
    "officials": Role.OFFICIAL,
    "responsables": Role.OFFICIAL,
}
SCHEDULE_PROBLEMS = {
    ScheduleProblem.EMPTY: N_("Say when, for example: /schedule weekly mon 09:00"),
    ScheduleProblem.UNKNOWN_CADENCE: N_("Start with weekly, biweekly, monthly or cron."),
    ScheduleProblem.MISSING_PARTS: N_(
        "Something is missing: a weekday and a time, like mon 09:00."
    ),
    ScheduleProblem.EXTRA_PARTS: N_("There are words I do not understand at the end."),
    ScheduleProblem.BAD_WEEKDAY: N_(
        "That weekday is not one I know (mon … sun, or lundi … dimanche)."
    ),
    ScheduleProblem.BAD_TIME: N_("That time is not valid: write it like 09:00 or 18h30."),
    ScheduleProblem.BAD_WEEK_OF_MONTH: N_("For monthly, say which week: 1, 2, 3, 4 or last."),
    ScheduleProblem.BAD_START_DATE: N_("That start date is not valid: write it like 2026-12-04."),
    ScheduleProblem.NEEDS_START: N_("That schedule needs a start date."),
    ScheduleProblem.CRON_FIELDS: N_(
        "A cron expression has five fields: minute hour day month weekday."
    ),
    ScheduleProblem.CRON_VALUE: N_("A cron field has a value out of range."),
    ScheduleProblem.CRON_TOO_FREQUENT: N_("Surveys can go out at most once a day."),
    ScheduleProblem.CRON_NEVER_FIRES: N_("That cron expression never fires."),
}


def _roles(words: list[str]) -> tuple[list[str], tuple[Role, ...]]:
    """Split trailing role words off a schedule text; all groups when none are named."""
    roles: list[Role] = []
    while words and words[-1].lower() in ROLE_WORDS:
        role = ROLE_WORDS[words.pop().lower()]
        if role not in roles:
            roles.insert(0, role)
    ordered = tuple(r for r in STAKEHOLDER_ROLES if r in roles) or tuple(STAKEHOLDER_ROLES)
    return words, ordered


@command("schedule")
async def schedule_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    t = caller.t
    words = list(context.args or [])
    if words:
        when, roles = _roles(words)
        try:
            schedule, at = await surveys.add_schedule(rt, dialogue_id, " ".join(when), roles)
        except ScheduleError as exc:
            await reply(
                update,
                t._("That schedule was not saved.") + " " + t._(SCHEDULE_PROBLEMS[exc.problem]),
            )
            return
        await arm_schedules(context.application)
        await reply(
            update,
            t._(
                "Saved: <code>{spec}</code> for {roles}. The next survey goes out {moment}.",
                spec=schedule.spec,
                roles=texts.role_list(t, schedule.roles),
                moment=t.datetime(at, rt.settings.zone, "short"),
            ),
        )
    found = await surveys.schedules_of(rt, dialogue_id)
    text, keyboard = texts.schedules(t, found, rt.settings.zone)
    await reply(update, text, keyboard)


@on_press(ScheduleDelete, facilitator=True)
async def schedule_deleted(press: Press[ScheduleDelete]) -> None:
    rt, t, dialogue_id = press.rt, press.t, press.dialogue_id
    assert dialogue_id is not None
    if not await surveys.delete_schedule(rt, dialogue_id, press.button.schedule_id):
        await press.stale()
        return
    await arm_schedules(press.context.application)
    await press.answer(t._("Schedule deleted."))
    found = await surveys.schedules_of(rt, dialogue_id)
    await press.edit(*texts.schedules(t, found, rt.settings.zone))


@command("surveynow")
async def surveynow_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    t = caller.t
    zone = rt.settings.zone
    current = await surveys.open_wave(rt, dialogue_id)
    if current is not None:
        await reply(
            update,
            t._(
                "A survey is already open in this dialogue, until {moment}. /survey shows how "
                "many have answered.",
                moment=t.datetime(current.closes_at, zone, "short"),
            ),
        )
        return
    _words, roles = _roles(list(context.args or []))
    started = await surveys.start_wave(rt, dialogue_id, roles)
    assert started is not None
    wave, invited = started
    send_soon(context)
    await reply(
        update,
        t.ngettext(
            "Survey started: {n} person invited ({roles}). Open until {moment}.",
            "Survey started: {n} people invited ({roles}). Open until {moment}.",
            invited,
            n=t.number(invited),
            roles=texts.role_list(t, roles),
            moment=t.datetime(wave.closes_at, zone, "short"),
        ),
    )


@command("survey")
async def survey_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    t = caller.t
    found = await surveys.report(rt, dialogue_id)
    if found is None:
        await reply(update, t._("No survey has been sent in this dialogue yet. Try /surveynow."))
        return
    trends = found.trends
    shown = list(trends.waves[-1:])
    if not trends.waves[-1].closed and len(trends.waves) > 1:
        shown.insert(0, trends.waves[-2])
    body = "\n\n".join(
        texts.wave_results(t, found.instrument, trends, r, found.waves[r.wave_id], rt.settings.zone)
        for r in shown
    )
    for part in split_message(body):
        await reply(update, part)


# -- answering -----------------------------------------------------------------------------


async def _show(
    update: Update,
    rt: Runtime,
    caller: Caller,
    result: surveys.Result,
    on: Message | None,
    note: str = "",
) -> None:
    """Show ``result`` on the message ``on`` (else in a new one), after ``note`` if any."""
    t = caller.t
    if isinstance(result, surveys.Finished):
        text, keyboard = texts.finished(t), None
    elif isinstance(result, surveys.Unavailable):
        text, keyboard = t._(texts.UNAVAILABLE[result.reason]), None
    else:
        text, keyboard = texts.question(
            t, result.wave, result.session, result.item, result.refusal, rt.settings.min_group_size
        )
    if note:
        text = note + "\n\n" + text
    if on is not None:
        await edit_or_reply(on, text, keyboard)  # the same refusal again: left as it is
        return
    await reply(update, text, keyboard)


@on_press(SurveyAnswer)
async def survey_answered(press: Press[SurveyAnswer]) -> None:
    rt, caller, t, b = press.rt, press.caller, press.t, press.button
    if caller.person is None:
        await press.stale()
        return
    given: surveys.Answer = surveys.Skip() if b.choice is None else surveys.Choice(b.choice)
    message = press.message
    shown_on = message.message_id if message is not None else None
    result = await surveys.respond(rt, b.wave_id, caller.person.id, b.position, given, shown_on)
    if isinstance(result, surveys.Unavailable):
        await press.answer(t._(texts.UNAVAILABLE[result.reason]), alert=True)
        if result.reason is surveys.Unavailability.ABSENT:
            return
    elif isinstance(result, surveys.Asked) and result.refusal is not None:
        await press.answer(t._(texts.REFUSALS[result.refusal]))
    else:
        await press.answer()
    await _show(press.update, rt, caller, result, message)


def _reprompt(caller: Caller, _conversation: Conversation) -> str:
    return caller.t._("Please type your answer to the survey question above, or skip it.")


@text_step(surveys.FLOW, _reprompt)
async def open_answer_typed(step: Typed) -> None:
    update, context, rt, caller = step.update, step.context, step.rt, step.caller
    wave_id = step.payload.get("wave")
    if not isinstance(wave_id, str):
        return
    result = await surveys.answer_typed(rt, wave_id, step.person.id, step.text)
    answered = isinstance(result, surveys.Finished) or (
        isinstance(result, surveys.Asked) and result.refusal is None
    )
    shown_on = step.payload.get("message")
    if answered and isinstance(shown_on, int):
        # The question now has its answer: its Skip button must not offer anything any more.
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_reply_markup(caller.telegram_id, shown_on)
    # Once the answer is Palabre's to keep (stored, or held for the survey until it is
    # finished), the chat's copy only adds to what a seized phone shows: it goes.
    note = removal(caller.t, await delete_typed(update)) if answered else ""
    await _show(update, rt, caller, result, None, note)
