"""The /grievance intake as a use case: begin it, feed it one input at a time, leave it.

The questions and their rules are the domain's (``flows.grievances.intake``). This module owns
the drafts (``Runtime.intake_drafts``) and their steps (``Runtime.memory_steps``): a person's
intake lives only in this process's memory, never in the database, so that no commit, whatever
the write-ahead log keeps of it, pairs a grievance with the person who was filing it. A restart
forgets open intakes: the person's next press or message is told so and asked to start again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flows.conversations import Conversation
from flows.grievances import intake
from flows.grievances.filing import NotFiled
from flows.grievances.intake_events import Confirm, Done, Effect, Input, Refusal, Refuse, Review
from flows.grievances.intake_state import IntakeState, config_for
from services import conversations
from services.grievances.areas import catalogue_of
from services.grievances.limits import limit_today
from services.runtime import Runtime

#: The conversation of a person filing a grievance.
FLOW = "grievance"
#: A review's token: 6 random bytes, 12 hex digits in the button's callback data.
REVIEW_TOKEN_BYTES = 6


@dataclass(frozen=True)
class Intake:
    """One person's open /grievance, as loaded for the next input."""

    dialogue_id: int
    state: IntakeState
    #: Ids of the person's description messages, deleted from the chat once filed.
    messages: tuple[int, ...] = ()
    #: Ids of the bot's messages that showed this intake (questions, reviews quoting the
    #: description), deleted from the chat if the person cancels.
    screens: tuple[int, ...] = ()
    #: What the latest review's "Send it" carries: a random token made for that review, so a
    #: "Send it" under an older review (of this intake or one before it) confirms nothing.
    review: str | None = None


@dataclass(frozen=True)
class Begun:
    """A new intake, and what to show first."""

    intake: Intake
    effects: tuple[Effect, ...]


def _conversation(intake_: Intake) -> Conversation:
    return Conversation(
        FLOW,
        intake_.state.step.value,
        {
            "dialogue": intake_.dialogue_id,
            "state": intake_.state.to_dict(),  # never the description
            "messages": list(intake_.messages),
            "screens": list(intake_.screens),
            "review": intake_.review,
        },
    )


async def begin(
    rt: Runtime, person_id: int, telegram_id: int, dialogue_id: int
) -> Begun | NotFiled:
    """Start an intake, unless today's limit is reached (:attr:`NotFiled.LIMIT`)."""
    if not limit_today(rt, telegram_id).allowed:
        return NotFiled.LIMIT
    async with rt.db.read() as tx:
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id)
    config = config_for(
        catalogue, tuple(a.id for a in areas), max_length=rt.settings.grievance_length
    )
    state, effects = intake.start(config)
    opened = Intake(dialogue_id, state)
    conversations.leave_for_memory(rt, person_id)
    _keep(rt, person_id, opened)
    return Begun(opened, effects)


def _keep(rt: Runtime, person_id: int, intake_: Intake) -> None:
    rt.memory_steps[person_id] = _conversation(intake_)
    rt.intake_drafts[person_id] = intake_.state


def restore(rt: Runtime, person_id: int, conversation: Conversation) -> Intake | None:
    """The open intake from its conversation row (and this process's memory), or None."""
    payload = conversation.payload
    dialogue_id = payload.get("dialogue")
    messages, screens = payload.get("messages", []), payload.get("screens", [])
    if not isinstance(dialogue_id, int) or not isinstance(messages, list):
        return None
    try:
        stored = IntakeState.from_dict(payload.get("state"))  # type: ignore[arg-type]
    except ValueError:
        return None
    typed = tuple(m for m in messages if isinstance(m, int))
    shown = tuple(m for m in screens if isinstance(m, int)) if isinstance(screens, list) else ()
    # The draft (with the description) while it is open; the step's own copy once it is
    # forgotten, for what showed it to be deleted from the chat.
    remembered = rt.intake_drafts.get(person_id)
    review = payload.get("review")
    return Intake(
        dialogue_id, remembered or stored, typed, shown, review if isinstance(review, str) else None
    )


def forgotten_by_restart(rt: Runtime, person_id: int) -> bool:
    """Whether the person's intake, if they had one, ended only because the process restarted
    (this process never saw it end)."""
    return person_id not in rt.intakes_ended and person_id not in rt.memory_steps


async def open_intake(rt: Runtime, person_id: int) -> Intake | None:
    """The person's open intake, or None when they are not filing one."""
    conversation = rt.memory_steps.get(person_id)
    if conversation is None or conversation.flow != FLOW:
        return None
    return restore(rt, person_id, conversation)


async def apply(
    rt: Runtime,
    person_id: int,
    intake_: Intake,
    event: Input,
    message_id: int | None = None,
    *,
    review: str | None = None,
) -> tuple[Intake, tuple[Effect, ...]]:
    """Feed one input to the intake and keep the result (the description only in memory).

    ``message_id`` is the person's message that carried ``event`` (a description), deleted
    from the chat once the grievance is filed. A :class:`Confirm` must name the latest review
    (``review``, the token its "Send it" carries): any other is refused as a stale button.
    Every new review gets a new token (:attr:`Intake.review`).
    """
    if isinstance(event, Confirm) and (review is None or review != intake_.review):
        return intake_, (Refuse(Refusal.STALE_BUTTON),)
    state, effects = intake.step(intake_.state, event)
    if any(isinstance(e, Done) for e in effects):
        return replace(intake_, state=state), effects
    if state.finished:  # cancelled
        await end(rt, person_id)
        return replace(intake_, state=state), effects
    messages = intake_.messages
    if message_id is not None:
        messages = (*messages, message_id)
    moved = replace(intake_, state=state, messages=messages)
    if any(isinstance(e, Review) for e in effects):
        moved = replace(moved, review=rt.random_bytes(REVIEW_TOKEN_BYTES).hex())
    if moved != intake_:
        _keep(rt, person_id, moved)
    return moved, effects


async def shown(rt: Runtime, person_id: int, intake_: Intake, message_id: int) -> Intake:
    """Remember that the bot's message ``message_id`` shows the intake (see ``screens``)."""
    moved = replace(intake_, screens=(*intake_.screens, message_id))
    current = rt.memory_steps.get(person_id)
    if current is not None and current.flow == FLOW:
        rt.memory_steps[person_id] = _conversation(moved)
    return moved


async def end(rt: Runtime, person_id: int) -> None:
    """Leave the intake, keeping nothing."""
    forget_draft(rt, person_id)


def forget_draft(rt: Runtime, person_id: int) -> None:
    """Drop the intake held in memory (filed, cancelled, /forgetme)."""
    rt.intake_drafts.pop(person_id, None)
    rt.intakes_ended.add(person_id)
    step = rt.memory_steps.get(person_id)
    if step is not None and step.flow == FLOW:
        del rt.memory_steps[person_id]


def discard(rt: Runtime, person_id: int, conversation: Conversation) -> tuple[int, ...]:
    """/cancel left the intake ``conversation``: forget its draft; returns the ids of the
    messages that showed it (the person's descriptions, the bot's questions and reviews), for
    the chat to delete."""
    forget_draft(rt, person_id)
    left = restore(rt, person_id, conversation)
    return (*left.messages, *left.screens) if left is not None else ()
