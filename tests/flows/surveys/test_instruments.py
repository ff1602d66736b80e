"""The instrument loader: the shipped file, every refusal, and a deployment's own file."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from flows.languages import SHIPPED_LANGUAGES
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.surveys.instruments import (
    DEFAULT_INSTRUMENT,
    InstrumentError,
    InstrumentSet,
    default_instrument,
    items_for,
    parse_instruments,
    shipped_instruments,
)
from flows.surveys.items import SKIPPED, Excluded, HighEnd, ScaleKind, Source
from tests.flows.surveys.conftest import MINIMAL, broken, langs

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _shipped_text() -> str:
    return (
        resources.files("flows.definitions.surveys")
        .joinpath("default.toml")
        .read_text(encoding="utf-8")
    )


# --- The shipped instrument ---------------------------------------------------------------


def test_shipped_file_is_spec_version_1_and_marks_translations_as_drafts() -> None:
    text = _shipped_text()
    assert re.search(r"^spec_version = 1$", text, re.MULTILINE)
    header = text.split("spec_version")[0]
    assert "DRAFT" in header and "native" in header


def test_the_default_instrument_is_jsd_trust_v1() -> None:
    assert DEFAULT_INSTRUMENT == "jsd_trust_v1"
    assert default_instrument().id == "jsd_trust_v1"
    assert list(shipped_instruments().instruments) == ["jsd_trust_v1"]


def test_items_per_role() -> None:
    ids = {role: [i.id for i in items_for(role)] for role in Role}
    assert ids[Role.COMMUNITY] == [
        "trust_police", "trust_officials", "safe_after_dark", "pj_respect", "pj_fair",
        "pj_explain", "voice_listen", "open_problem",
    ]  # fmt: skip
    assert ids[Role.POLICE] == [
        "m_trust_police", "m_safe_after_dark", "m_respect", "m_fair", "m_explain",
        "m_voice_listen", "community_cooperates", "open_problem",
    ]  # fmt: skip
    assert ids[Role.OFFICIAL] == [
        "m_trust_police", "m_trust_officials", "m_safe_after_dark", "community_cooperates",
        "open_problem",
    ]  # fmt: skip
    assert ids[Role.FACILITATOR] == []


def test_every_item_has_every_language_for_every_role_it_asks() -> None:
    for item in default_instrument().items:
        assert item.roles, item.id
        for role in item.roles:
            for language in SHIPPED_LANGUAGES:
                text = item.text_for(role, language)
                assert text.strip() and len(text) <= 500, (item.id, role, language)
            assert ARABIC.search(item.text_for(role, "ar")), (item.id, role)
            assert item.text_for(role, "fr") != item.text_for(role, "en"), (item.id, role)


def test_every_choice_has_a_label_in_every_language() -> None:
    for scale in shipped_instruments().scales.values():
        for choice in scale.choices:
            for language in SHIPPED_LANGUAGES:
                assert choice.label(language).strip(), (scale.id, choice.id, language)
            assert ARABIC.search(choice.label("ar")), (scale.id, choice.id)


def test_wording_differs_per_role_where_it_should() -> None:
    instrument = default_instrument()
    cooperates = instrument.item("community_cooperates")
    assert cooperates.text_for(Role.POLICE, "en") != cooperates.text_for(Role.OFFICIAL, "en")
    assert "with us" in cooperates.text_for(Role.POLICE, "en")
    question = instrument.item("open_problem")
    texts = {question.text_for(role, "en") for role in STAKEHOLDER_ROLES}
    assert len(texts) == 3
    with pytest.raises(KeyError):
        instrument.item("trust_police").text_for(Role.POLICE, "en")


def test_standard_wordings_and_sources() -> None:
    instrument = default_instrument()
    item = instrument.item
    assert item("safe_after_dark").text_for(Role.COMMUNITY, "en") == (
        "How safe do you feel walking alone in your area after dark?"
    )
    assert "make fair, impartial decisions" in item("pj_fair").text_for(Role.COMMUNITY, "en")
    assert "treat people in this area with respect" in item("pj_respect").texts["en"]
    assert "explain their decisions and actions when asked" in item("pj_explain").texts["en"]
    assert (
        "listen to and take into account the concerns of local residents"
        in (item("voice_listen").texts["en"])
    )
    assert "haven't you heard enough about them to say" in item("trust_police").texts["en"]
    expected = {
        "trust_police": Source.AFROBAROMETER,
        "trust_officials": Source.AFROBAROMETER,
        "safe_after_dark": Source.SDG_16_1_4,
        "pj_respect": Source.ESS,
        "pj_fair": Source.ESS,
        "pj_explain": Source.ESS,
        "open_problem": Source.PALABRE,
        "m_trust_police": Source.PALABRE,
    }
    assert {k: item(k).source for k in expected} == expected


def test_scales_are_defined_once_with_their_orientation() -> None:
    scales = shipped_instruments().scales
    afro = scales["afro_trust"]
    assert [(c.id, c.value) for c in afro.scored] == [
        ("not_at_all", 0), ("just_a_little", 1), ("somewhat", 2), ("a_lot", 3),
    ]  # fmt: skip
    assert afro.high is HighEnd.MAX
    assert afro.choice("dont_know").excluded is Excluded.DONT_KNOW
    safety = scales["sdg_safety"]
    assert safety.choice_ids == (
        "very_safe", "fairly_safe", "bit_unsafe", "very_unsafe", "never_alone",
    )  # fmt: skip
    assert safety.high is HighEnd.MIN and safety.choice("very_safe").value == 1
    assert safety.choice("never_alone").excluded is Excluded.NOT_APPLICABLE
    assert safety.favourable == {"very_safe", "fairly_safe"}
    ess = scales["ess_often"]
    assert [c.value for c in ess.scored] == [1, 2, 3, 4] and ess.high is HighEnd.MAX
    assert ess.scored[0].labels["en"] == "Not at all often"
    agree = scales["agree5"]
    assert [c.value for c in agree.scored] == [1, 2, 3, 4, 5]
    assert agree.scored[-1].id == "strongly_agree" and agree.high is HighEnd.MAX
    assert scales["open_text"].kind is ScaleKind.TEXT and scales["open_text"].max_length == 500


def test_mirrored_items_name_the_community_item_they_mirror() -> None:
    instrument = default_instrument()
    pairs = {(target.id, mirror.id) for target, mirror in instrument.mirror_pairs()}
    assert pairs == {
        ("trust_police", "m_trust_police"),
        ("trust_officials", "m_trust_officials"),
        ("safe_after_dark", "m_safe_after_dark"),
        ("pj_respect", "m_respect"),
        ("pj_fair", "m_fair"),
        ("pj_explain", "m_explain"),
        ("voice_listen", "m_voice_listen"),
    }
    for target, mirror in instrument.mirror_pairs():
        assert Role.COMMUNITY in target.roles and Role.COMMUNITY not in mirror.roles
        assert mirror.in_index and not mirror.is_text
    for role in (Role.POLICE, Role.OFFICIAL):
        assert any(i.mirrors for i in items_for(role))


def test_the_open_question_is_optional_and_never_in_the_index() -> None:
    question = default_instrument().item("open_problem")
    assert question.is_text and question.skippable and not question.in_index
    closed = [i for i in default_instrument().items if not i.is_text]
    assert all(i.in_index for i in closed)


def test_ids_fit_in_callback_data() -> None:
    # "sv1:<12-char wave>:<item>:<choice>" must stay within Telegram's 64 bytes.
    for item in default_instrument().items:
        for choice in item.scale.choices:
            payload = f"sv1:{'w' * 12}:{item.id}:{choice.id}"
            assert len(payload.encode()) <= 64, payload
            assert not choice.id.startswith("_") and choice.id != SKIPPED


# --- The loader's refusals ----------------------------------------------------------------


def test_the_minimal_file_loads(minimal: InstrumentSet) -> None:
    instrument = minimal.instrument("t1")
    assert [i.id for i in instrument.items] == ["q1", "q2", "open"]
    assert instrument.item("q2").mirrors == "q1"
    assert not instrument.item("q1").skippable
    with pytest.raises(KeyError, match="nope"):
        minimal.instrument("nope")


BROKEN = [
    ("spec_version = 1\n[[scale]\nid = 1", "not valid TOML"),
    (broken("spec_version = 1", "spec_version = 2"), "unknown spec_version 2"),
    (broken("spec_version = 1", ""), "unknown spec_version None"),
    (broken('spec_version = 1', 'spec_version = "1"'), "unknown spec_version"),
    (broken('id = "q2"', 'id = "q1"'), "duplicate item id 'q1'"),
    (broken('id = "txt"', 'id = "yn"'), "duplicate scale id 'yn'"),
    (broken('id = "yes"', 'id = "no"'), "duplicate choice id 'no'"),
    (broken('scale = "yn"', 'scale = "yesno"'), "unknown scale 'yesno'"),
    (broken('scale = "yn"', 'scale = ["yn"]'), "unknown scale ['yn']"),
    (broken('source = "palabre"', "source = 1"), "unknown source 1"),
    (broken(langs("Question one?"), '{ en = "Q", fr = "Q" }'), "missing or empty language 'ar'"),
    (broken(langs("Yes"), '{ en = "Yes", fr = "", ar = "x" }'), "yes: label: missing or empty"),
    (broken('mirrors = "q1"', 'mirrors = "q9"'), "mirrors 'q9', which is not an item"),
    (broken('mirrors = "q1"', 'mirrors = "q2"'), "itself a mirrored item"),
    (broken('mirrors = "q1"', 'mirrors = "open"'), "open questions cannot mirror"),
    (broken('roles = ["police"]', 'roles = ["community"]'), "a mirror asks police or offi"),
    (broken('source = "palabre"', 'source = "gallup"'), "unknown source 'gallup'"),
    (broken('roles = ["police"]', 'roles = ["mayor"]'), "unknown role 'mayor'"),
    (broken('roles = ["police"]', "roles = []"), "roles must be a non-empty list"),
    (broken('roles = ["police"]', 'roles = ["police", "police"]'), "listed twice"),
    (broken("skippable = true", "skipable = true"), "unknown key(s) skipable"),
    (broken('high = "max"', 'high = "max"\nmaximum = 3'), "scale yn: unknown key(s) maximum"),
    (broken("skippable = true\ntext", "in_index = true\ntext"), "cannot be in the index"),
    (broken("skippable = true", 'skippable = "yes"'), "skippable must be true or false"),
    (broken("value = 1", "value = 0"), "two scored choices share a value"),
    (broken("value = 1", 'excluded = "refused"'), "at least two scored choices"),
    (broken("value = 1", 'value = "one"'), "needs a numeric value"),
    (broken("value = 1", "value = true"), "needs a numeric value"),
    (broken("value = 1", "value = nan"), "needs a numeric value"),
    (broken('excluded = "dont_know"', 'excluded = "dont_know"\nvalue = 9'), "has no value"),
    (broken('excluded = "dont_know"', 'excluded = "maybe"'), "excluded must be one of"),
    (broken('favourable = ["yes"]', 'favourable = ["dont_know"]'), "favourable must list"),
    (broken('high = "max"', 'high = "up"'), "high must be 'max' or 'min'"),
    (broken('high = "max"\n', ""), "high must be 'max' or 'min'"),
    (broken('id = "q1"', 'id = "Q1"'), "no valid id ('Q1')"),
    (broken('id = "q1"', f'id = "{"q" * 33}"'), "at most 32 characters"),
    (broken('id = "no"', 'id = "_skipped"'), "no valid id"),
    (broken("max_length = 10", "max_length = 0"), "max_length must be between 1 and 4000"),
    (broken('kind = "text"', 'kind = "number"'), "kind must be 'choice' or 'text'"),
    (broken('kind = "text"', 'kind = "text"\nhigh = "max"'), "a text scale has no high"),
    (broken('[[scale.choice]]\nid = "no"', '[[scale.choice]]\nid = "no"\nmax_length = 3'), "key"),
    (broken('id = "yn"\nhigh', 'id = "yn"\nmax_length = 3\nhigh'), "max_length is for text"),
    (broken("[[instrument]]", "[[instruments]]"), "unknown key(s) instruments"),
    (MINIMAL.split("[[instrument]]")[0], "no instruments"),
    (MINIMAL.split("[[instrument.item]]")[0], "t1: no items"),
    (MINIMAL + MINIMAL.split("spec_version = 1")[1].split("[[scale]]", 1)[0]
     + "[[instrument]]" + MINIMAL.split("[[instrument]]")[1], "duplicate instrument id 't1'"),
    (broken("skippable = true\ntext", 'skippable = true\nrole_text.police = { en = "x" }\ntext'),
     "role_text for 'police', which is not asked"),
    (broken(langs("Question one?"), langs("x" * 501)), "longer than 500 characters"),
    (broken("scale = \"yn\"\nsource", "scale = \"yn\"\nreference = 3\nsource"), "must be strings"),
    (broken(f"title = {langs('Title')}", 'title = "Title"'), "t1: title: missing, or not a"),
    (broken(f"text = {langs('What else?')}", ""), "open: text: missing"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BROKEN, ids=[m for _, m in BROKEN])
def test_broken_files_are_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(InstrumentError) as caught:
        parse_instruments(text)
    assert message in str(caught.value)


def test_an_item_worded_for_every_role_needs_no_shared_text() -> None:
    own = broken(
        f'roles = ["community"]\nskippable = true\ntext = {langs("What else?")}',
        f'roles = ["community"]\nskippable = true\nrole_text.community = {langs("Own?")}',
    )
    item = parse_instruments(own).instrument("t1").item("open")
    assert item.text_for(Role.COMMUNITY, "fr") == "Own? (fr)"


def test_languages_are_a_parameter() -> None:
    fewer = broken(langs("Question one?"), '{ en = "Q", fr = "Q" }')
    instrument = parse_instruments(fewer, languages=("en", "fr")).instrument("t1")
    assert instrument.item("q1").texts["fr"] == "Q"


# --- A deployment's own file --------------------------------------------------------------

EXTRA = f"""
spec_version = 1

