"""The places a dialogue offers in /grievance: names the facilitators type, a short list.

Places are names everyone knows (a village, a market), never an address or a GPS position, and
few: a long list makes every place's counts small, and small counts can point at someone.
A place removed keeps its id and name, so grievances filed under it still read right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from flows.grievances.categories import Catalogue
from flows.grievances.records import Area

MAX_AREA_NAME = 48
MAX_AREAS = 30


class AreasRefusal(StrEnum):
    TOO_MANY = "too_many"  # the places would be more than MAX_AREAS


def clean_area_names(text: str) -> list[str]:
    """Area names typed by a facilitator, one per line (or separated by commas).

    Whitespace is collapsed, empty entries and repeats dropped, names cut at
    :data:`MAX_AREA_NAME` characters.
    """
    names: list[str] = []
    for raw in re.split(r"[\n,;]", text):
        name = " ".join(raw.split())[:MAX_AREA_NAME].strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def areas_to_add(active: Sequence[Area], text: str) -> list[str] | AreasRefusal:
    """The names to add from what a facilitator typed, next to the ``active`` places; refused,
    adding nothing, when that would make more than :data:`MAX_AREAS`."""
    names = clean_area_names(text)
    known = {a.name.casefold() for a in active}
    if len(known | {n.casefold() for n in names}) > MAX_AREAS:
        return AreasRefusal.TOO_MANY
    return names


def area_names(catalogue: Catalogue, areas: Sequence[Area], language: str) -> dict[str, str]:
    """Area id → what to show in ``language``, the "not saying" choice included."""
    names = {a.id: a.name for a in areas}
    names[catalogue.unspecified_area.id] = catalogue.unspecified_area.label(language)
    return names
