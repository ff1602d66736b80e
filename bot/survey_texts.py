"""Survey messages rendered for one reader: questions with their buttons, the invitation and
reminders, the end, schedules, and a wave's results for facilitators.

Buttons carry the wave id, the question's position and the choice id
(:class:`bot.buttons.surveys.SurveyAnswer`, ``sv:WAVE:POS:CHOICE``, ``-`` for skip), never the
label.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from telegram import InlineKeyboardMarkup

from bot.buttons.surveys import ScheduleDelete, SurveyAnswer
from bot.i18n import Translator
from bot.keyboards import markup, typed
from bot.texts import bold, esc, group_name
from flows.roles import Role
from flows.surveys.answering import Unavailability
from flows.surveys.items import Instrument, Item
from flows.surveys.records import Schedule, Wave
from flows.surveys.session import Refusal, SurveySession
from flows.surveys.stats import MeanEstimate
from flows.surveys.trends import DialogueTrends, Gap, IndexKind, WaveResult
from flows.text import N_

REFUSALS = {
    Refusal.STALE: N_("That button belongs to an earlier question. Here is the current one."),
    Refusal.UNKNOWN_CHOICE: N_("This button is no longer valid. Please use the latest message."),
    Refusal.NOT_SKIPPABLE: N_("This question cannot be skipped."),
    Refusal.TEXT_EXPECTED: N_("Please type your answer, or skip."),
    Refusal.CHOICE_EXPECTED: N_("Please answer with the buttons."),
    Refusal.EMPTY_TEXT: N_("That message is empty. Please type your answer, or skip."),
    Refusal.TEXT_TOO_LONG: N_("That answer is too long. Please shorten it."),
    Refusal.FINISHED: N_("You have already answered this survey. Thank you!"),
    Refusal.AT_START: N_("This is the first question."),
}
#: A group's index, named for what it measures: the community's own trust, or the police's or
#: officials' estimate of it (their index is over items about the community).
INDEX_LABELS = {
    IndexKind.OWN: N_("the community's own trust index: {index}"),
    IndexKind.ESTIMATE: N_("their estimate of the community's trust: {index}"),
}
UNAVAILABLE = {
    Unavailability.CLOSED: N_(
        "This survey has closed, so this answer was not recorded. Thank you all the same: "
        "the next survey will come to you."
    ),
    Unavailability.DONE: N_("You have already answered this survey. Thank you!"),
    Unavailability.ABSENT: N_("This button is no longer valid. Please use the latest message."),
}


def title(t: Translator, instrument: Instrument) -> str:
    return instrument.title.get(t.language) or instrument.title["en"]


def question(
    t: Translator,
    wave: Wave,
    session: SurveySession,
    item: Item,
    refusal: Refusal | None = None,
    k: int = 5,
) -> tuple[str, InlineKeyboardMarkup]:
    number, total = session.progress
    lines = [f"{bold(esc(title(t, session.instrument)))} ({number}/{total})", ""]
    if refusal is not None:
        lines += [t._(REFUSALS[refusal]), ""]
    lines.append(esc(item.text_for(session.role, t.language)))
    if item.is_text:
        lines += [
            "",
            t._(
                "Type your answer in one message (at most {limit} characters). It is stored "
                "apart from your other answers and never shown for fewer than {k} people.",
                limit=t.number(item.scale.max_length or 0),
                k=k,
            ),
        ]
    position = session.position
    rows = [
        [typed(choice.label(t.language), SurveyAnswer(wave.id, position, choice.id))]
        for choice in item.scale.choices
    ]
    if item.skippable:
        rows.append([typed(t._("Skip this question"), SurveyAnswer(wave.id, position, None))])
    return "\n".join(lines), markup(*rows)


def invitation(t: Translator, instrument: Instrument, closes: datetime, zone: tzinfo) -> str:
    intro = instrument.intro.get(t.language) or instrument.intro["en"]
    return "\n\n".join(
        [
            bold(esc(title(t, instrument))),
            esc(intro),
            t._(
                "Open until {moment}.",
                moment=t.datetime(closes, zone, "short"),
            ),
        ]
    )


def reminder(t: Translator, closes: datetime, zone: tzinfo, started: bool) -> str:
    """The reminder's words; ``started``: the person answered a question already."""
    return " ".join(
        (
            t._(
                "A reminder: the survey is open until {moment}. It takes about two minutes, "
                "and your answers are anonymous.",
                moment=t.datetime(closes, zone, "short"),
            ),
            t._("Here is where you stopped.") if started else t._("Here is the first question."),
        )
    )


def finished(t: Translator) -> str:
    return t._(
        "Thank you! Your answers are saved without your name. Results are shared only for "
        "groups of people, once the survey closes."
    )


