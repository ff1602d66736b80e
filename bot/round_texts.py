"""Round messages rendered for one reader: prompts, voting cards, moderation, results.

Pure functions of (domain value, translator): statements are labelled by the author's role
only, shown in the reader's language when a translation exists, otherwise marked with the
language they were written in; each of these only as the statement's attribution allows
(:mod:`flows.rounds.attribution`): "A participant said:" and "(no translation yet)" when it
would name fewer than k people.
"""

from __future__ import annotations

from functools import partial

from babel import Locale
from telegram import InlineKeyboardMarkup

from bot import round_polis_texts
from bot.buttons.rounds import (
    StatementApproved,
    StatementRejected,
    StatementToEdit,
    StatementToTranslate,
    VoteCast,
)
from bot.i18n import Translator
from bot.keyboards import markup, typed
from bot.telegram_html import HOLE, MESSAGE_LIMIT, fit
from bot.texts import and_more, esc, group_name
from flows.roles import Role
from flows.rounds.lifecycle import Phase
from flows.rounds.results import StatementResult, Tally
from flows.rounds.statements import Statement
from flows.rounds.templates import Prompt, templates
from flows.rounds.voting import VOTE_LABELS, Vote
from flows.text import N_
from services.rounds import Outcome
from services.voting import Card

SAID = {
    Role.COMMUNITY: N_("A community member said:"),
    Role.POLICE: N_("A police officer said:"),
    Role.OFFICIAL: N_("An official said:"),
}
#: A statement whose group is not shown (fewer than k share its group and language).
SAID_BY_PARTICIPANT = N_("A participant said:")
SHOWN_IN_SUMMARY = 3
#: How many divides and areas of uncertainty the facilitators' results list before "and N more".
SHOWN_IN_RESULTS = 5
#: What a statement's row says of a shown group where more than half of the votes are passes.
MOSTLY_PASSED = {
    Role.COMMUNITY: N_("most of the community passed"),
    Role.POLICE: N_("most of the police passed"),
    Role.OFFICIAL: N_("most of the officials passed"),
}
#: Where a cut list is given whole.
LISTED_BELOW = N_("every statement is listed below")
FULL_RESULTS_WITH_FACILITATORS = N_("your facilitators have the full results")
PHASE_NAMES = {
    Phase.COLLECTING: N_("collecting statements"),
    Phase.MODERATING: N_("moderation"),
    Phase.VOTING: N_("voting"),
    Phase.CLOSED: N_("closed"),
}
#: What follows a card's text once its reader has voted on it.
VOTED = "\n\n✔ "


def language_name(t: Translator, code: str) -> str:
    return Locale.parse(code).get_display_name(t.locale) or code


def quote(t: Translator, statement: Statement) -> str:
    text, original = statement.for_reader(t.language)
    body = f"«{esc(text)}»"
    if original is not None and statement.language_named:
        body += "\n" + t._(
            "(written in {language}; no translation yet)", language=language_name(t, original)
        )
    elif original is not None:
        body += "\n" + t._("(no translation yet)")
    return body


def said(t: Translator, statement: Statement, reader_role: Role | None) -> str:
    """Who said it, as far as the statement may tell: a group not shown is "a participant" for
    every reader, their own group's included."""
    role = statement.author_role
    if role is None or role not in SAID:
        return t._(SAID_BY_PARTICIPANT)
    if reader_role is role:
        return t._("Someone from your own group said:")
    return t._(SAID[role])


def author(t: Translator, statement: Statement) -> str:
    """The author as a results line names them ("— A police officer said", "— A participant
    said"): the voting card's label without its colon."""
    return said(t, statement, None).rstrip(": \u202f\u00a0")


def round_title(t: Translator, template_id: str | None) -> str:
    if template_id and template_id in templates():
        return (
            templates()[template_id].title.get(t.language) or templates()[template_id].title["en"]
        )
    return t._("A question from your facilitators")


def prompt_text(
    t: Translator,
    template_id: str | None,
    custom: tuple[tuple[str, str], ...],
    role: Role,
    limit: int,
) -> str:
    text, language = Prompt(template_id, custom).text_for(role, t.language)
    lines = [
        t._("<b>New dialogue round: {title}</b>", title=esc(round_title(t, template_id))),
        "",
        esc(text),
    ]
    if language != t.language:
        lines.append(
            t._("(written in {language}; no translation yet)", language=language_name(t, language))
        )
    lines += [
        "",
        t._(
            "Press «Write a statement» to answer with a short statement (up to {limit} "
            "characters). You can send several, one per message. Other groups will read them "
            "without your name. /mystatements shows yours, to withdraw one.",
            limit=t.number(limit),
        ),
    ]
    return "\n".join(lines)


