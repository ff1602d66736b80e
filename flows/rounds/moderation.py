"""Moderation: a facilitator's decision on one statement, checked before it is applied.

A decision comes from a button or a typed reply, so it can be outdated or forged: a statement
withdrawn by its author cannot be published, a translation must be into another offered
language, an edit is held to the round's limit like a participant's text. Once voting starts
the voting order is fixed, so a statement can no longer be approved or rejected (it can still
be edited or translated, to remove a name that slipped through).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flows.languages import SHIPPED_LANGUAGES
from flows.rounds.lifecycle import Phase, Round
from flows.rounds.statements import (
    Empty,
    Statement,
    StatementStatus,
    TooLong,
    approve,
    clean,
    edit,
    reject,
    translate,
)

#: Phases in which statements wait for moderation (with moderation off too: a facilitator may
#: still reject a statement before it goes to the vote).
MODERATION_PHASES: frozenset[Phase] = frozenset({Phase.COLLECTING, Phase.MODERATING})
#: A typed edit or translation longer than this is asked for again rather than refused (the
#: round's own limit is then checked by :func:`moderate`).
MAX_TYPED = 1000


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
    UNKNOWN = "unknown"  # not a statement of the facilitator's dialogue
    ROUND_CLOSED = "round_closed"
    ORDER_FIXED = "order_fixed"  # approve or reject once voting has started


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


def moderate_in_round(
    r: Round,
    statement: Statement,
    decision: Decision,
    languages: tuple[str, ...] = SHIPPED_LANGUAGES,
) -> Statement | ModerationRefusal | TooLong | Empty:
    """:func:`moderate` for a statement of round ``r``, with the round's limit, while the
    round is open and, once it votes, for edits and translations only."""
    if not r.is_open or statement.round_id != r.id:
        return ModerationRefusal.ROUND_CLOSED
    if r.phase is Phase.VOTING and isinstance(decision, Approve | Reject):
        return ModerationRefusal.ORDER_FIXED
    return moderate(statement, decision, r.settings.statement_limit, languages)
