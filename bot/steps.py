"""Text steps: where a typed message goes when a person is in the middle of a flow.

A flow that waits for text stores a conversation row (flow, step, payload); this registry maps
the flow name onto the function that takes the text. Because the row is in the database, a
restart resumes the step, and /cancel leaves it from anywhere.

``@text_step(flow, reprompt)`` does the prologue every step shares: the person must have a
profile, and a facilitator's step (``facilitator=True``) is re-checked now against the
dialogue it was opened for, whatever the role was when it began. The step then receives one
``Typed`` with everything it needs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.caller import Caller
from bot.handlers.common import reply
from bot.i18n import Translator
from bot.runtime import Runtime
from bot.texts import NOT_ALLOWED
from flows.conversations import Conversation
from flows.dialogues import Person

#: (update, context, runtime, caller, conversation, text): how a typed message reaches a step.
TextStep = Callable[[Update, Any, Runtime, Caller, Conversation, str], Awaitable[None]]
Reprompt = Callable[[Caller, Conversation], str]

_STEPS: dict[str, TextStep] = {}
_REPROMPTS: dict[str, Reprompt] = {}


@dataclass(frozen=True)
class Typed:
    """A message typed at a step: who, where they are, and what they wrote."""

    update: Update
    context: Any
    rt: Runtime
    caller: Caller
    person: Person
    conversation: Conversation
    text: str
    #: The dialogue of a facilitator's step, checked to be one the person facilitates now.
    dialogue_id: int | None = None

    @property
    def t(self) -> Translator:
        return self.caller.t

    @property
    def payload(self) -> dict[str, object]:
        return self.conversation.payload

    async def reply(self, text: str, keyboard: Any = None) -> None:
        await reply(self.update, text, keyboard)


def text_step(
    flow: str, reprompt: Reprompt, *, facilitator: bool = False
) -> Callable[[Callable[[Typed], Awaitable[None]]], TextStep]:
    """Register ``fn(typed)`` as what receives text for ``flow``, and how to ask again."""

    def wrap(fn: Callable[[Typed], Awaitable[None]]) -> TextStep:
        async def step(
            update: Update,
            context: Any,
            rt: Runtime,
            caller: Caller,
            conversation: Conversation,
            text: str,
        ) -> None:
            if caller.person is None:  # no profile (any more): no step of theirs can go on
                return
            dialogue_id = conversation.payload.get("dialogue")
            if facilitator:
                if not isinstance(dialogue_id, int) or not caller.may_facilitate(dialogue_id):
                    await reply(update, caller.t._(NOT_ALLOWED))
                    return
            elif not isinstance(dialogue_id, int):
                dialogue_id = None
            await fn(
                Typed(update, context, rt, caller, caller.person, conversation, text, dialogue_id)
            )

        step.__name__ = getattr(fn, "__name__", "typed")
        step.__doc__ = fn.__doc__
        _STEPS[flow] = step
        _REPROMPTS[flow] = reprompt
        return step

    return wrap


def step_for(flow: str) -> TextStep | None:
    return _STEPS.get(flow)


def reprompt_for(flow: str) -> Reprompt | None:
    return _REPROMPTS.get(flow)
