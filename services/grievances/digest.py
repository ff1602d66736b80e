"""/grievances: the facilitators' digest, counts by subject and place against the previous
week and month, with every small count suppressed (``flows.grievances.digest``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from flows.grievances.categories import Catalogue
from flows.grievances.digest import Digest, Period, build_digest, digest_periods
from flows.grievances.early_warning import RaisedAlert
from flows.grievances.records import Area
from services.grievances.areas import catalogue_of
from services.keys import keyed
from services.runtime import Runtime

#: The digest lists the early warnings of the last seven days.
ALERT_DAYS = 7


def _decoy(share: float, secret: bytes, dialogue_id: int, day: str, line: str) -> bool:
    """Whether ``line`` of the dialogue's digest of ``day`` takes a decoy step (``share`` of
    the lines, ``Settings.digest_decoys``, so that a count hidden because a difference was
    small cannot be told from one hidden by chance): drawn from the bot's secret, so it is the
    same all day and no reader of the digest can compute it."""
    draw = int(keyed(secret, "digest decoy", dialogue_id, day, line)[:8], 16) / 16**8
    return draw < share


@dataclass(frozen=True)
class DigestView:
    digest: Digest
    catalogue: Catalogue
    areas: list[Area]
    total: int
    #: Early warnings raised in the last seven days, newest first.
    alerts: list[RaisedAlert]
    dialogue_name: str = ""


async def digest(rt: Runtime, dialogue_id: int) -> DigestView:
    """Counts by category and area, this week and month against the previous, suppressed."""
    day = rt.today()
    periods = digest_periods(day)
    counts: dict[tuple[str, str, Period], int] = {}
    async with rt.db.read() as tx:
        dialogue = await tx.dialogues.get(dialogue_id)
        for period, span in periods.items():
            found = await tx.grievances.counts(dialogue_id, span.start, span.end)
            for (category, area), n in found.items():
                counts[(category, area, period)] = n
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id, retired=True)
        total = await tx.grievances.count(dialogue_id)
        alerts = await tx.grievance_alerts.since(dialogue_id, day - timedelta(days=ALERT_DAYS - 1))
    # The joint audit's integer search can take a while on a large digest: off the event loop,
    # so nobody's reply waits behind it.
    built = await asyncio.to_thread(
        partial(
            build_digest,
            counts,
            categories=catalogue.category_ids,
            areas=[a.id for a in areas if not a.retired] + [catalogue.unspecified_area.id],
            periods=periods,
            k=rt.settings.min_group_size,
            decoy=partial(
                _decoy, rt.settings.digest_decoys, rt.secret, dialogue_id, day.isoformat()
            ),
        )
    )
    name = dialogue.name if dialogue is not None else ""
    return DigestView(built, catalogue, areas, total, alerts, name)
