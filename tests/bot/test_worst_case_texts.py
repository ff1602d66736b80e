"""Every message that quotes a person's words, at the longest length settings allow, with the
characters that grow most when escaped or counted (``<``, ``&``, emoji, Arabic), passes
Telegram's checks (the sandbox's HTML parser and length limit) in every shipped language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import cycle, islice

import pytest

from bot import grievance_desk_texts, grievance_texts, round_texts
from bot.i18n import Catalogs
from bot.telegram_html import split_message
from flows.grievances.categories import default_catalogue
from flows.grievances.intake_events import GrievanceDraft, Review, Step
from flows.grievances.records import MAX_REPLY, Grievance
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.results import Tally, round_result
from flows.rounds.statements import Statement, StatementStatus
from flows.rounds.voting import Progress
from sandbox.formatting import format_text
from sandbox.html import parse_html
from services.grievances.desk import Page
from services.rounds import Outcome
from services.voting import Card

#: The longest description PALABRE_GRIEVANCE_LENGTH allows.
LONGEST_DESCRIPTION = 4000
WORST = ["<", "&", "😀", "ع", ">", "é"]
CATALOGUE = default_catalogue()
ROUND = Round(
    "r1",
    1,
    Phase.VOTING,
    datetime(2026, 9, 1, tzinfo=UTC),
    RoundSettings(roles=STAKEHOLDER_ROLES),
    None,
    (("en", "What would build trust?"),),
)
LANGUAGES = Catalogs().languages


def worst(length: int, start: int = 0) -> str:
    return "".join(islice(cycle(WORST[start:] + WORST[:start]), length))


def check(text: str) -> str:
    """What Telegram would show of ``text``; raises as Telegram would refuse it."""
    return format_text(text, "HTML").text


def _grievance(description: str, reply: str | None) -> Grievance:
    category = CATALOGUE.categories[0].id
    return Grievance(
        key="k" * 32,
        dialogue_id=1,
        filed_on=date(2026, 3, 2),
        category=category,
        area=CATALOGUE.unspecified_area.id,
        happened=CATALOGUE.when[0].id,
        description=description,
        reply=reply,
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("start", range(len(WORST)))
def test_the_review_of_the_longest_description_fits_and_says_it_is_shortened(
    language: str, start: int
) -> None:
    t = Catalogs().translator(language)
    description = worst(LONGEST_DESCRIPTION, start)
    draft = GrievanceDraft(
        CATALOGUE.categories[0].id,
        CATALOGUE.unspecified_area.id,
        CATALOGUE.when[0].id,
        description,
    )
    text, _keyboard = grievance_texts.review(
        t, Review(draft, (Step.CATEGORY, Step.DESCRIPTION)), "0a1b2c3d4e5f", CATALOGUE, {}
    )
    shown = check(text)
    assert t._("(Shortened here to fit one message: all of it is sent.)") in shown
    assert description[:1000] in shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_review_that_fits_shows_the_description_whole(language: str) -> None:
    t = Catalogs().translator(language)
    description = worst(1000)
    draft = GrievanceDraft(
        CATALOGUE.categories[0].id, CATALOGUE.unspecified_area.id, CATALOGUE.when[0].id, description
    )
    text, _ = grievance_texts.review(t, Review(draft, ()), "0a1b2c3d4e5f", CATALOGUE, {})
    shown = check(text)
    assert f"«{description}»" in shown
    assert t._("(Shortened here to fit one message: all of it is sent.)") not in shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_desk_card_and_the_status_fit_with_the_longest_description_and_reply(
    language: str,
) -> None:
    t = Catalogs().translator(language)
    grievance = _grievance(worst(LONGEST_DESCRIPTION), worst(MAX_REPLY, 3))
    text, _ = grievance_desk_texts.card(t, Page(grievance, 0, 1), CATALOGUE, {})
    assert t._("(Shortened here to fit one message: /export has the whole text.)") in check(text)
    check(grievance_texts.status(t, grievance, "ABCD-EFGH", CATALOGUE))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agenda_of_long_grievances_is_sent_in_parts_that_parse(language: str) -> None:
    t = Catalogs().translator(language)
    items = [_grievance(worst(LONGEST_DESCRIPTION, i), worst(MAX_REPLY, i)) for i in range(3)]
    parts = split_message(grievance_desk_texts.agenda(t, items, CATALOGUE, {}))
    seen = "".join(check(p) for p in parts)
    for g in items:
        assert g.description.replace("\n", "") in seen.replace("\n", "")
    assert len(parse_html(parts[0])[0]) <= 4096


# -- statements: cards, moderation, results --------------------------------------------------

#: The longest statement PALABRE_STATEMENT_LIMIT allows, and the longest typed translation.
LONGEST_STATEMENT = 3500
LONGEST_TYPED = 1000


def _statement(sid: str, start: int = 0, translations: int = 0) -> Statement:
    return Statement(
        sid,
        ROUND.id,
        worst(LONGEST_STATEMENT, start),
        Role.POLICE,
        "ar",
        StatementStatus.APPROVED,
        {lang: worst(LONGEST_TYPED, i) for i, lang in enumerate(("en", "fr")[:translations])},
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_card_of_the_longest_statement_in_another_language_parses(language: str) -> None:
    t = Catalogs().translator(language)
    card = Card(ROUND, _statement("s1"), Progress(99, 100))
    text, _ = round_texts.vote_card(t, card, Role.COMMUNITY)
    assert card.statement is not None and card.statement.text in check(text)
    check(round_texts.voted_card(t, text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_moderation_card_keeps_the_statement_whole(language: str) -> None:
    t = Catalogs().translator(language)
    statement = _statement("s1", translations=2)
    text, _ = round_texts.moderation_card(t, statement, 1000, ("ar", "en", "fr"))
    shown = check(text)
    assert statement.text in shown
    assert t._("(Translations shortened here to fit one message.)") in shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_of_many_long_statements_are_sent_in_parts_that_parse(language: str) -> None:
    t = Catalogs().translator(language)
    tallies = {
        f"s{i}": {
            Role.COMMUNITY: Tally(9 - i % 3, 1 + i % 3, 0),
            Role.POLICE: Tally(i % 4, 6 - i % 4, 0),
            Role.OFFICIAL: Tally(3, 3, i % 2),
        }
        for i in range(12)
    }
    statements = {sid: _statement(sid, i) for i, sid in enumerate(tallies)}
    result = round_result(tallies, STAKEHOLDER_ROLES, 5, list(tallies))
    found = Outcome(ROUND, result, statements, 30)
    for text in (
        round_texts.results_for_facilitators(t, found, 5),
        round_texts.results_for_participants(t, found),
    ):
        parts = split_message(text)
        assert len(parts) > 1
        for part in parts:
            check(part)
