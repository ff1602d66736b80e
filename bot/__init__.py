"""The Telegram edge: configuration, the PTB Application, handlers, rendering, the CLI.

Handlers translate updates into calls on ``flows`` (through the small services in
``bot.services``) and results into messages and keyboards. No SQL lives here.
"""

import os

# Opt in now to python-telegram-bot's coming behaviour (time periods as timedelta): in 22.x,
# merely creating a RetryAfter with the old behaviour emits a deprecation warning, on every 429.
os.environ.setdefault("PTB_TIMEDELTA", "true")
