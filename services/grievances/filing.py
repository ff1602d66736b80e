"""Filing a confirmed grievance, with its receipt code.

Filing writes the grievance and nothing else: a random key, the day only, and the receipt code
only as an HMAC under the key kept outside the database. The intake it ends and the daily count
it adds to live in memory (``services.grievances.intake``, ``limits``), so no commit in the
database's history, nor anything beside it, pairs the grievance with whoever filed it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.grievances import filing
from flows.grievances.filing import Accepted, NotFiled, Offered
from flows.grievances.intake_events import GrievanceDraft
from flows.grievances.receipts import RANDOM_BYTES, receipt_code, receipt_key
from services.grievances.areas import catalogue_of
from services.grievances.intake import forget_draft
from services.grievances.limits import count_one, filed_today
from services.runtime import Runtime

KEY_BYTES = 16  # a grievance's random key: 128 bits, as hex


@dataclass(frozen=True)
class Filed:
    """The receipt code to show, and how many more the person may file today."""

    code: str
    remaining: int


async def file(
    rt: Runtime, person_id: int, telegram_id: int, dialogue_id: int, draft: GrievanceDraft
) -> Filed | NotFiled:
    """Store a confirmed grievance and end the intake; or why not (the intake ends too).

    :attr:`NotFiled.LIMIT` when today's limit was reached meanwhile, :attr:`NotFiled.CHANGED`
    when the person left the dialogue or a choice is no longer offered.
    """
    day = rt.today()
    code = receipt_code(rt.random_bytes(RANDOM_BYTES))
    key = rt.random_bytes(KEY_BYTES).hex()
    stored_code = receipt_key(rt.secret, code)
    assert stored_code is not None  # a code just made is always valid
    async with rt.db.transaction() as tx:
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id)
        decided = filing.decide(
            draft,
            member=await tx.people.membership(person_id, dialogue_id) is not None,
            offered=Offered.by(catalogue, [a.id for a in areas]),
            filed_today=filed_today(rt, telegram_id),
            limit=rt.settings.grievances_per_day,
            key=key,
            dialogue_id=dialogue_id,
            day=day,
        )
        if isinstance(decided, Accepted):
            await tx.grievances.add(decided.grievance, stored_code)
    forget_draft(rt, person_id)
    if isinstance(decided, Accepted):
        count_one(rt, telegram_id)
    if isinstance(decided, NotFiled):
        return decided
    return Filed(code, decided.remaining)
