"""The /grievance intake as transcripts: every step, every way out, every bad input."""

import json

import pytest

from flows.grievances.categories import default_catalogue
from flows.grievances.identifying import IdentifyingKind
from flows.grievances.intake import clean_description, start, step
from flows.grievances.intake_events import (
    ANSWER_STEPS,
    Ask,
    Cancel,
    Cancelled,
    Choose,
    Confirm,
    Done,
    Edit,
    GrievanceDraft,
    Media,
    MediaKind,
    Refusal,
    Refuse,
    Review,
    Step,
    Text,
    Warn,
)
from flows.grievances.intake_state import IntakeConfig, IntakeState, config_for

AREAS = ("a1", "a2")
CONFIG = config_for(default_catalogue(), AREAS)
DESCRIPTION = "Officers at the market checkpoint ask every trader for money."


def _run(*events, config: IntakeConfig = CONFIG):
    state, effects = start(config)
    log = [effects]
    for event in events:
        state, effects = step(state, event)
        log.append(effects)
    return state, log


def _to_review(config: IntakeConfig = CONFIG, text: str = DESCRIPTION):
    return _run(
        Choose(Step.CATEGORY, "corruption"),
        Choose(Step.AREA, "a2"),
        Choose(Step.WHEN, "this_month"),
        Text(text),
        config=config,
    )


def test_the_whole_intake() -> None:
    state, log = _to_review()
    assert log[0] == (Ask(Step.CATEGORY, default_catalogue().category_ids),)
    assert log[1] == (Ask(Step.AREA, ("a1", "a2", "unspecified")),)
    assert log[2] == (Ask(Step.WHEN, ("this_week", "this_month", "earlier")),)
    assert log[3] == (Ask(Step.DESCRIPTION, max_length=1000),)
    draft = GrievanceDraft("corruption", "a2", "this_month", DESCRIPTION)
    assert log[4] == (Review(draft, ANSWER_STEPS),)
    assert state.step is Step.REVIEW
    done, effects = step(state, Confirm())
    assert effects == (Done(draft),)
    assert done.step is Step.CONFIRMED
    assert done.description is None and done.category is None  # nothing lingers in the state


@pytest.mark.parametrize("steps_before_cancel", range(5))
def test_cancel_at_every_step_keeps_nothing(steps_before_cancel: int) -> None:
    answers = [
        Choose(Step.CATEGORY, "theft"),
        Choose(Step.AREA, "a1"),
        Choose(Step.WHEN, "earlier"),
        Text(DESCRIPTION),
    ][:steps_before_cancel]
    state, log = _run(*answers, Cancel())
    assert log[-1] == (Cancelled(),)
    assert state.step is Step.CANCELLED and state.finished
    assert (state.category, state.area, state.when, state.description) == (None,) * 4
    assert DESCRIPTION not in json.dumps(state.to_dict(keep_description=True))


def test_cancel_during_an_edit() -> None:
    state, _ = _to_review()
    state, _ = step(state, Edit(Step.DESCRIPTION))
    state, effects = step(state, Cancel())
    assert effects == (Cancelled(),) and state.description is None


def test_a_finished_intake_refuses_everything() -> None:
    state, _ = _to_review()
    state, _ = step(state, Confirm())
    for event in (Confirm(), Cancel(), Text("more"), Choose(Step.CATEGORY, "theft"), Media()):
        again, effects = step(state, event)
        assert again is state and effects == (Refuse(Refusal.FINISHED),)


@pytest.mark.parametrize(
    "forged",
    [
        Choose(Step.CATEGORY, "not_a_category"),
        Choose(Step.CATEGORY, ""),
        Choose(Step.CATEGORY, "a1"),  # an area id on the category step
        Choose(Step.AREA, "a1"),  # a button from a later step
        Choose(Step.WHEN, "this_week"),
        Choose(Step.REVIEW, "x"),
    ],
)
def test_forged_or_stale_buttons_change_nothing(forged: Choose) -> None:
    state, _ = start(CONFIG)
    after, effects = step(state, forged)
    assert after is state
    reason = Refusal.UNKNOWN_CHOICE if forged.step is Step.CATEGORY else Refusal.STALE_BUTTON
    assert effects == (Refuse(reason), Ask(Step.CATEGORY, CONFIG.categories))


def test_an_old_category_button_during_the_area_step_is_stale() -> None:
    state, _ = _run(Choose(Step.CATEGORY, "land"))
    after, effects = step(state, Choose(Step.CATEGORY, "theft"))
    assert after is state and after.category == "land"
    assert effects[0] == Refuse(Refusal.STALE_BUTTON)
    after, effects = step(state, Choose(Step.AREA, "a9"))
    assert after is state and effects[0] == Refuse(Refusal.UNKNOWN_CHOICE)


