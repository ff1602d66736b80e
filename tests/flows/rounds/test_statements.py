"""Statements: cleaning, moderation, which text a reader sees, and who may see it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.roles import Role
from flows.rounds.lifecycle import DEFAULT_STATEMENT_LIMIT, Phase, Round, RoundSettings
from flows.rounds.statements import (
    CapReached,
    Empty,
    Statement,
    StatementStatus,
    TooLong,
    approve,
    clean,
    edit,
    may_add,
    reject,
    translate,
    visible_to_others,
    withdraw,
)
from flows.typed_text import one_line


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


# -- clean --------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 10, DEFAULT_STATEMENT_LIMIT])
def test_clean_accepts_exactly_the_limit(limit: int) -> None:
    text = "a" * limit
    assert clean(text, limit) == text


@pytest.mark.parametrize("limit", [1, 10, DEFAULT_STATEMENT_LIMIT])
def test_clean_refuses_limit_plus_one_with_limit_and_length(limit: int) -> None:
    result = clean("a" * (limit + 1), limit)
    assert result == TooLong(limit=limit, length=limit + 1)
    assert isinstance(result, TooLong)
    assert result.limit == limit and result.length == limit + 1


def test_clean_reports_the_real_length_of_a_much_longer_text() -> None:
    assert clean("b" * 1234, 500) == TooLong(500, 1234)


def test_clean_counts_length_after_trimming() -> None:
    assert clean("   " + "a" * 10 + " \n\n  ", 10) == "a" * 10
    assert clean("  " + "a" * 11 + "  ", 10) == TooLong(10, 11)


def test_clean_keeps_a_statement_on_one_line() -> None:
    assert clean("aaaa \n  bbbbb", 10) == "aaaa bbbbb"
    assert clean("aaaaa \n  bbbbb", 10) == TooLong(10, 11)
    faked = clean("Fine.»\n\nA police officer said: «we lie", 500)
    assert faked == "Fine.» A police officer said: «we lie"


def test_clean_drops_overrides_and_controls() -> None:
    assert clean("\u202eeurt si siht\u202c\x00\u200b", 500) == "eurt si siht"


@pytest.mark.parametrize("blank", ["", " ", "\n", "\t \n  \r\n ", "\u00a0\u2003", "\n\n\n"])
def test_clean_refuses_whitespace_only(blank: str) -> None:
    assert clean(blank, 500) == Empty()
    assert isinstance(clean(blank, 500), Empty)


def test_clean_strips_every_line() -> None:
    text = "  The market   \n\t  is unsafe at night  \n   after 8 pm\t"
    assert clean(text, 500) == "The market is unsafe at night after 8 pm"


def test_clean_keeps_unicode_and_folds_runs_of_spaces() -> None:
    assert clean("  Le  marché  ", 500) == "Le marché"
    assert clean("\n  السوق غير آمن ليلاً  \n", 500) == "السوق غير آمن ليلاً"


def test_clean_normalises_windows_line_endings() -> None:
    assert clean("one\r\ntwo\r\n", 500) == "one two"


@given(st.text(max_size=80), st.integers(min_value=1, max_value=60))
def test_clean_result_is_trimmed_bounded_and_stable(text: str, limit: int) -> None:
    result = clean(text, limit)
    if isinstance(result, str):
        assert result
        assert len(result) <= limit
        assert all(line == line.strip() for line in result.split("\n"))
        assert clean(result, limit) == result
    elif isinstance(result, TooLong):
        assert result.limit == limit
        assert result.length > limit
    else:
        assert result == Empty()
        assert not one_line(text)  # nothing visible: only spaces, controls, invisible marks


# -- moderation ---------------------------------------------------------------------------------


def test_new_statements_are_pending() -> None:
    assert _statement().status is StatementStatus.PENDING


@pytest.mark.parametrize("status", list(StatementStatus))
def test_approve_and_reject_change_only_the_status(status: StatementStatus) -> None:
    original = _statement(status=status, translations={"fr": "Les lampadaires…"})
    approved, rejected = approve(original), reject(original)
    assert approved.status is StatementStatus.APPROVED
    assert rejected.status is StatementStatus.REJECTED
    for changed in (approved, rejected):
        assert changed.text == original.text
        assert changed.translations == original.translations
        assert (changed.id, changed.round_id, changed.author_role, changed.language) == (
            original.id,
            original.round_id,
            original.author_role,
            original.language,
        )
    assert original.status is status  # not mutated


def test_edit_replaces_the_text_and_keeps_the_rest() -> None:
    original = _statement(text="Officer Dupont at the Rue 5 post takes bribes.")
    edited = edit(original, "An officer at one post takes bribes.")
    assert edited.text == "An officer at one post takes bribes."
    assert edited.status is original.status
    assert edited.language == "en" and edited.author_role is Role.COMMUNITY
    assert original.text == "Officer Dupont at the Rue 5 post takes bribes."
    assert edited.for_reader("en") == ("An officer at one post takes bribes.", None)


def test_edit_does_not_leave_the_unredacted_text_in_a_translation() -> None:
    # A facilitator may add a translation and then edit the statement to remove a name
    # (/moderate offers both on the same pending statement). A reader in the translated
    # language must not be shown the name the redaction removed.
    original = _statement(text="Officer Dupont at the Rue 5 post takes bribes.")
    translated = translate(
        original, "fr", "L'agent Dupont du poste de la rue 5 prend des pots-de-vin."
    )
    redacted = edit(translated, "An officer at one post takes bribes.")
    shown, _ = redacted.for_reader("fr")
    assert "Dupont" not in shown


def test_translate_adds_a_translation_without_touching_the_original() -> None:
    original = _statement()
    translated = translate(original, "fr", "Les lampadaires sont cassés.")
    assert translated.translations == {"fr": "Les lampadaires sont cassés."}
    assert translated.text == original.text
    assert original.translations == {}


def test_translate_replaces_an_earlier_translation_and_keeps_others() -> None:
    s = translate(translate(_statement(), "fr", "v1"), "ar", "عربي")
    s = translate(s, "fr", "v2")
    assert s.translations == {"fr": "v2", "ar": "عربي"}


def test_translate_into_the_original_language_is_ignored() -> None:
    original = _statement()
    assert translate(original, "en", "Something else") == original
    assert translate(original, "en", "Something else").text == original.text


# -- for_reader ---------------------------------------------------------------------------------


def test_reader_in_the_original_language_sees_the_text_unmarked() -> None:
    s = _statement(language="fr", text="Texte original", translations={"en": "Original text"})
    assert s.for_reader("fr") == ("Texte original", None)


def test_reader_with_a_translation_sees_it_unmarked() -> None:
    s = _statement(language="fr", text="Texte original", translations={"en": "Original text"})
    assert s.for_reader("en") == ("Original text", None)


def test_reader_without_a_translation_sees_the_original_marked_with_its_language() -> None:
    s = _statement(language="fr", text="Texte original", translations={"en": "Original text"})
    assert s.for_reader("ar") == ("Texte original", "fr")


@given(
    original=st.sampled_from(["en", "fr", "ar"]),
    reader=st.sampled_from(["en", "fr", "ar"]),
    translated=st.sets(st.sampled_from(["en", "fr", "ar"])),
)
def test_for_reader_marks_exactly_the_untranslated_cases(
    original: str, reader: str, translated: set[str]
) -> None:
    s = _statement(language=original, text=f"text-{original}")
    for language in translated:
        s = translate(s, language, f"text-{language}")
    text, marked = s.for_reader(reader)
    if reader == original or reader in translated:
        assert (text, marked) == (f"text-{reader}", None)
    else:
        assert (text, marked) == (f"text-{original}", original)


# -- visibility ---------------------------------------------------------------------------------

VISIBLE = {
    (True, StatementStatus.PENDING): False,
    (True, StatementStatus.APPROVED): True,
    (True, StatementStatus.REJECTED): False,
    (True, StatementStatus.WITHDRAWN): False,
    (False, StatementStatus.PENDING): True,
    (False, StatementStatus.APPROVED): True,
    (False, StatementStatus.REJECTED): False,
    (False, StatementStatus.WITHDRAWN): False,
}


@pytest.mark.parametrize(("moderation", "status"), list(VISIBLE))
def test_visible_to_others(moderation: bool, status: StatementStatus) -> None:
    assert visible_to_others(_statement(status=status), moderation) is VISIBLE[(moderation, status)]


def test_visibility_table_covers_every_status() -> None:
    assert {status for _, status in VISIBLE} == set(StatementStatus)


# -- withdrawal ---------------------------------------------------------------------------------


def _round(phase: Phase) -> Round:
    return Round("r1", 1, phase, datetime(2026, 11, 21, tzinfo=UTC), RoundSettings())


def test_the_author_withdraws_while_the_round_collects() -> None:
    s = _statement()
    withdrawn = withdraw(s, _round(Phase.COLLECTING), by_author=True)
    assert withdrawn is not None and withdrawn.status is StatementStatus.WITHDRAWN
    assert (withdrawn.id, withdrawn.text) == (s.id, s.text)


@pytest.mark.parametrize("phase", [Phase.MODERATING, Phase.VOTING, Phase.CLOSED])
def test_nobody_withdraws_once_collecting_is_over(phase: Phase) -> None:
    assert withdraw(_statement(), _round(phase), by_author=True) is None


def test_only_the_author_withdraws() -> None:
    assert withdraw(_statement(), _round(Phase.COLLECTING), by_author=False) is None
    other_round = _statement(round_id="r2")
    assert withdraw(other_round, _round(Phase.COLLECTING), by_author=True) is None


def test_one_person_may_send_up_to_the_cap_and_no_more() -> None:
    assert may_add(0, 1) is None and may_add(9, 10) is None
    assert may_add(10, 10) == CapReached(10) and may_add(11, 10) == CapReached(10)
