"""Grievance messages rendered for facilitators and participants: the digest, a grievance's
card with what can be done about it, the agenda, early-warning alerts and the places offered.

Pure functions of (domain values, translator). Everything a person typed is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Collection

from telegram import InlineKeyboardMarkup

from bot.buttons.grievances import (
    AreaRemove,
    AreasAdd,
    DeskAgenda,
    DeskPage,
    DeskReply,
    DeskStatus,
)
from bot.grievance_texts import cell
from bot.i18n import Translator
from bot.keyboards import markup, typed
from bot.telegram_html import HOLE, MESSAGE_LIMIT, fit
from bot.texts import bold, esc
from flows.grievances.categories import Catalogue
from flows.grievances.digest import Breakdown, Period
from flows.grievances.early_warning import AlertReason
from flows.grievances.receipts import STATUS_LABELS, GrievanceStatus
from flows.grievances.records import Area, Grievance
from flows.text import N_
from services.grievances import DigestView, Page

ALERT_REASONS = {
    AlertReason.SURGE: N_("a sharp rise: at least three times the usual weekly number"),
    AlertReason.URGENT: N_("this category is reported to facilitators at once"),
}
#: The statuses a facilitator sets by hand ("to be discussed" comes with the agenda).
DESK_STATUSES = (GrievanceStatus.RECEIVED, GrievanceStatus.ACTION_TAKEN, GrievanceStatus.CLOSED)


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


def digest(t: Translator, view: DigestView) -> str:
    k = view.digest.k
    categories = {c.id: c.label(t.language) for c in view.catalogue.categories}
    areas = {a.id: a.name for a in view.areas}
    areas[view.catalogue.unspecified_area.id] = view.catalogue.unspecified_area.label(t.language)
    lines = [
        t._("<b>Grievances — {dialogue}</b>", dialogue=esc(view.dialogue_name)),
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


def digest_keyboard(t: Translator, view: DigestView) -> InlineKeyboardMarkup | None:
    if not view.total:
        return None
    return markup([typed(t._("Read the grievances"), DeskPage(0))])


def card(
    t: Translator, shown: Page, catalogue: Catalogue, areas: dict[str, str]
) -> tuple[str, InlineKeyboardMarkup]:
    """One grievance for facilitators, with what they can do about it."""
    grievance, index, total = shown.grievance, shown.index, shown.total
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
    words = [esc(grievance.description)] + ([esc(grievance.reply)] if grievance.reply else [])
    lines += ["", f"«{HOLE}»"]
    if grievance.reply:
        lines += ["", t._("Public reply:") + f" «{HOLE}»"]
    text, shortened = fit("\n".join(lines), words, MESSAGE_LIMIT - 200)
    if shortened:
        text += "\n\n" + t._("(Shortened here to fit one message: /export has the whole text.)")
    key = grievance.key
    statuses = [
        typed(("✓ " if grievance.status is s else "") + t._(STATUS_LABELS[s]), DeskStatus(key, s))
        for s in DESK_STATUSES
    ]
    agenda = []
    if grievance.on_agenda:
        agenda = [typed(t._("Take off the agenda"), DeskAgenda(key, False))]
    elif found is None or not found.confidential:
        agenda = [typed(t._("Put on the agenda"), DeskAgenda(key, True))]
    nav = []
    if index > 0:
        nav.append(typed("◀", DeskPage(index - 1)))
    if index + 1 < total:
        nav.append(typed("▶", DeskPage(index + 1)))
    return text, markup(
        statuses[:2],
        statuses[2:] + agenda,
        [typed(t._("Write a public reply"), DeskReply(key))],
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
    reasons: Collection[AlertReason],
    count: int | None,
    k: int,
) -> str:
    shown = t.number(count) if count is not None else f"&lt;{t.number(k)}"
    why = "; ".join(t._(ALERT_REASONS[r]) for r in sorted(reasons))
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


def areas_message(t: Translator, areas: list[Area]) -> tuple[str, InlineKeyboardMarkup]:
    """The places offered in /grievance, with a button to remove each and one to add more."""
    lines = [bold(t._("Places offered in /grievance"))]
    if areas:
        lines += [f"• {esc(a.name)}" for a in areas]
    else:
        lines.append(
            t._("None yet: people are not asked where it happened. Add the places people know.")
        )
    lines += [
        "",
        t._("Use names everyone knows (a village, a district, a market), never an address."),
    ]
    rows = [[typed(t._("Remove {place}", place=a.name), AreaRemove(a.id))] for a in areas]
    rows.append([typed(t._("Add places"), AreasAdd())])
    return "\n".join(lines), markup(*rows)
