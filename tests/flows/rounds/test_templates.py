"""Round templates: the shipped file, the loader's refusals, and which prompt a reader gets."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest

from flows.languages import SHIPPED_LANGUAGES
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.templates import (
    MAX_PROMPT,
    SPEC_VERSION,
    CustomPrompt,
    Prompt,
    Template,
    TemplateError,
    load_templates,
    parse_templates,
    templates,
)

ROLES = ("community", "police", "official")


def _shipped_text() -> str:
    return (
        resources.files("flows.definitions.rounds")
        .joinpath("templates.toml")
        .read_text(encoding="utf-8")
    )


def _texts(prefix: str, **override: str | None) -> str:
    """A language table `en/fr/ar`, each overridable (None drops the key)."""
    values: dict[str, str | None] = {lang: f"{prefix} {lang}" for lang in SHIPPED_LANGUAGES}
    values.update(override)
    return "\n".join(
        f"{lang} = {json.dumps(value)}" for lang, value in values.items() if value is not None
    )


def _template(
    template_id: str = "t1",
    roles: tuple[str, ...] = ROLES,
    title: str | None = None,
    prompt_override: dict[str, dict[str, str | None]] | None = None,
) -> str:
    override = prompt_override or {}
    parts = [
        "[[template]]",
        f"id = {json.dumps(template_id)}",
        "[template.title]",
        title or _texts("Title"),
    ]
    for role in roles:
        parts += [f"[template.prompt.{role}]", _texts(f"{role} asks", **override.get(role, {}))]
    return "\n".join(parts) + "\n"


def _file(*bodies: str, spec: object = SPEC_VERSION) -> str:
    return f"spec_version = {spec}\n" + "\n".join(bodies)


# -- the shipped file ---------------------------------------------------------------------------


def test_shipped_file_loads_with_at_least_six_templates() -> None:
    loaded = templates()
    assert len(loaded) >= 6
    assert all(isinstance(t, Template) for t in loaded.values())
    assert all(key == t.id for key, t in loaded.items())


def test_shipped_ids_are_unique_in_the_file_and_kept_in_file_order() -> None:
    raw = tomllib.loads(_shipped_text())
    assert raw["spec_version"] == SPEC_VERSION
    ids = [t["id"] for t in raw["template"]]
    assert len(ids) == len(set(ids))
    assert list(templates()) == ids


@pytest.mark.parametrize(
    "template_id", [t["id"] for t in tomllib.loads(_shipped_text())["template"]]
)
def test_every_shipped_template_has_every_role_and_language(template_id: str) -> None:
    template = templates()[template_id]
    assert set(template.prompts) == set(STAKEHOLDER_ROLES)
    for role in STAKEHOLDER_ROLES:
        for language in SHIPPED_LANGUAGES:
            text = template.prompt(role, language)
            assert isinstance(text, str)
            assert text.strip(), (template_id, role, language)
            assert len(text) <= MAX_PROMPT, (template_id, role, language, len(text))
    for language in SHIPPED_LANGUAGES:
        assert template.title[language].strip()
        assert len(template.title[language]) <= MAX_PROMPT


def test_shipped_prompts_differ_between_languages() -> None:
    # A copy-paste slip (English left in the French or Arabic slot) shows up as identical text.
    for template in templates().values():
        for role in STAKEHOLDER_ROLES:
            texts = [template.prompt(role, lang) for lang in SHIPPED_LANGUAGES]
            assert len(set(texts)) == len(texts), (template.id, role)


def test_readme_examples_are_worded_per_role() -> None:
    trust = templates()["trust"]
    assert "trust the police" in trust.prompt(Role.COMMUNITY, "en")
    assert "community trust you" in trust.prompt(Role.POLICE, "en")


def test_shipped_file_parses_the_same_through_parse_templates() -> None:
    assert parse_templates(_shipped_text()) == templates()


# -- a well-formed file -------------------------------------------------------------------------


def test_minimal_valid_file() -> None:
    loaded = parse_templates(_file(_template("a"), _template("b")))
    assert list(loaded) == ["a", "b"]
    assert loaded["a"].prompt(Role.POLICE, "fr") == "police asks fr"
    assert loaded["b"].title == {"en": "Title en", "fr": "Title fr", "ar": "Title ar"}


def test_prompt_of_exactly_max_length_is_accepted() -> None:
    text = "x" * MAX_PROMPT
    loaded = parse_templates(_file(_template(prompt_override={"police": {"ar": text}})))
    assert loaded["t1"].prompt(Role.POLICE, "ar") == text


def test_languages_argument_restricts_what_is_required() -> None:
    body = _template(prompt_override={"official": {"ar": None}})
    with pytest.raises(TemplateError):
        parse_templates(_file(body))
    assert "t1" in parse_templates(_file(body), languages=("en", "fr"))


def test_template_error_is_a_value_error() -> None:
    assert issubclass(TemplateError, ValueError)


# -- refusals -----------------------------------------------------------------------------------


def _refusal(text: str) -> str:
    with pytest.raises(TemplateError) as caught:
        parse_templates(text)
    return str(caught.value)


def test_invalid_toml_is_refused() -> None:
    message = _refusal("spec_version = 1\n[[template]\nid = 'x'\n")
    assert message.startswith("not valid TOML")


def test_invalid_toml_unclosed_string() -> None:
    assert "not valid TOML" in _refusal('spec_version = 1\n[[template]]\nid = "x\n')


@pytest.mark.parametrize("spec", [0, 2, -1, '"1"', '"v1"', "[1]"])
def test_wrong_spec_version_is_refused(spec: object) -> None:
    message = _refusal(_file(_template(), spec=spec))
    assert "spec_version" in message


def test_missing_spec_version_is_refused() -> None:
    message = _refusal(_template())
    assert message == "unknown spec_version None"


def test_duplicate_id_is_refused() -> None:
    message = _refusal(_file(_template("same"), _template("other"), _template("same")))
    assert message == "duplicate template id 'same'"


@pytest.mark.parametrize("missing", ROLES)
def test_missing_role_is_refused(missing: str) -> None:
    roles = tuple(r for r in ROLES if r != missing)
    message = _refusal(_file(_template("topic", roles=roles)))
    assert message == f"topic: no prompt for {missing}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_missing_language_is_refused(role: str, language: str) -> None:
    body = _template("topic", prompt_override={role: {language: None}})
    message = _refusal(_file(body))
    assert message == f"topic: {role} prompt: missing or empty {language!r}"


@pytest.mark.parametrize("empty", ["", "   ", "\n\t "])
def test_empty_text_is_refused(empty: str) -> None:
    body = _template("topic", prompt_override={"community": {"fr": empty}})
    message = _refusal(_file(body))
    assert message == "topic: community prompt: missing or empty 'fr'"


def test_non_string_text_is_refused() -> None:
    body = _template("topic").replace('en = "official asks en"', "en = 42")
    message = _refusal(_file(body))
    assert message == "topic: official prompt: missing or empty 'en'"


def test_too_long_text_is_refused() -> None:
    body = _template("topic", prompt_override={"police": {"en": "y" * (MAX_PROMPT + 1)}})
    message = _refusal(_file(body))
    assert message == f"topic: police prompt: 'en' longer than {MAX_PROMPT} characters"


def test_missing_or_empty_title_is_refused() -> None:
    assert _refusal(_file(_template("topic", title=_texts("T", ar="")))) == (
        "topic: title: missing or empty 'ar'"
    )
    no_title = _template("topic").replace("[template.title]\n" + _texts("Title") + "\n", "")
    assert _refusal(_file(no_title)) == "topic: title: missing or empty 'en'"


def test_prompt_that_is_not_a_table_is_refused() -> None:
    text = _file(
        '[[template]]\nid = "topic"\n[template.title]\n' + _texts("Title") + "\n"
        '[template.prompt]\npolice = "no table"\n'
        "[template.prompt.community]\n" + _texts("c") + "\n"
    )
    assert _refusal(text) == "topic: police prompt: expected a table of languages"


@pytest.mark.parametrize("template_id", ["", "id = 3"])
def test_template_without_a_usable_id_is_refused(template_id: str) -> None:
    body = _template("t1")
    body = body.replace('id = "t1"', template_id if template_id else "")
    assert _refusal(_file(body)) == "a template has no id"


def test_file_without_templates_is_refused() -> None:
    assert _refusal(_file()) == "no templates"


def test_single_table_instead_of_array_of_tables_is_refused_clearly() -> None:
    # `[template]` instead of `[[template]]` is an easy slip for someone editing the TOML
    # (the README invites deployers to add templates there); it must be a TemplateError.
    body = _template("topic").replace("[[template]]", "[template]")
    with pytest.raises(TemplateError):
        parse_templates(_file(body))


# -- Prompt -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", STAKEHOLDER_ROLES)
@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_template_prompt_in_the_readers_language(role: Role, language: str) -> None:
    for template_id, template in templates().items():
        text, text_language = Prompt(template_id=template_id).text_for(role, language)
        assert text == template.prompts[role][language]
        assert text_language == language


def test_template_prompt_is_worded_for_the_role() -> None:
    prompt = Prompt(template_id="pressing_problem")
    police, _ = prompt.text_for(Role.POLICE, "en")
    community, _ = prompt.text_for(Role.COMMUNITY, "en")
    assert police != community
    assert "police" in police


CUSTOM = (("fr", "Que faire au marché ?"), ("en", "What to do at the market?"))


def test_custom_prompt_in_the_readers_language_when_present() -> None:
    prompt = Prompt(custom=CUSTOM)
    assert prompt.text_for(Role.COMMUNITY, "fr") == ("Que faire au marché ?", "fr")
    assert prompt.text_for(Role.POLICE, "en") == ("What to do at the market?", "en")


@pytest.mark.parametrize("role", STAKEHOLDER_ROLES)
def test_custom_prompt_falls_back_to_the_original_with_its_language(role: Role) -> None:
    assert Prompt(custom=CUSTOM).text_for(role, "ar") == ("Que faire au marché ?", "fr")


def test_custom_prompt_original_is_the_first_even_if_english_exists() -> None:
    prompt = Prompt(custom=(("ar", "ما العمل؟"), ("en", "What to do?")))
    assert prompt.text_for(Role.OFFICIAL, "fr") == ("ما العمل؟", "ar")
    assert prompt.text_for(Role.OFFICIAL, "ar") == ("ما العمل؟", "ar")


def test_custom_prompt_is_the_same_for_every_role() -> None:
    prompt = Prompt(custom=CUSTOM)
    assert len({prompt.text_for(r, "en") for r in STAKEHOLDER_ROLES}) == 1


# -- loader -------------------------------------------------------------------------------------


def test_load_templates_is_cached_and_is_what_templates_returns() -> None:
    assert load_templates() is load_templates()
    assert templates() is load_templates()


def test_shipped_file_says_its_translations_are_drafts_for_native_review() -> None:
    header = _shipped_text().split("spec_version")[0].lower()
    assert "draft" in header and "native" in header


def test_shipped_ids_are_the_stable_ones_stored_rounds_refer_to() -> None:
    # Renaming or removing one would break every stored round that used it.
    assert {
        "pressing_problem",
        "trust",
        "obstacles",
        "next_month",
        "since_last_meeting",
        "next_agenda",
    } <= set(load_templates())


def test_trust_template_is_worded_for_each_side() -> None:
    trust = load_templates()["trust"]
    assert trust.prompt(Role.COMMUNITY, "fr") != trust.prompt(Role.POLICE, "fr")
    assert "police" in trust.prompt(Role.COMMUNITY, "fr")
    assert "الشرطة" in trust.prompt(Role.COMMUNITY, "ar")
    assert "officials" in trust.prompt(Role.OFFICIAL, "en")


def test_arabic_prompts_are_written_in_arabic_script() -> None:
    for template in load_templates().values():
        for role in STAKEHOLDER_ROLES:
            text = template.prompt(role, "ar")
            letters = [c for c in text if c.isalpha()]
            arabic = [c for c in letters if "\u0600" <= c <= "\u06ff"]
            assert len(arabic) == len(letters), (template.id, role)


def test_a_deliberately_broken_file_names_the_problem_and_the_place() -> None:
    broken = _file(_template("ok"), _template("bad", roles=("community", "official")))
    with pytest.raises(TemplateError, match=r"^bad: no prompt for police$"):
        parse_templates(broken)


def test_prompt_that_is_not_a_table_of_roles_is_refused() -> None:
    text = _file('[[template]]\nid = "topic"\nprompt = "what?"\n[template.title]\n' + _texts("T"))
    assert _refusal(text) == "topic: prompt: expected a table of roles"


# -- custom prompts -----------------------------------------------------------------------------


def test_custom_prompt_in_one_language_is_enough() -> None:
    prompt = CustomPrompt((("ar", "ما العمل؟"),))
    assert prompt.original_language == "ar"
    assert prompt.text_for("ar") == ("ما العمل؟", "ar")
    assert prompt.text_for("en") == ("ما العمل؟", "ar")


def test_custom_prompt_in_the_readers_language_or_the_original() -> None:
    prompt = CustomPrompt.of({"en": "What now?", "fr": "Et maintenant ?"}, original="fr")
    assert prompt.texts == (("fr", "Et maintenant ?"), ("en", "What now?"))
    assert prompt.text_for("en") == ("What now?", "en")
    assert prompt.text_for("ar") == ("Et maintenant ?", "fr")


def test_custom_prompt_of_keeps_the_first_key_as_original_and_trims() -> None:
    prompt = CustomPrompt.of({"en": "  What now?  ", "ar": "ماذا الآن؟"})
    assert prompt.texts == (("en", "What now?"), ("ar", "ماذا الآن؟"))


def test_custom_prompt_matches_what_a_stored_round_shows() -> None:
    custom = CustomPrompt.of({"fr": "Et maintenant ?", "en": "What now?"})
    stored = Prompt.of_custom(custom)
    assert stored == Prompt(custom=custom.texts)
    for role in STAKEHOLDER_ROLES:
        for language in SHIPPED_LANGUAGES:
            assert stored.text_for(role, language) == custom.text_for(language)


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ((), "custom prompt: needs a text in at least one language"),
        ((("es", "¿Qué?"),), "custom prompt: unknown language 'es'"),
        ((("en", "a"), ("en", "b")), "custom prompt: two texts for 'en'"),
        ((("fr", "  \n"),), "custom prompt: empty text for 'fr'"),
        ((("fr", ""),), "custom prompt: empty text for 'fr'"),
        (
            (("en", "ok"), ("ar", "x" * (MAX_PROMPT + 1))),
            f"custom prompt: 'ar' longer than {MAX_PROMPT} characters",
        ),
    ],
)
def test_custom_prompt_refusals(texts: tuple[tuple[str, str], ...], message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        CustomPrompt(texts)
    assert str(caught.value) == message


def test_custom_prompt_at_the_length_limit_is_accepted() -> None:
    assert CustomPrompt((("en", "x" * MAX_PROMPT),)).text_for("fr") == ("x" * MAX_PROMPT, "en")


def test_custom_prompt_of_refuses_an_original_without_text() -> None:
    with pytest.raises(TemplateError, match="original 'ar'"):
        CustomPrompt.of({"en": "What now?"}, original="ar")
    with pytest.raises(TemplateError, match="at least one language"):
        CustomPrompt.of({})