[[instrument]]
id = "local_v1"
title = {langs("Local")}
intro = {langs("Local intro")}

[[instrument.item]]
id = "trust_police"
scale = "afro_trust"
source = "afrobarometer"
roles = ["community"]
in_index = true
text = {langs("How much do you trust the gendarmerie?")}
"""


def test_a_deployment_adds_an_instrument_using_shipped_scales() -> None:
    combined = parse_instruments(EXTRA, base=shipped_instruments())
    assert list(combined.instruments) == ["jsd_trust_v1", "local_v1"]
    local = combined.instrument("local_v1")
    assert local.item("trust_police").scale is shipped_instruments().scales["afro_trust"]
    assert shipped_instruments().instruments.keys() == {"jsd_trust_v1"}


def test_a_deployment_replaces_an_instrument_by_id() -> None:
    replacing = EXTRA.replace('id = "local_v1"', 'id = "jsd_trust_v1"')
    combined = parse_instruments(replacing, base=shipped_instruments())
    assert list(combined.instruments) == ["jsd_trust_v1"]
    assert [i.id for i in combined.instrument("jsd_trust_v1").items] == ["trust_police"]


def test_a_deployment_may_not_redefine_a_shipped_scale() -> None:
    scale = MINIMAL.split("[[scale]]")[1].replace('id = "yn"', 'id = "afro_trust"')
    text = EXTRA.replace("[[instrument]]", "[[scale]]" + scale + "\n[[instrument]]")
    with pytest.raises(InstrumentError, match="duplicate scale id 'afro_trust'"):
        parse_instruments(text, base=shipped_instruments())


def test_without_a_base_shipped_scales_are_unknown() -> None:
    with pytest.raises(InstrumentError, match="unknown scale 'afro_trust'"):
        parse_instruments(EXTRA)


def test_items_for_takes_another_instrument(minimal: InstrumentSet) -> None:
    instrument = minimal.instrument("t1")
    assert [i.id for i in items_for(Role.COMMUNITY, instrument)] == ["q1", "open"]
    assert [i.id for i in instrument.index_items_for(Role.COMMUNITY)] == ["q1"]
    assert items_for(Role.OFFICIAL, instrument) == ()
