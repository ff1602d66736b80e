"""Whether a confirmed grievance may be filed now, and the record to store if so.

The intake checked every answer against the choices offered when it started; between then and
"Send it" the person may have left the dialogue, a facilitator may have removed a place or the
dialogue changed its categories, and the person may have reached today's limit in another
intake. So everything is checked again, authoritatively, in the transaction that stores the
grievance: first membership, then the choices, then the limit.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from flows.grievances.categories import Catalogue
from flows.grievances.intake_events import GrievanceDraft
from flows.grievances.limits import check_daily_limit
from flows.grievances.records import Grievance


class NotFiled(StrEnum):
    """Why nothing was filed (or no intake begun)."""

    LIMIT = "limit"  # today's limit is reached
    CHANGED = "changed"  # the person left the dialogue, or a choice is no longer offered


@dataclass(frozen=True, slots=True)
class Offered:
    """The choice ids a dialogue offers now."""

    categories: frozenset[str]
    areas: frozenset[str]
    when: frozenset[str]

    @classmethod
    def by(cls, catalogue: Catalogue, areas: Collection[str]) -> Offered:
        """What a dialogue with ``catalogue`` and the facilitators' ``areas`` offers (the "not
        saying" place included)."""
        return cls(
            frozenset(catalogue.category_ids),
            frozenset(areas) | {catalogue.unspecified_area.id},
            frozenset(catalogue.when_ids),
        )

    def offers(self, draft: GrievanceDraft) -> bool:
        return (
            draft.category in self.categories
            and draft.area in self.areas
            and draft.when in self.when
        )


@dataclass(frozen=True, slots=True)
class Accepted:
    """File ``grievance``; ``remaining`` more may be filed today after it."""

    grievance: Grievance
    remaining: int


def decide(
    draft: GrievanceDraft,
    *,
    member: bool,
    offered: Offered,
    filed_today: int,
    limit: int,
    key: str,
    dialogue_id: int,
    day: date,
) -> Accepted | NotFiled:
    """Whether ``draft`` is filed as the grievance ``key`` of ``dialogue_id`` on ``day``.

    ``member``: the person is still in the dialogue; ``filed_today``: what their pseudonym of
    the day has filed so far.
    """
    if not member or not offered.offers(draft):
        return NotFiled.CHANGED
    decision = check_daily_limit(filed_today, limit)
    if not decision.allowed:
        return NotFiled.LIMIT
    grievance = Grievance(
        key, dialogue_id, day, draft.category, draft.area, draft.when, draft.description
    )
    return Accepted(grievance, decision.remaining)
