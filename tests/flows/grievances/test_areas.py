"""Places typed by facilitators: cleaned, few, and named in the reader's language."""

from __future__ import annotations

from flows.grievances.areas import (
    MAX_AREA_NAME,
    MAX_AREAS,
    AreasRefusal,
    area_names,
    areas_to_add,
    clean_area_names,
)
from flows.grievances.categories import default_catalogue
from flows.grievances.records import Area


def test_names_are_cleaned_and_repeats_dropped() -> None:
    typed = "  Grand   marché \n\nDan Goulbi, grand MARCHÉ; Route de Tahoua\n" + "x" * 60
    assert clean_area_names(typed) == [
        "Grand marché",
        "Dan Goulbi",
        "Route de Tahoua",
        "x" * MAX_AREA_NAME,
    ]


def test_no_more_than_the_maximum_counting_the_places_already_offered() -> None:
    active = [Area(f"a{i}", f"Place {i}") for i in range(MAX_AREAS - 1)]
    assert areas_to_add(active, "New one") == ["New one"]
    assert areas_to_add(active, "New one\nAnother") is AreasRefusal.TOO_MANY
    # A place already offered (in any case) does not count twice.
    assert areas_to_add(active, "PLACE 0\nNew one") == ["PLACE 0", "New one"]
    assert areas_to_add(active, "") == []


def test_area_names_include_not_saying_in_the_readers_language() -> None:
    catalogue = default_catalogue()
    names = area_names(catalogue, [Area("a1", "Grand marché", retired=True)], "fr")
    assert names == {
        "a1": "Grand marché",
        catalogue.unspecified_area.id: catalogue.unspecified_area.label("fr"),
    }
