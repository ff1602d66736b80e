"""Rounds at the edge, one module per part of a round's life: opening it (/round and its
settings screen), statements (/mystatements, withdrawal), voting (/vote), moving it on and its
results (/next, /close, /results). Moderation and action items have modules of their own."""

from bot.handlers.rounds.opening import (
    custom_chosen,
    custom_typed,
    round_command,
    round_opened,
    setup_changed,
    template_chosen,
    version_added,
)
from bot.handlers.rounds.results import close_command, next_command, results_command
from bot.handlers.rounds.statements import (
    my_statements,
    offer_answered,
    offer_statement,
    statement_started,
    statement_written,
    withdraw_pressed,
)
from bot.handlers.rounds.voting import vote_command, vote_pressed

__all__ = [
    "close_command",
    "custom_chosen",
    "custom_typed",
    "my_statements",
    "next_command",
    "offer_answered",
    "offer_statement",
    "results_command",
    "round_command",
    "round_opened",
    "setup_changed",
    "statement_started",
    "statement_written",
    "template_chosen",
    "version_added",
    "vote_command",
    "vote_pressed",
    "withdraw_pressed",
]