def vote_card(
    t: Translator, card: Card, reader_role: Role | None
) -> tuple[str, InlineKeyboardMarkup | None]:
    if card.statement is None:
        return t._("You have voted on every statement of this round. Thank you!"), None
    progress = t._(
        "Statement {done} of {total}",
        done=t.number(card.progress.current),
        total=t.number(card.progress.total),
    )
    text = (
        f"{said(t, card.statement, reader_role)}\n\n{quote(t, card.statement)}\n\n<i>{progress}</i>"
    )
    keyboard = markup([typed(t._(VOTE_LABELS[v]), VoteCast(card.statement.id, v)) for v in Vote])
    return text, keyboard


def voted_card(t: Translator, card_html: str) -> str:
    """A card once voted on: its statement, and a mark that a vote was recorded, never which
    one (whoever takes the phone must not read the person's votes back). A card marked before,
    with the choice in words as older versions did, loses that mark too."""
    return card_html.split(VOTED)[0] + VOTED + t._("Vote recorded")


def _interval(t: Translator, tally: Tally, among_sides: bool = False) -> str:
    found = tally.side_interval if among_sides else tally.agree_interval
    if found is None:
        return "—"
    return t._("95% CI {low}–{high}", low=t.percent(found.low), high=t.percent(found.high))


def _rate(t: Translator, result: StatementResult, role: Role) -> str:
    tally = result.shown[role]
    return t._(
        "{group}: {rate} agree ({interval}), {votes} votes",
        group=group_name(t, role),
        rate=t.percent(tally.agree_rate),
        interval=_interval(t, tally),
        votes=t.number(tally.votes),
    )


def _side_rate(t: Translator, result: StatementResult, role: Role) -> str:
    """A divide's side: the agree share among those who took a side, and how many passed."""
    tally = result.shown[role]
    return t._(
        "{group}: {rate} of those who took a side agree ({interval}); {passes} of {votes} passed",
        group=group_name(t, role),
        rate=t.percent(tally.side_rate),
        interval=_interval(t, tally, among_sides=True),
        passes=t.number(tally.passes),
        votes=t.number(tally.votes),
    )


def passed_note(t: Translator, result: StatementResult) -> str:
    """ "most of the community passed" for each shown group that mostly passed, or ""."""
    return "; ".join(t._(MOSTLY_PASSED[role]) for role in result.passed if role in MOSTLY_PASSED)


def _cut(t: Translator, total: int, shown: int, where: str) -> list[str]:
    more = and_more(t, total, shown, t._(where))
    return [f"… {more}"] if more else []


def _hidden_note(t: Translator, result: StatementResult, k: int) -> str:
    return t._(
        "not shown (fewer than {k} votes): {groups}",
        k=t.number(k),
        groups=", ".join(group_name(t, role) for role in result.hidden),
    )


def _statement_line(t: Translator, outcome: Outcome, result: StatementResult) -> str:
    return said_line(t, outcome, result.statement_id)


def said_line(t: Translator, outcome: Outcome, statement_id: str) -> str:
    """A statement's bullet in the results: its text and who said it (as far as
    :mod:`flows.rounds.attribution` lets it be said)."""
    statement = outcome.statements[statement_id]
    return f"• {quote(t, statement)} — {author(t, statement)}"


def results_for_facilitators(t: Translator, outcome: Outcome, k: int) -> str:
    r = outcome.result
    lines = [
        t._(
            "<b>Results of the round: {title}</b>",
            title=esc(round_title(t, outcome.round.template_id)),
        )
    ]
    if not r.statements:
        return "\n".join(lines + [t._("No statement was put to the vote.")])
    lines += ["", t._("<b>Common ground</b> (a majority of every group agrees)")]
    lines += [
        _statement_line(t, outcome, s) + "\n  " + "; ".join(_rate(t, s, role) for role in s.shown)
        for s in r.common_ground
    ] or [t._("None this time.")]
    if r.partial_ground:
        lines += [
            "",
            t._(
                "<b>Agreement among the groups shown</b> (a majority of every group shown "
                "agrees; a group had fewer than {k} votes, so this is not common ground and is "
                "not ranked with it)",
                k=t.number(k),
            ),
        ]
        lines += [
            _statement_line(t, outcome, s)
            + "\n  "
            + "; ".join([*(_rate(t, s, role) for role in s.shown), _hidden_note(t, s, k)])
            for s in r.partial_ground
        ]
    lines += [
        "",
        t._(
            "<b>Divides</b> (where the groups differ most, among those who took a side; a group "
            "where most passed is not counted)"
        ),
    ]
    for s in r.divides[:SHOWN_IN_RESULTS]:
        assert s.divide is not None
        lines.append(
            _statement_line(t, outcome, s)
            + "\n  "
            + "; ".join(_side_rate(t, s, role) for role in (s.divide.higher, s.divide.lower))
        )
    lines += _cut(t, len(r.divides), SHOWN_IN_RESULTS, LISTED_BELOW)
    if not r.divides:
        lines.append(t._("None this time."))
    if r.uncertainty:
        lines += ["", t._("<b>Areas of uncertainty</b> (more than 30% passed)")]
        for s in r.uncertainty[:SHOWN_IN_RESULTS]:
            note = passed_note(t, s)
            lines.append(_statement_line(t, outcome, s) + (f"\n  {note}" if note else ""))
        lines += _cut(t, len(r.uncertainty), SHOWN_IN_RESULTS, LISTED_BELOW)
    lines += round_polis_texts.for_facilitators(t, r.polis, partial(said_line, t, outcome))
    lines += ["", t._("<b>Every statement</b>")]
    for s in r.statements:
        parts = [_rate(t, s, role) for role in s.shown]
        if s.hidden:
            parts.append(_hidden_note(t, s, k))
        if s.passed:
            parts.append(passed_note(t, s))
        lines.append(_statement_line(t, outcome, s) + "\n  " + "; ".join(parts))
    return "\n".join(lines)


