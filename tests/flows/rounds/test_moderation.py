"""Moderation decisions: checked, then applied to one statement."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import Role
from flows.rounds.lifecycle import Phase, Round, RoundSettings
from flows.rounds.moderation import (
    MODERATION_PHASES,
    TRANSLATION_ALLOWANCE,
    Approve,
    Edit,
    ModerationRefusal,
    Reject,
    Translate,
    moderate,
    moderate_in_round,
)
from flows.rounds.statements import (
    Empty,
    Statement,
    StatementStatus,
    TooLong,
    approve,
    edit,
    reject,
)


def _statement(**changes: object) -> Statement:
    values: dict[str, object] = {
        "id": "s1",
        "round_id": "r1",
        "text": "Street lights on Market Road are broken.",
        "author_role": Role.COMMUNITY,
        "language": "en",
    }
    values.update(changes)
    return Statement(**values)  # type: ignore[arg-type]


# -- moderate -----------------------------------------------------------------------------------

LIMIT = 20


def test_moderate_approve_and_reject() -> None:
    s = _statement()
    assert moderate(s, Approve(), LIMIT) == approve(s)
    assert moderate(s, Reject(), LIMIT) == reject(s)
    # facilitators change their minds
    assert moderate(reject(s), Approve(), LIMIT) == approve(s)


def test_moderate_edit_is_cleaned_and_held_to_the_limit() -> None:
    s = _statement(translations={"fr": "Les lampadaires…"})
    edited = moderate(s, Edit("  Lights broken.  "), LIMIT)
    assert isinstance(edited, Statement)
    assert edited.text == "Lights broken."
    assert edited.translations == {}
    assert moderate(s, Edit("x" * LIMIT), LIMIT) == edit(s, "x" * LIMIT)
    assert moderate(s, Edit("x" * (LIMIT + 1)), LIMIT) == TooLong(LIMIT, LIMIT + 1)
    assert moderate(s, Edit(" \n "), LIMIT) == Empty()


def test_moderate_translate() -> None:
    s = _statement(language="en")
    done = moderate(s, Translate("ar", "  الأضواء معطلة  "), LIMIT)
    assert isinstance(done, Statement)
    assert done.translations == {"ar": "الأضواء معطلة"}
    assert done.text == s.text
    assert moderate(s, Translate("es", "Luces rotas"), LIMIT) is ModerationRefusal.UNKNOWN_LANGUAGE
    assert moderate(s, Translate("en", "Other"), LIMIT) is ModerationRefusal.SAME_LANGUAGE
    assert moderate(s, Translate("fr", "   "), LIMIT) == Empty()


def test_translation_may_run_longer_than_the_original_up_to_the_allowance() -> None:
    s = _statement()
    longest = "y" * (LIMIT * TRANSLATION_ALLOWANCE)
    assert isinstance(moderate(s, Translate("fr", longest), LIMIT), Statement)
    too_long = moderate(s, Translate("fr", longest + "y"), LIMIT)
    assert too_long == TooLong(LIMIT * TRANSLATION_ALLOWANCE, LIMIT * TRANSLATION_ALLOWANCE + 1)


def test_moderate_languages_can_be_restricted() -> None:
    s = _statement()
    refused = moderate(s, Translate("ar", "نص"), LIMIT, languages=("en", "fr"))
    assert refused is ModerationRefusal.UNKNOWN_LANGUAGE


@pytest.mark.parametrize("decision", [Approve(), Edit("new"), Translate("fr", "nouveau")])
def test_a_withdrawn_statement_cannot_be_published(decision: object) -> None:
    s = _statement(status=StatementStatus.WITHDRAWN)
    assert moderate(s, decision, LIMIT) is ModerationRefusal.WITHDRAWN  # type: ignore[arg-type]


def test_rejecting_a_withdrawn_statement_changes_nothing() -> None:
    s = _statement(status=StatementStatus.WITHDRAWN)
    assert moderate(s, Reject(), LIMIT) == s


decisions = st.one_of(
    st.just(Approve()),
    st.just(Reject()),
    st.builds(Edit, st.text(max_size=30)),
    st.builds(Translate, st.sampled_from(["en", "fr", "ar", "es"]), st.text(max_size=50)),
)


@given(
    status=st.sampled_from(list(StatementStatus)),
    language=st.sampled_from(["en", "fr", "ar"]),
    steps=st.lists(decisions, max_size=6),
)
def test_moderation_never_changes_identity_role_or_language(
    status: StatementStatus, language: str, steps: list[object]
) -> None:
    s = _statement(status=status, language=language)
    for decision in steps:
        result = moderate(s, decision, LIMIT)  # type: ignore[arg-type]
        if not isinstance(result, Statement):
            continue
        assert (result.id, result.round_id, result.author_role, result.language) == (
            s.id,
            s.round_id,
            s.author_role,
            s.language,
        )
        assert len(result.text) <= max(LIMIT, len(s.text))
        assert result.language not in result.translations
        if s.status is StatementStatus.WITHDRAWN:
            assert result.status is StatementStatus.WITHDRAWN
        s = result


# -- in a round -----------------------------------------------------------------------------


def _round(phase: Phase, limit: int = LIMIT) -> Round:
    start = datetime(2026, 11, 21, tzinfo=UTC)
    return Round("r1", 1, phase, start, RoundSettings(statement_limit=limit))


@pytest.mark.parametrize("phase", sorted(MODERATION_PHASES))
def test_in_a_round_that_collects_or_moderates_every_decision_applies(phase: Phase) -> None:
    s, r = _statement(), _round(phase)
    assert moderate_in_round(r, s, Approve()) == approve(s)
    assert moderate_in_round(r, s, Reject()) == reject(s)
    assert moderate_in_round(r, s, Edit("x" * (LIMIT + 1))) == TooLong(LIMIT, LIMIT + 1)


def test_once_voting_starts_only_edits_and_translations_apply() -> None:
    s, r = _statement(status=StatementStatus.APPROVED), _round(Phase.VOTING)
    assert moderate_in_round(r, s, Approve()) is ModerationRefusal.ORDER_FIXED
    assert moderate_in_round(r, s, Reject()) is ModerationRefusal.ORDER_FIXED
    assert moderate_in_round(r, s, Edit("Redacted")) == edit(s, "Redacted")
    done = moderate_in_round(r, s, Translate("fr", "Caviardé"))
    assert isinstance(done, Statement) and done.translations == {"fr": "Caviardé"}


@pytest.mark.parametrize("decision", [Approve(), Reject(), Edit("new"), Translate("fr", "n")])
def test_nothing_applies_once_the_round_is_closed(decision: object) -> None:
    result = moderate_in_round(_round(Phase.CLOSED), _statement(), decision)  # type: ignore[arg-type]
    assert result is ModerationRefusal.ROUND_CLOSED


def test_a_statement_of_another_round_is_refused() -> None:
    other = _statement(round_id="r2")
    assert moderate_in_round(_round(Phase.COLLECTING), other, Approve()) is (
        ModerationRefusal.ROUND_CLOSED
    )


def test_the_statement_limit_is_the_rounds() -> None:
    s, r = _statement(), _round(Phase.COLLECTING, limit=5)
    assert moderate_in_round(r, s, Edit("abcdef")) == TooLong(5, 6)
