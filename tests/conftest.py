"""Shared test set-up."""

import os

# The bot opts in to python-telegram-bot's timedelta time periods (see bot/__init__.py); tests
# that use PTB without importing the bot do the same.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from hypothesis import settings  # noqa: E402

# The same examples on every run: CI's verdict (and its duration) must not depend on luck.
# Run with HYPOTHESIS_PROFILE=explore to draw new examples while developing.
settings.register_profile("palabre", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "palabre"))
