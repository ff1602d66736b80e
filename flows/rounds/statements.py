"""Statements: validation, moderation, and which text a reader sees."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from flows.roles import Role


class StatementStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class TooLong:
    limit: int
    length: int


@dataclass(frozen=True)
class Empty:
    pass


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


def clean(text: str, limit: int) -> str | TooLong | Empty:
    """The statement as stored, or why it is refused whole (nothing is half-saved)."""
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
    """A facilitator's redaction (names, identifying details); it replaces the original."""
    return replace(statement, text=text)


def translate(statement: Statement, language: str, text: str) -> Statement:
    if language == statement.language:
        return statement
    return replace(statement, translations={**statement.translations, language: text})


def visible_to_others(statement: Statement, moderation: bool) -> bool:
    """With moderation on, nothing reaches another participant before approval."""
    if moderation:
        return statement.status is StatementStatus.APPROVED
    return statement.status in {StatementStatus.PENDING, StatementStatus.APPROVED}