@pytest.mark.parametrize("kind", list(MediaKind))
@pytest.mark.parametrize("answered", range(5))
def test_media_is_refused_at_every_step(kind: MediaKind, answered: int) -> None:
    answers = [
        Choose(Step.CATEGORY, "theft"),
        Choose(Step.AREA, "a1"),
        Choose(Step.WHEN, "earlier"),
        Text(DESCRIPTION),
    ][:answered]
    state, log = _run(*answers)
    after, effects = step(state, Media(kind))
    assert after is state
    assert effects[0] == Refuse(Refusal.MEDIA)
    assert effects[1:] == log[-1]  # the open question is asked again


def test_typed_text_where_a_button_is_expected() -> None:
    state, _ = start(CONFIG)
    after, effects = step(state, Text("corruption"))
    assert after is state and effects[0] == Refuse(Refusal.USE_BUTTONS)
    review, _ = _to_review()
    after, effects = step(review, Text("one more thing"))
    assert after is review and effects[0] == Refuse(Refusal.USE_BUTTONS)
    assert isinstance(effects[-1], Review)


def test_too_long_text_is_refused_whole_with_limit_and_length() -> None:
    config = config_for(default_catalogue(), AREAS, max_length=20)
    state, log = _to_review(config, "x" * 21)
    assert log[-1] == (Refuse(Refusal.TOO_LONG, 20, 21), Ask(Step.DESCRIPTION, max_length=20))
    assert state.step is Step.DESCRIPTION and state.description is None
    state, effects = step(state, Text("  " + "y" * 20 + "\n"))  # trimmed before counting
    assert state.step is Step.REVIEW and state.description == "y" * 20


def test_the_default_limit_is_1000_characters() -> None:
    state, log = _to_review(text="z" * 1001)
    assert log[-1][0] == Refuse(Refusal.TOO_LONG, 1000, 1001)
    state, _ = step(state, Text("z" * 1000))
    assert state.step is Step.REVIEW


@pytest.mark.parametrize("blank", ["", "   ", "\n\t\n", "\x00\x07"])
def test_empty_descriptions_are_refused(blank: str) -> None:
    state, log = _to_review(text=blank)
    assert log[-1][0] == Refuse(Refusal.EMPTY)
    assert state.step is Step.DESCRIPTION


def test_identifying_details_warn_then_confirm() -> None:
    text = "He said call him on +227 90 12 34 56 or write to chef@example.org"
    state, log = _to_review(text=text)
    warn, review = log[-1]
    assert warn == Warn(frozenset({IdentifyingKind.PHONE, IdentifyingKind.EMAIL}))
    assert isinstance(review, Review) and review.draft.description == text
    state, effects = step(state, Confirm())
    assert effects == (Done(GrievanceDraft("corruption", "a2", "this_month", text)),)


def test_identifying_details_warn_then_edit_away() -> None:
    state, _ = _to_review(text="Call me: 0803 123 4567")
    state, effects = step(state, Edit(Step.DESCRIPTION))
    assert effects == (Ask(Step.DESCRIPTION, max_length=1000),)
    state, effects = step(state, Text("They took my goods."))
    assert len(effects) == 1 and isinstance(effects[0], Review)  # no warning any more


@pytest.mark.parametrize(
    ("field", "event", "attribute", "value"),
    [
        (Step.CATEGORY, Choose(Step.CATEGORY, "other"), "category", "other"),
        (Step.AREA, Choose(Step.AREA, "unspecified"), "area", "unspecified"),
        (Step.WHEN, Choose(Step.WHEN, "this_week"), "when", "this_week"),
        (Step.DESCRIPTION, Text("Changed."), "description", "Changed."),
    ],
)
def test_edit_each_answer_returns_to_the_review(field, event, attribute, value) -> None:
    state, _ = _to_review()
    state, effects = step(state, Edit(field))
    assert state.step is field and len(effects) == 1 and isinstance(effects[0], Ask)
    state, effects = step(state, event)
    assert state.step is Step.REVIEW and getattr(state, attribute) == value
    assert isinstance(effects[-1], Review)


def test_confirm_and_edit_outside_the_review_are_refused() -> None:
    state, _ = _run(Choose(Step.CATEGORY, "land"))
    for event in (Confirm(), Edit(Step.CATEGORY)):
        after, effects = step(state, event)
        assert after is state and effects[0] == Refuse(Refusal.NOT_NOW)
    review, _ = _to_review()
    after, effects = step(review, Edit(Step.REVIEW))
    assert after is review and effects[0] == Refuse(Refusal.UNKNOWN_CHOICE)


