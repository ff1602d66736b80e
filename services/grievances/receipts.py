"""/status CODE: a grievance followed by its receipt code, the only way back to it."""

from __future__ import annotations

from dataclasses import dataclass

from flows.grievances.categories import Catalogue
from flows.grievances.receipts import receipt_key
from flows.grievances.records import Grievance
from services.grievances.areas import catalogue_of
from services.runtime import Runtime


@dataclass(frozen=True)
class Followed:
    """A grievance as its receipt shows it, with its dialogue's categories to name it."""

    grievance: Grievance
    catalogue: Catalogue


async def by_receipt(rt: Runtime, code: str) -> Followed | None:
    """The grievance with receipt ``code`` (any spelling), or None."""
    key = receipt_key(rt.secret, code)
    if key is None:
        return None
    async with rt.db.read() as tx:
        found = await tx.grievances.by_receipt(key)
        if found is None:
            return None
        return Followed(found, await catalogue_of(tx, found.dialogue_id))
