"""Round messages rendered for one reader: prompts, voting cards, moderation, results.

Pure functions of (domain value, translator): statements are labelled by the author's role
only, shown in the reader's language when a translation exists, otherwise marked with the
language they were written in; each of these only as the statement's attribution allows
(:mod:`flows.rounds.attribution`): "A participant said:" and "(no translation yet)" when it
would name fewer than k people.
"""

from __future__ import annotations

from babel import Locale
from telegram import InlineKeyboardMarkup

from bot.buttons.rounds import (
    StatementApproved,
    StatementRejected,
    StatementToEdit,
    StatementToTranslate,
    VoteCast,
)
from bot.i18n import Translator
from bot.keyboards import markup, typed
from bot.texts import esc, group_name
from flows.roles import Role
from flows.rounds.lifecycle import Phase
from flows.rounds.results import StatementResult
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


def _rate(t: Translator, result: StatementResult, role: Role) -> str:
    tally = result.shown[role]
    return t._(
        "{group}: {rate} agree ({votes} votes)",
        group=group_name(t, role),
        rate=t.percent(tally.agree_rate),
        votes=t.number(tally.votes),
    )


def _statement_line(t: Translator, outcome: Outcome, result: StatementResult) -> str:
    statement = outcome.statements[result.statement_id]
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
    lines += ["", t._("<b>Divides</b> (where the groups differ most)")]
    for s in r.divides[:5]:
        assert s.divide is not None
        lines.append(
            _statement_line(t, outcome, s)
            + "\n  "
            + "; ".join(_rate(t, s, role) for role in (s.divide.higher, s.divide.lower))
        )
    if not r.divides:
        lines.append(t._("None this time."))
    if r.uncertainty:
        lines += ["", t._("<b>Areas of uncertainty</b> (more than 30% passed)")]
        lines += [_statement_line(t, outcome, s) for s in r.uncertainty[:5]]
    lines += ["", t._("<b>Every statement</b>")]
    for s in r.statements:
        detail = "; ".join(_rate(t, s, role) for role in s.shown)
        hidden = ", ".join(group_name(t, role) for role in s.hidden)
        if hidden:
            detail += ("; " if detail else "") + t._(
                "not shown (fewer than {k} votes): {groups}", k=t.number(k), groups=hidden
            )
        lines.append(_statement_line(t, outcome, s) + "\n  " + detail)
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
    lines += ["", t._("<b>Where they differ</b>")]
    for s in r.divides[:SHOWN_IN_SUMMARY]:
        assert s.divide is not None
        lines.append(
            _statement_line(t, outcome, s)
            + "\n  "
            + t._(
                "{higher} agree more than {lower}",
                higher=group_name(t, s.divide.higher),
                lower=group_name(t, s.divide.lower),
            )
        )
    if not r.divides:
        lines.append(t._("No clear divide this time."))
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
    body = f"{head}\n{origin(t, statement)}\n\n«{esc(statement.text)}»"
    if statement.translations:
        body += "\n\n" + "\n".join(
            f"{language_name(t, lang)}: «{esc(text)}»"
            for lang, text in statement.translations.items()
        )
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
