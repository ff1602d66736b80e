"""Places and categories: what a dialogue offers in /grievance."""

from __future__ import annotations

import pytest

from flows.grievances.areas import MAX_AREAS
from flows.grievances.categories import DefinitionError, default_catalogue
from services import grievances
from services.grievances import AreasRefusal
from services.runtime import Runtime
from tests.services.grievances.conftest import Site

CUSTOM = """
spec_version = 1
[[categories]]
id = "water"
label = { en = "Water points", fr = "Points d'eau", ar = "نقاط المياه" }
urgent = true
"""


async def test_places_are_added_within_their_step_and_removed(rt: Runtime, site: Site) -> None:
    f, d = site.facilitator, site.dialogue_id
    await grievances.ask_areas(rt, f.id, d)
    async with rt.db.read() as tx:
        step = await tx.conversations.get(f.id)
    assert step is not None and step.flow == grievances.AREAS_FLOW
    too_many = "\n".join(f"Place {i}" for i in range(MAX_AREAS + 1))
    assert await grievances.add_areas(rt, f.id, d, too_many) is AreasRefusal.TOO_MANY
    assert await grievances.areas_of(rt, d) == []
    async with rt.db.read() as tx:
        assert await tx.conversations.get(f.id) is not None  # asked again
    added = await grievances.add_areas(rt, f.id, d, "Grand marché\nDan Goulbi")
    assert isinstance(added, list) and [a.name for a in added] == ["Grand marché", "Dan Goulbi"]
    async with rt.db.read() as tx:
        assert await tx.conversations.get(f.id) is None
    assert await grievances.retire_area(rt, d, added[0].id)
    assert not await grievances.retire_area(rt, d, added[0].id)
    assert [a.name for a in await grievances.areas_of(rt, d)] == ["Dan Goulbi"]
    catalogue, names = await grievances.labels(rt, d, "fr")
    assert names[added[0].id] == "Grand marché"  # retired places keep their name
    assert names[catalogue.unspecified_area.id] == catalogue.unspecified_area.label("fr")


async def test_a_dialogue_gets_its_own_categories_and_back_the_defaults(
    rt: Runtime, site: Site
) -> None:
    catalogue = await grievances.set_categories(rt.db, site.dialogue_id, CUSTOM)
    assert catalogue.category_ids == ("water",) and catalogue.urgent_ids == {"water"}
    labels, _names = await grievances.labels(rt, site.dialogue_id, "en")
    assert labels.category_ids == ("water",)
    with pytest.raises(DefinitionError):
        await grievances.set_categories(rt.db, site.dialogue_id, "spec_version = 2")
    with pytest.raises(DefinitionError):
        await grievances.set_categories(rt.db, site.dialogue_id + 1, CUSTOM)
    await grievances.set_categories(rt.db, site.dialogue_id, None)
    labels, _names = await grievances.labels(rt, site.dialogue_id, "en")
    assert labels == default_catalogue()
