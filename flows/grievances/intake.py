"""The /grievance intake as a small pure state machine.

category → area → when → description → review → confirmed (or cancelled at any point).

``step(state, event)`` returns the new state and the effects for the edge to carry out (ask a
question with these choice ids, refuse with a reason id, warn about identifying details, show
the review, hand over the finished draft). Nothing here talks to Telegram or storage, so every
path can be tested as a transcript.

Why it is shaped this way:

- Buttons can be forged or stale (a modified client, an old message). A choice names the step
  it answers; a choice for another step, or an id that was not offered, is refused and the
  state is returned unchanged.
- Media (photo, voice, location, video, document, sticker...) is refused: a voice or a face
  identifies the sender, and files carry metadata such as GPS positions.
- After any refusal the open question is asked again, so nothing is lost.
- Answers are kept while editing from the review; the next step is always the first
  unanswered one, so a restored or edited state cannot skip a question.

The vocabulary (steps, inputs, effects) is in :mod:`flows.grievances.intake_events`, the state
and its persistence in :mod:`flows.grievances.intake_state`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from flows.grievances.identifying import identifying_kinds
from flows.grievances.intake_events import (
    ANSWER_STEPS,
    CHOICE_STEPS,
    Ask,
    Cancel,
    Cancelled,
    Choose,
    Confirm,
    Done,
    Edit,
    Effect,
    Input,
    Media,
    Refusal,
    Refuse,
    Review,
    Step,
    Text,
    Warn,
)
from flows.grievances.intake_state import IntakeConfig, IntakeState


def start(config: IntakeConfig) -> tuple[IntakeState, tuple[Effect, ...]]:
    """A new intake, and the first question."""
    area = config.unspecified_area if not config.areas else None
    state = IntakeState(Step.CATEGORY, config, area=area)
    return state, current_question(state)


def step(state: IntakeState, event: Input) -> tuple[IntakeState, tuple[Effect, ...]]:
    """Apply one input. Refused inputs return ``state`` itself, unchanged."""
    if state.finished:
        return state, (Refuse(Refusal.FINISHED),)
    if isinstance(event, Cancel):
        return IntakeState(Step.CANCELLED, state.config), (Cancelled(),)
    if isinstance(event, Media):
        return _refuse(state, Refusal.MEDIA)
    if isinstance(event, Choose):
        return _choose(state, event)
    if isinstance(event, Text):
        return _text(state, event.text)
    if isinstance(event, Confirm):
        draft = state.draft()
        if state.step is not Step.REVIEW or draft is None:
            return _refuse(state, Refusal.NOT_NOW)
        return IntakeState(Step.CONFIRMED, state.config), (Done(draft),)
    if isinstance(event, Edit):
        if state.step is not Step.REVIEW:
            return _refuse(state, Refusal.NOT_NOW)
        if event.step not in state.editable():
            return _refuse(state, Refusal.UNKNOWN_CHOICE)
        edited = replace(state, step=Step(event.step))
        return edited, current_question(edited)
    raise TypeError(f"not an intake input: {event!r}")


def current_question(state: IntakeState) -> tuple[Effect, ...]:
    """The effects that (re)present the open question, e.g. after a refusal or a restart."""
    if state.step in CHOICE_STEPS:
        return (Ask(state.step, state.config.choices(state.step)),)
    if state.step is Step.DESCRIPTION:
        return (Ask(Step.DESCRIPTION, max_length=state.config.max_length),)
    draft = state.draft()
    if state.step is Step.REVIEW and draft is not None:
        kinds = identifying_kinds(draft.description)
        review = Review(draft, state.editable())
        return (Warn(kinds), review) if kinds else (review,)
    return ()


def clean_description(text: str) -> str:
    """The description as stored: control characters removed (tab and newline kept), trimmed.

    Control characters break exports (openpyxl refuses most of them) and can hide text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = (c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return "".join(kept).strip()


def _choose(state: IntakeState, event: Choose) -> tuple[IntakeState, tuple[Effect, ...]]:
    if event.step != state.step:
        return _refuse(state, Refusal.STALE_BUTTON)
    if event.choice not in state.config.choices(state.step):
        return _refuse(state, Refusal.UNKNOWN_CHOICE)
    if state.step is Step.CATEGORY:
        return _advance(replace(state, category=event.choice))
    if state.step is Step.AREA:
        return _advance(replace(state, area=event.choice))
    return _advance(replace(state, when=event.choice))


def _text(state: IntakeState, text: str) -> tuple[IntakeState, tuple[Effect, ...]]:
    if state.step != Step.DESCRIPTION:
        return _refuse(state, Refusal.USE_BUTTONS)
    cleaned = clean_description(text)
    if not cleaned:
        return _refuse(state, Refusal.EMPTY)
    if len(cleaned) > state.config.max_length:
        refusal = Refuse(Refusal.TOO_LONG, state.config.max_length, len(cleaned))
        return state, (refusal, *current_question(state))
    return _advance(replace(state, description=cleaned))


def _advance(state: IntakeState) -> tuple[IntakeState, tuple[Effect, ...]]:
    """Go to the first unanswered step, or to the review once everything is answered."""
    answers = {
        Step.CATEGORY: state.category,
        Step.AREA: state.area,
        Step.WHEN: state.when,
        Step.DESCRIPTION: state.description,
    }
    missing = next((s for s in ANSWER_STEPS if answers[s] is None), Step.REVIEW)
    moved = replace(state, step=missing)
    return moved, current_question(moved)


def _refuse(state: IntakeState, reason: Refusal) -> tuple[IntakeState, tuple[Effect, ...]]:
    return state, (Refuse(reason), *current_question(state))
