"""Statements: validation, the decisions on one, and which text a reader sees.

A statement is stored with its author's role and language only: no name, no account, so a
published statement can be quoted as "a police officer said" and nothing more; and once
collecting ends, with only as much of those as names at least k people
(:mod:`flows.rounds.attribution`): ``author_role`` None is "a participant", ``language_named``
False keeps its language from being named. Input longer
than the round's limit is refused whole, never cut: a truncated statement can say something its
author did not mean, and the author is told the limit and their length to shorten it themselves.

Moderation is a facilitator's approve / reject / edit (redact a name, an address) / translate.
Each decision is a pure function from one ``Statement`` to the next;
:mod:`flows.rounds.moderation` adds the checks a decision from a button or a typed reply needs.
An author may withdraw their statement while the round collects (:func:`withdraw`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from flows.roles import Role
from flows.rounds.lifecycle import Phase, Round
from flows.typed_text import one_line


class StatementStatus(StrEnum):
    """Persisted: never rename a value."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # by its author, before voting


@dataclass(frozen=True)
class TooLong:
    """Refused whole: ``length`` characters (after trimming) against the round's ``limit``."""

    limit: int
    length: int


@dataclass(frozen=True)
class CapReached:
    """The person has sent the most statements one person may send to a round."""

    cap: int


def may_add(already: int, cap: int) -> CapReached | None:
    """Whether someone who has ``already`` statements in the round may send one more: a cap per
    person keeps one voice from flooding everyone's deck (when moderation is off above all)."""
    return CapReached(cap) if already >= cap else None


@dataclass(frozen=True)
class Empty:
    """Nothing but white space."""


@dataclass(frozen=True)
class Statement:
    id: str
    round_id: str
    text: str
    author_role: Role | None  # None: the group is not shown (fewer than k would share it)
    language: str
    status: StatementStatus = StatementStatus.PENDING
    translations: dict[str, str] = field(default_factory=dict)
    #: Whether "written in {language}" may be said (at least k members write in it).
    language_named: bool = True

    def for_reader(self, language: str) -> tuple[str, str | None]:
        """(text, None) in the reader's language, or (original, its language) to mark it."""
        if language == self.language:
            return self.text, None
        if language in self.translations:
            return self.translations[language], None
        return self.text, self.language


def clean(text: str, limit: int) -> str | TooLong | Empty:
    """The statement as stored, or why it is refused whole (nothing is half-saved).

    A statement is kept on one line (:func:`flows.typed_text.one_line`): it is quoted inside
    Palabre's own lines («…» after "A police officer said:"), where a line break of its own
    could pass off a fake one. The limit counts the cleaned text (what would be stored and
    shown).
    """
    cleaned = one_line(text)
    if not cleaned:
        return Empty()
    if len(cleaned) > limit:
        return TooLong(limit, len(cleaned))
    return cleaned


def approve(statement: Statement) -> Statement:
    return replace(statement, status=StatementStatus.APPROVED)


def reject(statement: Statement) -> Statement:
    return replace(statement, status=StatementStatus.REJECTED)


def edit(statement: Statement, text: str) -> Statement:
    """A facilitator's redaction (names, identifying details); it replaces the original.

    Translations were made from the unredacted text and may carry what was removed, so they
    go too; readers of other languages see the redacted original until it is translated again.
    """
    return replace(statement, text=text, translations={})


def translate(statement: Statement, language: str, text: str) -> Statement:
    """Add (or replace) the translation into ``language``; the original is never overwritten."""
    if language == statement.language:
        return statement
    return replace(statement, translations={**statement.translations, language: text})


def withdraw(statement: Statement, r: Round, *, by_author: bool) -> Statement | None:
    """The statement taken back by its author; None when that is not allowed: only the author,
    and only while ``r`` (its round) collects, since only then does the link to them exist."""
    if not by_author or r.phase is not Phase.COLLECTING or statement.round_id != r.id:
        return None
    return replace(statement, status=StatementStatus.WITHDRAWN)


def visible_to_others(statement: Statement, moderation: bool) -> bool:
    """With moderation on, nothing reaches another participant before approval (with it off,
    what was written goes to the vote unless it was rejected or withdrawn)."""
    if moderation:
        return statement.status is StatementStatus.APPROVED
    return statement.status in {StatementStatus.PENDING, StatementStatus.APPROVED}
