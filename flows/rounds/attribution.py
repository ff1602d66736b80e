"""What a statement may say about its author: nothing that names fewer than k people.

A statement is read as "A police officer said: …" and, when nobody translated it, marked with
the language it was written in. Each of these narrows who could have written it, and together
they can name the author: in a dialogue with one Arabic-speaking police officer, "a police
officer said", in Arabic, is that officer. So each attribute is shown only when at least k
people (``PALABRE_MIN_GROUP_SIZE``) share what it says:

- the author's **group** only when at least k members of the dialogue have that role *and*
  write in the statement's language (the original is shown to readers of that language, so its
  language is always known to some readers, and the group must not narrow it below k);
  otherwise the statement is "A participant said: …", for every reader (the reader's own
  group's "Someone from your own group said" would give the group away too);
- the **original language** ("written in Arabic; no translation yet") only when at least k
  members write in it; otherwise the mark says only "(no translation yet)".

Who counts: the people who could have written it, the members of the dialogue whose role the
round asks (active or not), by the role and language they have now. Nothing else: no count
comes from the link to the author, so this decision learns nothing the author link does not
already allow. The decision is taken when collecting ends (the moment the author link is
dropped), and checked again when voting opens (the moment the statement is published), with
that moment's members; each check may only take an attribute away, never give it back, since
what was once hidden was not stored. What is stored on the statement is the decision alone: a
role (absent when hidden) and whether its language may be named.

Moderation cards (facilitators) follow the same rule, decided with the members of the moment
while the round still collects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from flows.roles import Role
from flows.rounds.statements import Statement


@dataclass(frozen=True)
class Writers:
    """How many of the people who could have written a round's statements share each role and
    language: the crowd an author must be able to hide in."""

    counts: Counter[tuple[Role, str]]

    def with_role(self, role: Role, language: str) -> int:
        """How many have ``role`` and write in ``language``."""
        return self.counts[(role, language)]

    def in_language(self, language: str) -> int:
        """How many write in ``language``, whatever their role."""
        return sum(n for (_role, lang), n in self.counts.items() if lang == language)


def writers(people: Iterable[tuple[Role, str]]) -> Writers:
    """The crowd of ``people`` (each by role and language)."""
    return Writers(Counter(people))


def attribute(statement: Statement, crowd: Writers, k: int) -> Statement:
    """The statement with only the attributes that name at least ``k`` people: its group when
    ``k`` share its group and language, its language named when ``k`` write in it. An attribute
    already hidden stays hidden."""
    role = statement.author_role
    if role is not None and crowd.with_role(role, statement.language) < k:
        role = None
    named = statement.language_named and crowd.in_language(statement.language) >= k
    if role is statement.author_role and named == statement.language_named:
        return statement
    return replace(statement, author_role=role, language_named=named)


def stands_out(statement: Statement) -> bool:
    """Whether few enough people write in the statement's language that it is not named: a
    translation then keeps readers of other languages from seeing that it came from them."""
    return not statement.language_named
