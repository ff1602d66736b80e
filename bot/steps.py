"""Text steps: where a typed message goes when a person is in the middle of a flow.

A flow that waits for text stores a conversation row (flow, step, payload); this registry maps
the flow name onto the function that takes the text. Because the row is in the database, a
restart resumes the step, and /cancel leaves it from anywhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update

from bot.caller import Caller
from bot.runtime import Runtime
from flows.conversations import Conversation

#: (update, context, runtime, caller, conversation, text)
TextStep = Callable[[Update, Any, Runtime, Caller, Conversation, str], Awaitable[None]]
Reprompt = Callable[[Caller, Conversation], str]

_STEPS: dict[str, TextStep] = {}
_REPROMPTS: dict[str, Reprompt] = {}


def text_step(flow: str, reprompt: Reprompt) -> Callable[[TextStep], TextStep]:
    """Register the function that receives text for ``flow`` and how to ask again."""

    def wrap(fn: TextStep) -> TextStep:
        _STEPS[flow] = fn
        _REPROMPTS[flow] = reprompt
        return fn

    return wrap


def step_for(flow: str) -> TextStep | None:
    return _STEPS.get(flow)


def reprompt_for(flow: str) -> Reprompt | None:
    return _REPROMPTS.get(flow)
