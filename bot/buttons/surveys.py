"""Buttons of trust surveys, their schedules, the summary and the exports.

A survey answer names the wave and the question's position it answers, so a press on an old
message is refused as stale rather than taken for the current question; these buttons stay in
people's chats, so their wire format (``sv:WAVE:POSITION:CHOICE``, ``-`` to skip) must not
change.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.buttons.base import Button
from flows.exports.formats import ExportFormat


@dataclass(frozen=True)
class SurveyAnswer(Button):
    """A choice (None: skip) for the question at ``position`` of ``wave_id``."""

    prefix = "sv"
    wave_id: str
    position: int
    choice: str | None


@dataclass(frozen=True)
class ScheduleDelete(Button):
    prefix = "sc:del"
    schedule_id: str


@dataclass(frozen=True)
class SummaryDocument(Button):
    """The summary as an HTML document."""

    prefix = "sm:html"


@dataclass(frozen=True)
class ExportChosen(Button):
    """Only the format: who may export what is decided again when it is pressed."""

    prefix = "ex"
    kind: ExportFormat
