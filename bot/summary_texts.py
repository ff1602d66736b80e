"""/summary rendered for one facilitator: sections of Telegram HTML (bold, code, escaped
text), so the same lines make the message and the shareable HTML document."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import tzinfo
from functools import partial

from bot import round_polis_texts, survey_texts
from bot.grievance_texts import cell
from bot.i18n import Translator
from bot.round_texts import author, passed_note, quote, round_title, said_line
from bot.texts import and_more, bold, esc, group_name, role_name
from flows.grievances.digest import Breakdown, DigestLine, Period
from flows.roles import STAKEHOLDER_ROLES
from flows.rounds.actions import STATUS_LABELS
from flows.rounds.results import StatementResult
from flows.surveys.items import Instrument
from flows.text import N_
from services.summary import Summary

SHOWN = 3
#: Where the lists cut in the summary are given whole.
ALL_STATEMENTS = N_("/results lists them all")
ALL_GRIEVANCES = N_("/grievances lists them all")


def sections(
    t: Translator, summary: Summary, k: int, zone: tzinfo, instrument: Instrument | None
) -> list[str]:
    return [
        _head(t, summary),
        _participation(t, summary, k),
        _round(t, summary),
        _actions(t, summary),
        _grievances(t, summary),
        _survey(t, summary, zone, instrument),
    ]


def _head(t: Translator, summary: Summary) -> str:
    title = t._("Summary — {dialogue}", dialogue=esc(summary.dialogue.name))
    return f"{bold(title)}\n{t.date(summary.today, 'long')}"


def _participation(t: Translator, summary: Summary, k: int) -> str:
    lines = [bold(t._("Participation"))]
    counts = [
        t._("{group}: {n}", group=group_name(t, r), n=t.number(summary.members.get(r, 0)))
        for r in STAKEHOLDER_ROLES
    ]
    lines.append(" · ".join(counts))
    for role in STAKEHOLDER_ROLES:
        n = summary.members.get(role, 0)
        if n == 0:
            lines.append("⚠️ " + t._("Nobody has joined as {role} yet.", role=role_name(t, role)))
        elif n < k:
            lines.append(
                "⚠️ "
                + t._(
                    "{group}: fewer than {k} people, so their votes and answers are never "
                    "shown apart.",
                    group=group_name(t, role),
                    k=t.number(k),
                )
            )
    return "\n".join(lines)


def _round(t: Translator, summary: Summary) -> str:
    outcome = summary.round
    if outcome is None:
        return bold(t._("Rounds")) + "\n" + t._("No round has been held yet.")
    title = t._("Latest round: {title}", title=esc(round_title(t, outcome.round.template_id)))
    lines = [bold(title)]
    if outcome.round.phase.value != "closed":
        lines.append(t._("Still open: results come when it closes."))
        return "\n".join(lines)
    result = outcome.result

    def statement_lines(found: Sequence[StatementResult], passes: bool = False) -> list[str]:
        shown = []
        for s in found[:SHOWN]:
            statement = outcome.statements[s.statement_id]
            note = passed_note(t, s) if passes else ""
            line = f"• {quote(t, statement)} — {author(t, statement)}"
            shown.append(line + (f"\n  {note}" if note else ""))
        more = and_more(t, len(found), SHOWN, t._(ALL_STATEMENTS))
        return (shown + [f"… {more}"] if more else shown) or [t._("None this time.")]

    lines += [t._("Common ground:"), *statement_lines(result.common_ground)]
    if result.partial_ground:
        lines += [
            t._("Agreement among the groups shown (a group had too few votes to be shown):"),
            *statement_lines(result.partial_ground),
        ]
    lines += [t._("Divides:"), *statement_lines(result.divides)]
    if result.uncertainty:
        lines += [t._("Areas of uncertainty:"), *statement_lines(result.uncertainty, True)]
    lines += round_polis_texts.for_summary(t, result.polis, partial(said_line, t, outcome), SHOWN)
    return "\n".join(lines)


def _actions(t: Translator, summary: Summary) -> str:
    lines = [bold(t._("Open action items"))]
    if not summary.actions:
        lines.append(t._("None."))
    for item in summary.actions:
        line = t._(
            "{text} — {owner}, due {day} ({status})",
            text=esc(item.text),
            owner=group_name(t, item.owner),
            day=t.date(item.due_on, "short"),
            status=t._(STATUS_LABELS[item.status]),
        )
        lines.append(("⚠️ " + t._("Overdue:") + " " if item.overdue(summary.today) else "• ") + line)
    return "\n".join(lines)


def _top(t: Translator, breakdown: Breakdown, names: dict[str, str], k: int) -> str:
    def month(line: DigestLine) -> int:
        return line.counts[Period.THIS_MONTH].value or 0

    shown = [line for line in breakdown.lines if line.counts[Period.THIS_MONTH].value != 0]
    shown.sort(key=month, reverse=True)
    listed = []
    for line in shown[:SHOWN]:
        name = esc(names.get(line.key or "", line.key or ""))
        listed.append(f"{name} ({cell(t, line.counts[Period.THIS_MONTH], k)})")
    more = and_more(t, len(shown), SHOWN, t._(ALL_GRIEVANCES))
    return ", ".join(listed + [more] if more else listed) or t._("none")


def _grievances(t: Translator, summary: Summary) -> str:
    view = summary.grievances
    k = view.digest.k
    total = view.digest.by_category.total.counts
    lines = [
        bold(t._("Grievances")),
        t._(
            "This week {week} (last week {last_week}) · this month {month} (last month "
            "{last_month})",
            week=cell(t, total[Period.THIS_WEEK], k),
            last_week=cell(t, total[Period.PREVIOUS_WEEK], k),
            month=cell(t, total[Period.THIS_MONTH], k),
            last_month=cell(t, total[Period.PREVIOUS_MONTH], k),
        ),
    ]
    categories = {c.id: c.label(t.language) for c in view.catalogue.categories}
    areas = {a.id: a.name for a in view.areas}
    areas[view.catalogue.unspecified_area.id] = view.catalogue.unspecified_area.label(t.language)
    lines.append(
        t._(
            "Main subjects this month: {list}", list=_top(t, view.digest.by_category, categories, k)
        )
    )
    lines.append(t._("Main places this month: {list}", list=_top(t, view.digest.by_area, areas, k)))
    for alert in view.alerts:
        lines.append(
            "⚠️ "
            + t._(
                "Early warning on {day}: {category} in {place}",
                day=t.date(alert.day, "short"),
                category=esc(categories.get(alert.category, alert.category)),
                place=esc(areas.get(alert.area, alert.area)),
            )
        )
    return "\n".join(lines)


def _survey(t: Translator, summary: Summary, zone: tzinfo, instrument: Instrument | None) -> str:
    trends = summary.trends
    closed = [w for w in trends.waves if w.closed] if trends else []
    if trends is None or not closed or instrument is None:
        return bold(t._("Trust survey")) + "\n" + t._("No survey has closed yet.")
    latest = closed[-1]
    return survey_texts.wave_results(
        t, instrument, trends, latest, summary.waves[latest.wave_id], zone
    )


def as_html(t: Translator, parts: list[str], title: str) -> str:
    """The summary as a standalone HTML page (right to left for Arabic)."""
    direction = "rtl" if t.right_to_left else "ltr"
    body = "\n".join(
        "<section><p>" + part.replace("\n", "<br>\n") + "</p></section>" for part in parts
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{t.language}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5}"
        "section{border-bottom:1px solid #ddd;padding:.5em 0}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
