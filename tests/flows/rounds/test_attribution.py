"""What a statement may say about its author: nothing that names fewer than k people."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.attribution import attribute, stands_out, writers
from flows.rounds.statements import Statement

K = 5


def _statement(role: Role | None = Role.POLICE, language: str = "ar") -> Statement:
    return Statement("s", "r", "text", role, language)


def test_one_arabic_speaking_officer_among_french_speaking_ones_is_not_named() -> None:
    crowd = writers([(Role.POLICE, "fr")] * 8 + [(Role.POLICE, "ar")])
    decided = attribute(_statement(), crowd, K)
    assert decided.author_role is None
    assert decided.language_named is False
    assert stands_out(decided)


def test_a_group_is_shown_when_k_share_it_and_the_language() -> None:
    crowd = writers([(Role.POLICE, "ar")] * K + [(Role.COMMUNITY, "fr")])
    decided = attribute(_statement(), crowd, K)
    assert decided == _statement()
    assert not stands_out(decided)


def test_a_language_many_write_in_is_named_though_the_group_is_not() -> None:
    """Five Arabic speakers, one of them a police officer: "written in Arabic" names five
    people, "a police officer" in Arabic would name one."""
    crowd = writers([(Role.COMMUNITY, "ar")] * (K - 1) + [(Role.POLICE, "ar")])
    decided = attribute(_statement(), crowd, K)
    assert decided.author_role is None
    assert decided.language_named is True


def test_a_group_shared_by_k_across_languages_is_not_enough() -> None:
    crowd = writers([(Role.POLICE, "fr")] * K + [(Role.POLICE, "ar")] * (K - 1))
    assert attribute(_statement(), crowd, K).author_role is None
    crowd = writers([(Role.POLICE, "fr")] * K + [(Role.POLICE, "ar")] * K)
    assert attribute(_statement(), crowd, K).author_role is Role.POLICE


def test_what_was_hidden_stays_hidden_however_many_join_later() -> None:
    hidden = Statement("s", "r", "text", None, "ar", language_named=False)
    crowd = writers([(Role.POLICE, "ar")] * 50)
    assert attribute(hidden, crowd, K) == hidden


@given(
    st.lists(st.tuples(st.sampled_from(STAKEHOLDER_ROLES), st.sampled_from(["en", "fr", "ar"]))),
    st.sampled_from(STAKEHOLDER_ROLES),
    st.sampled_from(["en", "fr", "ar"]),
    st.integers(min_value=1, max_value=8),
)
def test_every_shown_attribute_names_at_least_k_people(
    people: list[tuple[Role, str]], role: Role, language: str, k: int
) -> None:
    decided = attribute(_statement(role, language), writers(people), k)
    if decided.author_role is not None:
        assert sum(1 for p in people if p == (role, language)) >= k
    if decided.language_named:
        assert sum(1 for _r, lang in people if lang == language) >= k
    assert attribute(decided, writers(people), k) == decided  # deciding again changes nothing
