"""Shared test set-up."""

import os

# The bot opts in to python-telegram-bot's timedelta time periods (see bot/__init__.py); tests
# that use PTB without importing the bot do the same.
os.environ.setdefault("PTB_TIMEDELTA", "true")
