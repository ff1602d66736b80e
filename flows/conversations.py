"""The step a person is in, when a flow waits for what they type next.

A flow that waits for text (statements to a round, a statement's edit, a grievance's
description, an open survey answer, a reply to a grievance) keeps one ``Conversation`` per
person: the flow, the step and what the step needs. One per person: starting another flow
replaces it, so a text goes to the flow chosen last. It lives in the database, so a restart
resumes the step and ``/cancel`` leaves it from anywhere. It holds no description or answer
typed by the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Conversation:
    flow: str
    step: str
    payload: dict[str, object] = field(default_factory=dict)