def results_for_participants(t: Translator, outcome: Outcome) -> str:
    r = outcome.result
    lines = [
        t._(
            "<b>The round is closed: {title}</b>",
            title=esc(round_title(t, outcome.round.template_id)),
        ),
        "",
    ]
    lines.append(t._("<b>What the groups agreed on</b>"))
    lines += [_statement_line(t, outcome, s) for s in r.common_ground[:SHOWN_IN_SUMMARY]] or [
        t._("No statement found a majority in every group this time.")
    ]
    lines += _cut(t, len(r.common_ground), SHOWN_IN_SUMMARY, FULL_RESULTS_WITH_FACILITATORS)
    if r.partial_ground:
        lines += [
            "",
            t._(
                "<b>What every group shown agreed on</b> (a group had too few votes to be "
                "shown, so we cannot say every group agrees)"
            ),
        ]
        lines += [_statement_line(t, outcome, s) for s in r.partial_ground[:SHOWN_IN_SUMMARY]]
        lines += _cut(t, len(r.partial_ground), SHOWN_IN_SUMMARY, FULL_RESULTS_WITH_FACILITATORS)
    lines += ["", t._("<b>Where they differ</b>")]
    for s in r.divides[:SHOWN_IN_SUMMARY]:
        assert s.divide is not None
        lines.append(
            _statement_line(t, outcome, s)
            + "\n  "
            + t._(
                "Of those who took a side, {higher} agree more often than {lower}",
                higher=group_name(t, s.divide.higher),
                lower=group_name(t, s.divide.lower),
            )
        )
    lines += _cut(t, len(r.divides), SHOWN_IN_SUMMARY, FULL_RESULTS_WITH_FACILITATORS)
    if not r.divides:
        lines.append(t._("No clear divide this time."))
    passed = [s for s in r.statements if s.passed]
    if passed:
        lines += ["", t._("<b>Where a group mostly passed</b>")]
        lines += [
            _statement_line(t, outcome, s) + "\n  " + passed_note(t, s)
            for s in passed[:SHOWN_IN_SUMMARY]
        ]
        lines += _cut(t, len(passed), SHOWN_IN_SUMMARY, FULL_RESULTS_WITH_FACILITATORS)
    lines += [
        "",
        t._("Thank you for taking part. Your facilitators will bring this to the next meeting."),
    ]
    return "\n".join(lines)


def origin(t: Translator, statement: Statement) -> str:
    """Where a statement comes from, on a facilitator's card: as much as voters will read, and
    a hint when its language is one few people here write in."""
    language = language_name(t, statement.language)
    if statement.author_role is not None and statement.language_named:
        return t._(
            "From: {group}, written in {language}.",
            group=group_name(t, statement.author_role),
            language=language,
        )
    if statement.language_named:
        return t._("From: a participant, written in {language}.", language=language)
    return (
        t._("From: a participant.")
        + "\n"
        + t._(
            "Few people here write in its language: translated, it keeps its author from "
            "standing out."
        )
    )


def moderation_card(
    t: Translator, statement: Statement, remaining: int, languages: tuple[str, ...]
) -> tuple[str, InlineKeyboardMarkup]:
    head = t.ngettext(
        "{n} statement waits for moderation.",
        "{n} statements wait for moderation.",
        remaining,
        n=t.number(remaining),
    )
    body = f"{head}\n{origin(t, statement)}\n\n«{HOLE}»"
    if statement.translations:
        body += "\n\n" + "\n".join(
            f"{language_name(t, lang)}: «{HOLE}»" for lang in statement.translations
        )
    words = [esc(statement.text), *(esc(text) for text in statement.translations.values())]
    # The statement whole; translations shortened if all of them would not fit one message.
    body, shortened = fit(body, words, MESSAGE_LIMIT - 100)
    if shortened:
        body += "\n" + t._("(Translations shortened here to fit one message.)")
    rows = [
        [
            typed(t._("Approve"), StatementApproved(statement.id)),
            typed(t._("Reject"), StatementRejected(statement.id)),
        ],
        [typed(t._("Edit (remove names)"), StatementToEdit(statement.id))],
        [
            typed(
                t._("Add a translation: {language}", language=language_name(t, lang)),
                StatementToTranslate(statement.id, lang),
            )
            for lang in languages
            if lang != statement.language
        ],
    ]
    return body, markup(*rows)
