"""Grievance messages rendered for one reader: the intake's questions, review and receipt,
/status, the facilitators' digest and grievance cards, the agenda and early-warning alerts.

Pure functions of (domain values, translator). Everything a person typed is HTML-escaped.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboards import button, markup
from bot.texts import bold, esc
from flows.disclosure import Cell, Mark
from flows.grievances.categories import Catalogue
from flows.grievances.digest import Breakdown, Period
from flows.grievances.early_warning import AlertReason
from flows.grievances.identifying import IdentifyingKind
from flows.grievances.intake_events import (
    Ask,
    GrievanceDraft,
    Refusal,
    Refuse,
    Review,
    Step,
)
from flows.grievances.receipts import STATUS_LABELS, GrievanceStatus
from flows.grievances.records import Grievance
from flows.text import N_
from services.grievances import DigestView

QUESTIONS = {
    Step.CATEGORY: N_("What is your grievance about?"),
    Step.AREA: N_("Where did it happen?"),
    Step.WHEN: N_("When did it happen?"),
}
STEP_NAMES = {
    Step.CATEGORY: N_("Change the subject"),
    Step.AREA: N_("Change the place"),
    Step.WHEN: N_("Change when"),
    Step.DESCRIPTION: N_("Change the description"),
}
REFUSALS = {
    Refusal.STALE_BUTTON: N_("This button is no longer valid. Please use the latest message."),
    Refusal.UNKNOWN_CHOICE: N_("This button is no longer valid. Please use the latest message."),
    Refusal.USE_BUTTONS: N_("Please answer with the buttons."),
    Refusal.MEDIA: N_(
        "Photos, voice messages, videos, files and locations are not accepted here: a voice, a "
        "face or a file's hidden details can identify you. Nothing of it was kept."
    ),
    Refusal.EMPTY: N_("That message is empty. Please describe what happened in words."),
    Refusal.NOT_NOW: N_("This button is no longer valid. Please use the latest message."),
    Refusal.FINISHED: N_("This grievance is finished. Send /grievance to file another one."),
}
IDENTIFYING = {
    IdentifyingKind.PHONE: N_("a phone number"),
    IdentifyingKind.EMAIL: N_("an e-mail address"),
}
ALERT_REASONS = {
    AlertReason.SURGE: N_("a sharp rise: at least three times the usual weekly number"),
    AlertReason.URGENT: N_("this category is reported to facilitators at once"),
}
_REASONS = {r.value for r in AlertReason}
STEPS_SHOWN = (Step.CATEGORY, Step.AREA, Step.WHEN, Step.DESCRIPTION)


def cell(t: Translator, value: Cell, k: int) -> str:
    if value.mark is Mark.SMALL:
        return f"&lt;{t.number(k)}"
    if value.mark is not None:
        return "…"
    return t.number(value.value or 0)


def progress(t: Translator, step: Step, steps: tuple[Step, ...]) -> str:
    if step not in steps:
        return ""
    return t._("(step {n} of {total})", n=steps.index(step) + 1, total=len(steps))


def question(
    t: Translator,
    ask: Ask,
    catalogue: Catalogue,
    area_names: dict[str, str],
    steps: tuple[Step, ...],
) -> tuple[str, InlineKeyboardMarkup]:
    """A question with its buttons (each carries the step and a choice id)."""
    head = bold(t._("Anonymous grievance")) + f" {progress(t, ask.step, steps)}\n\n"
    cancel = [button(t._("Cancel"), "gv", "x")]
    if ask.step is Step.DESCRIPTION:
        text = head + t._(
            "Describe what happened in one message, in your own words (at most {limit} "
            "characters). Leave out names, phone numbers and anything else that could show who "
            "you are.",
            limit=t.number(ask.max_length or 0),
        )
        return text, markup(cancel)
    rows = [
        [
            button(
                _choice_label(t, ask.step, choice, catalogue, area_names),
                "gv",
                "c",
                ask.step.value,
                choice,
            )
        ]
        for choice in ask.choices
    ]
    return head + t._(QUESTIONS[ask.step]), markup(*rows, cancel)


def _choice_label(
    t: Translator, step: Step, choice: str, catalogue: Catalogue, area_names: dict[str, str]
) -> str:
    if step is Step.CATEGORY:
        found = catalogue.category(choice)
        return found.label(t.language) if found else choice
    if step is Step.WHEN:
        found = next((w for w in catalogue.when if w.id == choice), None)
        return found.label(t.language) if found else choice
    return area_names.get(choice, choice)


def answers(
    t: Translator, draft: GrievanceDraft, catalogue: Catalogue, area_names: dict[str, str]
) -> str:
    return "\n".join(
        [
            t._(
                "Subject: {value}",
                value=esc(_choice_label(t, Step.CATEGORY, draft.category, catalogue, area_names)),
            ),
            t._("Place: {value}", value=esc(area_names.get(draft.area, draft.area))),
            t._(
                "When: {value}",
                value=esc(_choice_label(t, Step.WHEN, draft.when, catalogue, area_names)),
            ),
        ]
    )


def review(
    t: Translator,
    shown: Review,
    catalogue: Catalogue,
    area_names: dict[str, str],
    warning: frozenset[IdentifyingKind] = frozenset(),
) -> tuple[str, InlineKeyboardMarkup]:
    parts = [
        bold(t._("Please check your grievance before sending it.")),
        answers(t, shown.draft, catalogue, area_names),
        f"«{esc(shown.draft.description)}»",
    ]
    if warning:
        kinds = ", ".join(t._(IDENTIFYING[k]) for k in sorted(warning))
        parts.append(
            "⚠️ "
            + t._(
                "Your description seems to contain {details}. That can identify you or someone "
                "else. Change the description to leave it out, or send it as it is if you are "
                "sure.",
                details=kinds,
            )
        )
    parts.append(
        t._(
            "Nobody, not even the facilitators, will be able to see who sent it. "
            "After you send it, your description message is deleted from this chat."
        )
    )
    rows = [[button(t._("Send it"), "gv", "ok")]]
    rows += [[button(t._(STEP_NAMES[s]), "gv", "ed", s.value)] for s in shown.editable]
    rows.append([button(t._("Cancel"), "gv", "x")])
    return "\n\n".join(parts), markup(*rows)


def refusal(t: Translator, refused: Refuse) -> str:
    if refused.reason is Refusal.TOO_LONG:
        return t._(
            "Your description has {length} characters; the limit is {limit}. Please shorten it "
            "and send it again.",
            length=t.number(refused.length or 0),
            limit=t.number(refused.max_length or 0),
        )
    return t._(REFUSALS[refused.reason])


def receipt(t: Translator, code: str, deleted: bool | None, remaining: int) -> str:
    parts = [
        bold(t._("Your grievance has been received.")),
        t._("Your receipt code: <code>{code}</code>", code=code),
        t._(
            "Keep this code somewhere safe. Send /status {code} at any time to see what "
            "happened to your grievance and read the facilitators' reply. Nobody can look it up "
            "by your name: without the code, not even you.",
            code=code,
        ),
    ]
    if deleted is True:
        parts.append(t._("Your description message has been deleted from this chat."))
    elif deleted is False:
        parts.append(
            t._(
                "Palabre could not delete your description message from this chat: "
                "you may want to delete it yourself."
            )
        )
    if remaining == 0:
        parts.append(t._("That was your last grievance for today."))
    return "\n\n".join(parts)


def status(t: Translator, grievance: Grievance, code: str, catalogue: Catalogue) -> str:
    found = catalogue.category(grievance.category)
    parts = [
        t._("<b>Grievance {code}</b>", code=code),
        t._(
            "Subject: {value}", value=esc(found.label(t.language) if found else grievance.category)
        ),
        t._("Received on {day}", day=t.date(grievance.filed_on)),
        t._("Status: {status}", status=t._(STATUS_LABELS[grievance.status])),
    ]
    if grievance.reply:
        parts.append(t._("Reply from the facilitators:") + f"\n«{esc(grievance.reply)}»")
    return "\n".join(parts[:4]) + ("\n\n" + parts[4] if len(parts) > 4 else "")


def _breakdown(
    t: Translator, title: str, rows: Breakdown, names: dict[str, str], k: int
) -> list[str]:
    lines = [f"<b>{title}</b>"]
    # Lines with nothing in any period are left out: a zero points at nobody, and the
    # digest stays short enough to read on a phone.
    shown = [line for line in rows.lines if any(c.value != 0 for c in line.counts.values())]
    for line in (*shown, rows.total):
        name = t._("Total") if line.key is None else esc(names.get(line.key, line.key))
        c = line.counts
        lines.append(
            f"{name}: {cell(t, c[Period.THIS_WEEK], k)} / {cell(t, c[Period.PREVIOUS_WEEK], k)}"
            f" · {cell(t, c[Period.THIS_MONTH], k)} / {cell(t, c[Period.PREVIOUS_MONTH], k)}"
        )
    return lines


def digest(t: Translator, view: DigestView, dialogue: str) -> str:
    k = view.digest.k
    categories = {c.id: c.label(t.language) for c in view.catalogue.categories}
    areas = {a.id: a.name for a in view.areas}
    areas[view.catalogue.unspecified_area.id] = view.catalogue.unspecified_area.label(t.language)
    lines = [
        t._("<b>Grievances — {dialogue}</b>", dialogue=esc(dialogue)),
        t._("Counts: this week / last week · this month / last month."),
        t._(
            "Counts below {k} show as &lt;{k}; a count that would give one away shows as …",
            k=t.number(k),
        ),
        "",
        *_breakdown(t, t._("By subject"), view.digest.by_category, categories, k),
        "",
        *_breakdown(t, t._("By place"), view.digest.by_area, areas, k),
    ]
    if view.alerts:
        lines += ["", bold(t._("Early warnings this week"))]
        for alert in view.alerts:
            category = esc(categories.get(alert.category, alert.category))
            place = esc(areas.get(alert.area, alert.area))
            lines.append(f"{t.date(alert.day, 'short')}: {category} — {place}")
    if not view.total:
        lines += ["", t._("No grievance has been filed in this dialogue yet.")]
    return "\n".join(lines)


def card(
    t: Translator,
    grievance: Grievance,
    index: int,
    total: int,
    catalogue: Catalogue,
    areas: dict[str, str],
) -> tuple[str, InlineKeyboardMarkup]:
    """One grievance for facilitators, with what they can do about it."""
    found = catalogue.category(grievance.category)
    when = next((w for w in catalogue.when if w.id == grievance.happened), None)
    head = t._("Grievance {n} of {total}", n=t.number(index + 1), total=t.number(total))
    lines = [
        f"<b>{head}</b> · {t.date(grievance.filed_on)}",
        t._(
            "Subject: {value}", value=esc(found.label(t.language) if found else grievance.category)
        ),
        t._("Place: {value}", value=esc(areas.get(grievance.area, grievance.area))),
        t._("When: {value}", value=esc(when.label(t.language) if when else grievance.happened)),
        t._("Status: {status}", status=t._(STATUS_LABELS[grievance.status])),
    ]
    if grievance.on_agenda:
        lines.append(t._("On the agenda: police and official participants can read it."))
    elif found is not None and found.confidential:
        lines.append(t._("Confidential: it stays with the facilitators."))
    lines += ["", f"«{esc(grievance.description)}»"]
    if grievance.reply:
        lines += ["", t._("Public reply:") + f" «{esc(grievance.reply)}»"]
    key = grievance.key
    statuses = [
        button(
            ("✓ " if grievance.status is s else "") + t._(STATUS_LABELS[s]),
            "gd",
            "st",
            key,
            s.value,
        )
        for s in (GrievanceStatus.RECEIVED, GrievanceStatus.ACTION_TAKEN, GrievanceStatus.CLOSED)
    ]
    agenda = []
    if grievance.on_agenda:
        agenda = [button(t._("Take off the agenda"), "gd", "ag", key, "0")]
    elif found is None or not found.confidential:
        agenda = [button(t._("Put on the agenda"), "gd", "ag", key, "1")]
    nav = []
    if index > 0:
        nav.append(button("◀", "gd", "pg", index - 1))
    if index + 1 < total:
        nav.append(button("▶", "gd", "pg", index + 1))
    return "\n".join(lines), markup(
        statuses[:2],
        statuses[2:] + agenda,
        [button(t._("Write a public reply"), "gd", "rp", key)],
        nav,
    )


def agenda(
    t: Translator, items: list[Grievance], catalogue: Catalogue, areas: dict[str, str]
) -> str:
    if not items:
        return t._("No grievance is on the agenda of this dialogue.")
    lines = [bold(t._("Grievances on the agenda"))]
    for g in items:
        found = catalogue.category(g.category)
        lines += [
            "",
            f"• <b>{esc(found.label(t.language) if found else g.category)}</b> — "
            f"{esc(areas.get(g.area, g.area))} · {t._(STATUS_LABELS[g.status])}",
            f"«{esc(g.description)}»",
        ]
        if g.reply:
            lines.append(t._("Public reply:") + f" «{esc(g.reply)}»")
    return "\n".join(lines)


def alert(
    t: Translator,
    dialogue: str,
    category: str,
    area: str,
    reasons: list[str],
    count: int | None,
    k: int,
) -> str:
    shown = t.number(count) if count is not None else f"&lt;{t.number(k)}"
    why = "; ".join(t._(ALERT_REASONS[AlertReason(r)]) for r in reasons if r in _REASONS)
    return "\n".join(
        [
            "⚠️ " + t._("<b>Early warning — {dialogue}</b>", dialogue=esc(dialogue)),
            t._(
                "{category} in {area}: {count} reports in the last seven days.",
                category=esc(category),
                area=esc(area),
                count=shown,
            ),
            t._("Why: {reasons}.", reasons=why),
            t._("Send /grievances to read them."),
        ]
    )