def test_without_areas_the_area_step_is_skipped() -> None:
    config = config_for(default_catalogue(), ())
    state, log = _run(Choose(Step.CATEGORY, "gbv"), config=config)
    assert log[-1] == (Ask(Step.WHEN, config.when),)
    state, _ = step(state, Choose(Step.WHEN, "earlier"))
    state, effects = step(state, Text("Something happened."))
    assert effects[-1] == Review(
        GrievanceDraft("gbv", "unspecified", "earlier", "Something happened."),
        (Step.CATEGORY, Step.WHEN, Step.DESCRIPTION),
    )
    after, effects = step(state, Edit(Step.AREA))
    assert after is state and effects[0] == Refuse(Refusal.UNKNOWN_CHOICE)


def test_the_unspecified_area_can_be_left_out() -> None:
    config = config_for(default_catalogue(), AREAS, offer_unspecified_area=False)
    assert config.area_choices == AREAS
    with pytest.raises(ValueError):
        config_for(default_catalogue(), (), offer_unspecified_area=False)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"areas": ("a1", "a1")},
        {"areas": ("unspecified",)},
        {"areas": ("a:1",)},
        {"areas": ("",)},
        {"categories": ()},
        {"when": ()},
        {"max_length": 0},
        {"max_length": 4001},
    ],
)
def test_bad_configurations_are_refused(kwargs) -> None:
    base = {"categories": ("a",), "areas": ("x",), "when": ("w",)}
    with pytest.raises(ValueError):
        IntakeConfig(**(base | kwargs))


def test_state_round_trips_through_json_without_the_description_by_default() -> None:
    state, _ = _to_review()
    stored = json.loads(json.dumps(state.to_dict()))
    assert DESCRIPTION not in json.dumps(stored)
    restored = IntakeState.from_dict(stored)
    assert restored.step is Step.DESCRIPTION and restored.description is None
    assert (restored.category, restored.area, restored.when) == ("corruption", "a2", "this_month")
    assert restored.config == CONFIG
    restored, effects = step(restored, Text(DESCRIPTION))
    assert restored == state


@pytest.mark.parametrize("answered", range(5))
def test_state_round_trips_exactly_when_keeping_the_description(answered: int) -> None:
    answers = [
        Choose(Step.CATEGORY, "theft"),
        Choose(Step.AREA, "a1"),
        Choose(Step.WHEN, "earlier"),
        Text(DESCRIPTION),
    ][:answered]
    state, _ = _run(*answers)
    stored = json.loads(json.dumps(state.to_dict(keep_description=True)))
    assert IntakeState.from_dict(stored) == state


@pytest.mark.parametrize(
    "corrupt",
    [
        {},
        {"v": 2},
        {"v": 1, "step": "category"},
        {"v": 1, "step": "category", "config": {"categories": ["a"]}},
        {"v": 1, "step": "category", "config": None},
        {
            "v": 1,
            "step": "category",
            "config": {
                "categories": ["a"],
                "areas": [],
                "when": ["w"],
                "unspecified_area": None,
                "max_length": 10,
            },
        },
    ],
)
def test_malformed_states_are_refused(corrupt) -> None:
    with pytest.raises(ValueError):
        IntakeState.from_dict(corrupt)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("category", "forged"),
        ("area", "a9"),
        ("when", "yesterday"),
        ("description", "x" * 1001),
        ("step", "nowhere"),
    ],
)
def test_restored_answers_must_have_been_offered(key: str, value: str) -> None:
    state, _ = _to_review()
    data = state.to_dict(keep_description=True) | {key: value}
    with pytest.raises(ValueError):
        IntakeState.from_dict(data)


def test_a_review_state_needs_every_answer() -> None:
    state, _ = _run(Choose(Step.CATEGORY, "theft"))
    with pytest.raises(ValueError):
        IntakeState.from_dict(state.to_dict() | {"step": "review"})


def test_descriptions_lose_control_characters_but_keep_lines() -> None:
    assert clean_description(" a\x00b\r\nc\td\x1b ") == "ab\nc\td"
    assert clean_description("مرحبا\u200f") == "مرحبا\u200f"  # format characters stay


def test_unknown_inputs_are_a_programming_error() -> None:
    state, _ = start(CONFIG)
    with pytest.raises(TypeError):
        step(state, "cancel")  # type: ignore[arg-type]
