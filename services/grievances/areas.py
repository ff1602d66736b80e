"""What a dialogue offers in /grievance: its categories (its own list or the shipped one) and
the places its facilitators name with /areas."""

from __future__ import annotations

import tomllib

from flows.conversations import Conversation
from flows.grievances.areas import AreasRefusal, area_names, areas_to_add
from flows.grievances.categories import (
    Catalogue,
    DefinitionError,
    default_catalogue,
    with_custom_categories,
)
from flows.grievances.records import Area
from services import conversations
from services.runtime import Runtime
from storage import Database
from storage.repositories import Transaction

#: The step of a facilitator typing the names of places.
AREAS_FLOW = "grievance_areas"


async def catalogue_of(tx: Transaction, dialogue_id: int) -> Catalogue:
    """The dialogue's categories: its own list if it has one, else the shipped defaults."""
    base = default_catalogue()
    custom = await tx.grievance_areas.categories(dialogue_id)
    if custom is None:
        return base
    try:
        return with_custom_categories(base, tomllib.loads(custom))
    except (DefinitionError, tomllib.TOMLDecodeError):
        return base  # validated when saved; a later Palabre may read it differently


def parse_categories(text: str) -> Catalogue:
    """Validate a dialogue's own category list (raises DefinitionError with what is wrong)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"not valid TOML: {exc}") from None
    return with_custom_categories(default_catalogue(), data)


async def set_categories(db: Database, dialogue_id: int, text: str | None) -> Catalogue:
    """Give a dialogue its own categories (TOML text), or back the defaults with None."""
    catalogue = parse_categories(text) if text is not None else default_catalogue()
    async with db.transaction() as tx:
        if await tx.dialogues.get(dialogue_id) is None:
            raise DefinitionError(f"there is no dialogue {dialogue_id}")
        await tx.grievance_areas.set_categories(dialogue_id, text)
    return catalogue


async def labels(rt: Runtime, dialogue_id: int, language: str) -> tuple[Catalogue, dict[str, str]]:
    """The dialogue's categories and what to show for each area id (retired ones too)."""
    async with rt.db.read() as tx:
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id, retired=True)
    return catalogue, area_names(catalogue, areas, language)


async def areas_of(rt: Runtime, dialogue_id: int, *, retired: bool = False) -> list[Area]:
    async with rt.db.read() as tx:
        return await tx.grievance_areas.of_dialogue(dialogue_id, retired=retired)


async def ask_areas(rt: Runtime, person_id: int, dialogue_id: int) -> None:
    """The facilitator's next message names places to add (see :func:`add_areas`)."""
    async with rt.db.transaction() as tx:
        await conversations.switch_to(
            rt, tx, person_id, Conversation(AREAS_FLOW, "names", {"dialogue": dialogue_id})
        )


async def add_areas(
    rt: Runtime, person_id: int, dialogue_id: int, text: str
) -> list[Area] | AreasRefusal:
    """Add the places typed (one per line) and end the step; refused, adding nothing and
    staying in the step, when that would make too many."""
    async with rt.db.transaction() as tx:
        names = areas_to_add(await tx.grievance_areas.of_dialogue(dialogue_id), text)
        if isinstance(names, AreasRefusal):
            return names
        added = await tx.grievance_areas.add(dialogue_id, names) if names else []
        await tx.conversations.clear_flow(person_id, AREAS_FLOW)
    return added


async def retire_area(rt: Runtime, dialogue_id: int, area_id: str) -> bool:
    """Stop offering a place (grievances filed under it keep its name); False if it was not
    offered."""
    async with rt.db.transaction() as tx:
        return await tx.grievance_areas.retire(dialogue_id, area_id)
