"""The Telegram edge: configuration, the PTB Application, handlers, rendering, the CLI.

Handlers translate updates into calls on ``flows`` (through the small services in
``bot.services``) and results into messages and keyboards. No SQL lives here.
"""
