"""Buttons of /privacy: one per topic of the threat model."""

from __future__ import annotations

from dataclasses import dataclass

from bot.buttons.base import Button


@dataclass(frozen=True)
class PrivacyTopic(Button):
    """Show one section of the threat model (its key in ``flows.privacy``), or the start
    (``INTRO``)."""

    prefix = "priv"
    topic: str
