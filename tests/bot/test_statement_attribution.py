"""What readers and facilitators read of a statement's author: only its attribution."""

from __future__ import annotations

from bot.i18n import Catalogs
from bot.round_texts import author, moderation_card, quote, said
from flows.roles import Role
from flows.rounds.statements import Statement

T = Catalogs().translator("en")
HIDDEN = Statement("s", "r", "نص", None, "ar", language_named=False)
NAMED = Statement("s", "r", "نص", Role.POLICE, "ar")


def test_a_statement_whose_group_is_hidden_is_a_participant_for_every_reader() -> None:
    for reader in (Role.POLICE, Role.COMMUNITY, None):
        assert said(T, HIDDEN, reader) == "A participant said:"
    assert author(T, HIDDEN) == "A participant said"
    assert said(T, NAMED, Role.POLICE) == "Someone from your own group said:"
    assert said(T, NAMED, Role.COMMUNITY) == "A police officer said:"
    assert author(T, NAMED) == "A police officer said"


def test_a_language_few_write_in_is_not_named() -> None:
    assert quote(T, HIDDEN).endswith("\n(no translation yet)")
    assert "Arabic" not in quote(T, HIDDEN)
    assert "(written in Arabic; no translation yet)" in quote(T, NAMED)


def test_the_moderation_card_says_what_voters_will_read_and_suggests_a_translation() -> None:
    hidden, _ = moderation_card(T, HIDDEN, 1, ("en", "fr", "ar"))
    assert "From: a participant." in hidden and "translated" in hidden
    assert "police" not in hidden.lower() and "Arabic" not in hidden.split("\n\n")[0]
    named, _ = moderation_card(T, NAMED, 1, ("en", "fr", "ar"))
    assert "written in Arabic." in named and "translated" not in named
    group_only = Statement("s", "r", "نص", None, "ar")
    text, _ = moderation_card(T, group_only, 1, ("en", "fr", "ar"))
    assert "From: a participant, written in Arabic." in text
