"""What every use case runs with: the settings, the database, the one clock, randomness, the
key for anonymous records, and the little that lives only in this process's memory.

The application's composition root builds one ``Runtime`` (the Telegram edge extends it with
what only the edge needs). Tests and the demo give it their own clock and randomness, and every
part that tells the time reads ``now()``: nothing else in the bot reads the wall clock.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flows.conversations import Conversation
from flows.grievances.intake_state import IntakeState
from flows.rounds.offers import StatementOffer
from flows.surveys.instruments import InstrumentSet
from services.settings import Settings
from storage import Database


def utc_now() -> datetime:
    """The wall clock: the default clock, and the only place that reads it."""
    return datetime.now(UTC)


@dataclass(kw_only=True)
class Runtime:
    settings: Settings
    db: Database
    clock: Callable[[], datetime] = utc_now
    random_bytes: Callable[[int], bytes] = os.urandom
    #: The key for anonymous records (vote keys, receipt HMACs), read from its own file.
    secret: bytes = b""
    #: Grievance intakes in progress, by person: the only place a description lives before it
    #: is sent (``services.grievances``). Never written to the database.
    intake_drafts: dict[int, IntakeState] = field(default_factory=dict)
    #: Answers typed to open survey questions, by (wave, person), until the survey is finished
    #: and stored apart from the other answers (``services.surveys``).
    open_answers: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)
    #: Steps kept only in this process's memory, by person: the grievance intake, whose
    #: commits must never pair a grievance with its author (``services.conversations``).
    memory_steps: dict[int, Conversation] = field(default_factory=dict)
    #: People who left their step in the database for an intake: it no longer takes their
    #: text, and is overwritten or cleared by their next step (no write when they begin).
    steps_left: set[int] = field(default_factory=set)
    #: People whose intake ended in this process: an intake button of theirs is stale, while
    #: one of somebody else's was shown before a restart forgot it.
    intakes_ended: set[int] = field(default_factory=set)
    #: Text typed with no step waiting for it, by person, held only until they say whether it
    #: is a statement (``services.statements``). Never written to the database before a Yes.
    statement_offers: dict[int, StatementOffer] = field(default_factory=dict)
    #: Today's secret for grievance-limit pseudonyms, with its day, and the grievances each
    #: pseudonym filed today (``services.grievances.limits``). Never written anywhere: a
    #: restart resets the day's counts.
    daily_secret: tuple[date, bytes] | None = None
    filed_today: dict[str, int] = field(default_factory=dict)
    #: Open rounds' vote keys, by round, and the rounds whose key had to be made anew after a
    #: restart (``services.round_keys``).
    round_keys: dict[str, bytes] = field(default_factory=dict)
    fresh_round_keys: set[str] = field(default_factory=set)
    #: The survey instruments, loaded once (``services.surveys``).
    instrument_set: InstrumentSet | None = None

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today in PALABRE_TIMEZONE: the day anonymous records and due dates are kept to."""
        return self.now().astimezone(self.settings.zone).date()

    def is_staff(self, telegram_id: int) -> bool:
        return telegram_id in self.settings.admins
