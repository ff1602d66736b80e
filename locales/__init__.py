"""Palabre's gettext catalogs: ``<lang>/LC_MESSAGES/messages.po`` and compiled ``.mo``.

A package only so that the catalogs install with Palabre as package data.
"""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
DOMAIN = "messages"
