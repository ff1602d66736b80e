"""Grievance categories as data: the shipped file, validation errors, dialogue overrides."""

import copy

import pytest

from flows.grievances.categories import (
    DefinitionError,
    default_catalogue,
    parse_catalogue,
    parse_catalogue_text,
    with_custom_categories,
)
from flows.languages import SHIPPED_LANGUAGES

EXPECTED_IDS = (
    "police_conduct",
    "corruption",
    "theft",
    "violence",
    "gbv",
    "land",
    "justice_delays",
    "armed_threats",
    "other",
)


def _valid() -> dict:
    return {
        "spec_version": 1,
        "categories": [
            {"id": "theft", "label": {"en": "Theft", "fr": "Vol", "ar": "سرقة"}},
            {
                "id": "armed",
                "label": {"en": "Armed", "fr": "Armés", "ar": "مسلحون"},
                "urgent": True,
            },
        ],
        "when": [{"id": "now", "label": {"en": "Now", "fr": "Maintenant", "ar": "الآن"}}],
        "unspecified_area": {"id": "none", "label": {"en": "-", "fr": "-", "ar": "-"}},
    }


def test_the_shipped_categories() -> None:
    catalogue = default_catalogue()
    assert catalogue.category_ids == EXPECTED_IDS
    assert catalogue.urgent_ids == {"armed_threats"}
    assert catalogue.confidential_ids == {"gbv"}
    assert catalogue.when_ids == ("this_week", "this_month", "earlier")
    assert catalogue.unspecified_area.id == "unspecified"
    for choice in (*catalogue.categories, *catalogue.when, catalogue.unspecified_area):
        assert set(choice.labels) == set(SHIPPED_LANGUAGES)
        assert len(set(choice.labels.values())) == len(SHIPPED_LANGUAGES), choice.id
        assert any("\u0600" <= c <= "\u06ff" for c in choice.label("ar")), choice.id


def test_labels_by_language_fall_back_to_english() -> None:
    corruption = default_catalogue().category("corruption")
    assert corruption is not None
    assert corruption.label("fr") == "Corruption ou pots-de-vin"
    assert corruption.label("ar") == "الفساد أو الرشوة"
    assert corruption.label("pt") == "Corruption or bribery"
    assert default_catalogue().category("forged") is None


def test_the_shipped_file_says_its_translations_are_drafts() -> None:
    from importlib import resources

    text = resources.files("flows.definitions.grievances").joinpath("categories.toml")
    assert "DRAFT" in text.read_text(encoding="utf-8")


def test_a_valid_definition_parses() -> None:
    catalogue = parse_catalogue(_valid())
    assert catalogue.category_ids == ("theft", "armed")
    assert catalogue.urgent_ids == {"armed"}


def _broken(path: str, value: object) -> dict:
    data = copy.deepcopy(_valid())
    target = data
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is KeyError:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("spec_version", 2, "unknown spec_version 2"),
        ("spec_version", KeyError, "unknown spec_version None"),
        ("spec_version", True, "unknown spec_version True"),
        ("categories.1.id", "theft", "duplicate id"),
        ("categories.0.label.ar", KeyError, "missing or empty label in 'ar'"),
        ("categories.0.label.fr", "  ", "missing or empty label in 'fr'"),
        ("categories.0.label.de", "Diebstahl", "unknown languages ['de']"),
        ("categories.0.label", "Theft", "expected a label table"),
        ("categories.0.label.en", "x" * 65, "over 64 characters"),
        ("categories.0.id", "Theft", "must match"),
        ("categories.0.id", "a:b", "must match"),
        ("categories.0.id", KeyError, "must match"),
        ("categories.0.urgent", "yes", "urgent must be true or false"),
        ("categories.0.colour", "red", "unknown keys ['colour']"),
        ("categories", [], "expected a non-empty list"),
        ("categories", KeyError, "expected a non-empty list"),
        ("categories.0", "theft", "expected a table"),
        ("when.0.urgent", True, "unknown keys ['urgent']"),
        ("when.0.label.en", KeyError, "missing or empty label in 'en'"),
        ("unspecified_area", KeyError, "unspecified_area: missing table"),
    ],
)
def test_broken_definitions_say_what_is_wrong(path, value, message) -> None:
    with pytest.raises(DefinitionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_catalogue(_broken(path, value))


def test_invalid_toml_is_a_definition_error() -> None:
    with pytest.raises(DefinitionError, match="not valid TOML"):
        parse_catalogue_text("spec_version = ")


def test_a_single_table_instead_of_a_list_is_refused_clearly() -> None:
    text = 'spec_version = 1\n[categories]\nid = "theft"\n'
    with pytest.raises(DefinitionError, match="categories: expected a non-empty list"):
        parse_catalogue_text(text)
    with pytest.raises(DefinitionError, match="expected a table"):
        with_custom_categories(default_catalogue(), ["theft"])  # type: ignore[arg-type]


def test_a_dialogue_can_replace_the_categories() -> None:
    custom = {
        "spec_version": 1,
        "categories": [
            {"id": "cattle_theft", "label": {"en": "Cattle theft", "fr": "Vol de bétail",
                                             "ar": "سرقة المواشي"}},
            {"id": "kidnapping", "label": {"en": "Kidnapping", "fr": "Enlèvement",
                                           "ar": "الاختطاف"}, "urgent": True},
        ],
    }  # fmt: skip
    catalogue = with_custom_categories(default_catalogue(), custom)
    assert catalogue.category_ids == ("cattle_theft", "kidnapping")
    assert catalogue.urgent_ids == {"kidnapping"}
    assert catalogue.when == default_catalogue().when
    assert default_catalogue().category_ids == EXPECTED_IDS  # the defaults are untouched


def test_custom_categories_are_validated_too() -> None:
    with pytest.raises(DefinitionError, match="unknown spec_version"):
        with_custom_categories(default_catalogue(), {"categories": []})
    with pytest.raises(DefinitionError, match="missing or empty label in 'ar'"):
        with_custom_categories(
            default_catalogue(),
            {"spec_version": 1, "categories": [{"id": "x", "label": {"en": "X", "fr": "X"}}]},
        )