def schedules(
    t: Translator, found: list[tuple[Schedule, datetime]], zone: tzinfo
) -> tuple[str, InlineKeyboardMarkup | None]:
    lines = [bold(t._("Survey schedules"))]
    if not found:
        lines.append(t._("No survey is scheduled in this dialogue."))
    for n, (schedule, at) in enumerate(found, 1):
        roles = ", ".join(group_name(t, r) for r in schedule.roles)
        lines.append(
            t._(
                "{n}. <code>{spec}</code> — {roles}; next: {moment}",
                n=n,
                spec=esc(schedule.spec),
                roles=roles,
                moment=t.datetime(at, zone, "short"),
            )
        )
    lines += [
        "",
        t._(
            "To add one, send /schedule followed by when, and optionally who, for example:\n"
            "<code>/schedule weekly mon 09:00</code>\n"
            "<code>/schedule biweekly fri 18:30 community</code>\n"
            "<code>/schedule monthly 1 mon 10:00 police official</code>\n"
            "<code>/schedule cron 0 9 * * mon</code>\n"
            "Times are in {zone}. /surveynow starts a survey at once.",
            zone=str(zone),
        ),
    ]
    rows = [
        [typed(t._("Delete schedule {n}", n=n), ScheduleDelete(schedule.id))]
        for n, (schedule, _at) in enumerate(found, 1)
    ]
    return "\n".join(lines), markup(*rows) if rows else None


def _estimate(t: Translator, estimate: MeanEstimate | None) -> str:
    if estimate is None:
        return "—"
    text = t.number(round(estimate.mean))
    if estimate.low is not None and estimate.high is not None:
        text += t._(
            " (95% CI {low}–{high})",
            low=t.number(round(estimate.low)),
            high=t.number(round(estimate.high)),
        )
    return text


def _signed(t: Translator, value: float) -> str:
    return f"{'+' if round(value) >= 0 else '−'}{t.number(round(abs(value)))}"


def _gap_interval(t: Translator, gap: Gap) -> str:
    """ ", 95% CI −3 to +21" (Welch), or "" when no interval could be computed."""
    found = gap.interval
    if found is None or found.low is None or found.high is None:
        return ""
    return t._(", 95% CI {low} to {high}", low=_signed(t, found.low), high=_signed(t, found.high))


def wave_results(
    t: Translator,
    instrument: Instrument,
    trends: DialogueTrends,
    result: WaveResult,
    wave: Wave,
    zone: tzinfo,
) -> str:
    """One wave for facilitators: participation, and (once closed) index, change and gaps."""
    when = t.datetime(wave.opened_at, zone, "short")
    head = t._("Survey of {moment}", moment=when)
    state = t._("closed") if result.closed else t._("open")
    lines = [f"{bold(head)} ({state})"]
    k = trends.k
    for group in result.groups:
        rate = t.percent(group.response_rate) if group.response_rate is not None else "—"
        line = t._(
            "{group}: {answered} of {invited} answered ({rate})",
            group=group_name(t, group.role),
            answered=t.number(group.answered),
            invited=t.number(group.invited - group.blocked),
            rate=rate,
        )
        if group.shown:
            label = INDEX_LABELS[group.index_kind]
            line += "\n  " + t._(label, index=_estimate(t, group.index))
            if group.index_change is not None:
                sign = "+" if group.index_change >= 0 else "−"
                line += " " + t._(
                    "({sign}{change} since the previous survey)",
                    sign=sign,
                    change=t.number(round(abs(group.index_change))),
                )
            if group.uncertain_items:
                line += "\n  " + t.ngettext(
                    "{n} question with many “don't know” or skipped answers",
                    "{n} questions with many “don't know” or skipped answers",
                    len(group.uncertain_items),
                    n=len(group.uncertain_items),
                )
        elif result.closed:
            line += "\n  " + t._("fewer than {k} answers: not shown", k=k)
        lines.append(line)
    if result.gaps:
        lines += ["", bold(t._("Perception gap"))]
        for gap in result.gaps:
            lines.append(
                t._(
                    "“{item}” — {group} estimate {estimate} out of 100; the community says "
                    "{said} (gap {gap}{interval}).",
                    group=group_name(t, gap.role),
                    item=esc(instrument.item(gap.item_id).text_for(Role.COMMUNITY, t.language)),
                    estimate=t.number(round(gap.estimate)),
                    said=t.number(round(gap.community)),
                    gap=_signed(t, gap.gap),
                    interval=_gap_interval(t, gap),
                )
            )
    if not result.closed:
        lines += ["", t._("Results are shown when the survey closes.")]
    return "\n".join(lines)


def role_list(t: Translator, roles: tuple[Role, ...]) -> str:
    return ", ".join(group_name(t, r) for r in roles)
