"""Statements: validation, moderation, and which text a reader sees.

A statement is stored with its author's role and language only: no name, no account, so a
published statement can be quoted as "a police officer said" and nothing more. Input longer
than the round's limit is refused whole, never cut: a truncated statement can say something its
author did not mean, and the author is told the limit and their length to shorten it themselves.

Moderation is a facilitator's approve / reject / edit (redact a name, an address) / translate.
Each decision is a pure function from one ``Statement`` to the next; :func:`moderate` adds the
checks an edge needs when the decision comes from a button or a typed reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from flows.languages import SHIPPED_LANGUAGES
from flows.roles import Role


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
class Empty:
    """Nothing but white space."""


@dataclass(frozen=True)
class Statement:
    id: str
    round_id: str
    text: str
    author_role: Role
    language: str
    status: StatementStatus = StatementStatus.PENDING
    translations: dict[str, str] = field(default_factory=dict)

    def for_reader(self, language: str) -> tuple[str, str | None]:
        """(text, None) in the reader's language, or (original, its language) to mark it."""
        if language == self.language:
            return self.text, None
        if language in self.translations:
            return self.translations[language], None
        return self.text, self.language


@dataclass(frozen=True)
class ReaderText:
    """The text a reader sees and, when it is the untranslated original, its language."""

    text: str
    original_language: str | None  # None: the text is in the reader's language

    def marked(self) -> str:
        """Plain rendering: ``[fr] texte`` for an untranslated original, else the text."""
        if self.original_language is None:
            return self.text
        return f"[{self.original_language}] {self.text}"


def reader_text(statement: Statement, language: str) -> ReaderText:
    """The reader's language (original or translation) if there is one, else the marked original."""
    text, original = statement.for_reader(language)
    return ReaderText(text, original)


def clean(text: str, limit: int) -> str | TooLong | Empty:
    """The statement as stored, or why it is refused whole (nothing is half-saved).

    Each line is trimmed and the whole is trimmed; inner spacing and line breaks are kept, and
    the limit counts the cleaned text (what would be stored and shown).
    """
    cleaned = "\n".join(line.strip() for line in text.strip().splitlines()).strip()
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


def visible_to_others(statement: Statement, moderation: bool) -> bool:
    """With moderation on, nothing reaches another participant before approval."""
    if moderation:
        return statement.status is StatementStatus.APPROVED
    return statement.status in {StatementStatus.PENDING, StatementStatus.APPROVED}


# -- moderation decisions, checked -----------------------------------------------------------


@dataclass(frozen=True)
class Approve:
    pass


@dataclass(frozen=True)
class Reject:
    pass


@dataclass(frozen=True)
class Edit:
    text: str


@dataclass(frozen=True)
class Translate:
    language: str
    text: str


Decision = Approve | Reject | Edit | Translate


class ModerationRefusal(StrEnum):
    WITHDRAWN = "withdrawn"  # the author took it back: nobody may publish it
    UNKNOWN_LANGUAGE = "unknown_language"
    SAME_LANGUAGE = "same_language"  # a "translation" into the statement's own language


#: A translation may run longer than its original (French is often a fifth longer than
#: English); it is held to this multiple of the round's limit.
TRANSLATION_ALLOWANCE = 2


def moderate(
    statement: Statement,
    decision: Decision,
    limit: int,
    languages: tuple[str, ...] = SHIPPED_LANGUAGES,
) -> Statement | ModerationRefusal | TooLong | Empty:
    """Apply a facilitator's decision, or say why it cannot be applied.

    Edited text is cleaned and held to the round's ``limit`` like a participant's; a withdrawn
    statement cannot be approved, edited or translated (only rejected, which changes nothing
    anyone sees). Approving a rejected statement is allowed: facilitators change their minds.
    """
    if statement.status is StatementStatus.WITHDRAWN and not isinstance(decision, Reject):
        return ModerationRefusal.WITHDRAWN
    match decision:
        case Approve():
            return approve(statement)
        case Reject():
            if statement.status is StatementStatus.WITHDRAWN:
                return statement
            return reject(statement)
        case Edit(text):
            cleaned = clean(text, limit)
            return cleaned if isinstance(cleaned, TooLong | Empty) else edit(statement, cleaned)
        case Translate(language, text):
            if language not in languages:
                return ModerationRefusal.UNKNOWN_LANGUAGE
            if language == statement.language:
                return ModerationRefusal.SAME_LANGUAGE
            cleaned = clean(text, limit * TRANSLATION_ALLOWANCE)
            if isinstance(cleaned, TooLong | Empty):
                return cleaned
            return translate(statement, language, cleaned)
