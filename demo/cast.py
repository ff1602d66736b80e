"""The people of the demo: program staff, a facilitator, police, officials, community members."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sandbox import BotApiSandbox, VirtualParticipant


@dataclass
class Cast:
    sandbox: BotApiSandbox
    staff: VirtualParticipant
    facilitator: VirtualParticipant
    community: list[VirtualParticipant] = field(default_factory=list)
    police: list[VirtualParticipant] = field(default_factory=list)
    officials: list[VirtualParticipant] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    outbox_empty: Callable[[], Awaitable[bool]] | None = None
    #: The bot's periodic early-warning check, run when a scene says time has passed.
    check_alerts: Callable[[], Awaitable[int]] | None = None
    #: Let time run until so many hours after the open wave opened (a note says what passes);
    #: the bot's tick then sends the reminders that fell due, or closes the wave.
    wave_time: Callable[[float, str], Awaitable[None]] | None = None
    #: Let the survey window pass and close the open waves (the bot's tick would do it).
    close_waves: Callable[[], Awaitable[None]] | None = None
    #: Let time run to the next scheduled survey and let the bot start it.
    next_scheduled_wave: Callable[[], Awaitable[None]] | None = None
    #: Let time run to 09:00 on that day of the demo (day 0: the day it starts), then tick.
    until_day: Callable[[int, str], Awaitable[None]] | None = None
    #: What one scene leaves for a later one (a receipt code...).
    notes: dict[str, str] = field(default_factory=dict)
    #: Files the bot sent that the demo keeps in its output folder (name → bytes).
    outputs: dict[str, bytes] = field(default_factory=dict)

    async def delivered(self, timeout: float = 60.0) -> None:
        """Wait until the bot has handled everything people sent and sent out its outbox."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            await self.sandbox.settle(timeout=max(0.1, deadline - loop.time()))
            if self.outbox_empty is None or await self.outbox_empty():
                return
            if loop.time() >= deadline:
                raise AssertionError(f"the bot's outbox was not sent within {timeout} s")
            await asyncio.sleep(0.005)

    @property
    def everyone(self) -> list[VirtualParticipant]:
        return [self.facilitator, *self.community, *self.police, *self.officials]


def assemble(sandbox: BotApiSandbox) -> Cast:
    p = sandbox.participant
    return Cast(
        sandbox=sandbox,
        staff=p("Grace (program staff)", language_code="en"),
        facilitator=p("Moussa (facilitator)", language_code="fr"),
        community=[
            p("Aïcha", language_code="fr"),
            p("Ibrahim", language_code="ar"),
            p("Hadiza", language_code="fr"),
            p("Yusuf", language_code="en"),
            p("Mariam", language_code="ar"),
            p("Oumarou", language_code="fr"),
        ],
        police=[
            p("Sgt. Abdou", language_code="fr"),
            p("Cpl. Salim", language_code="ar"),
            p("Insp. Kane", language_code="en"),
            p("Officer Zara", language_code="fr"),
            p("Officer Musa", language_code="en"),
        ],
        officials=[
            p("Mayor's aide Rabi", language_code="fr"),
            p("District officer Nasser", language_code="ar"),
            p("Councillor Binta", language_code="en"),
            p("Prefect's clerk Idi", language_code="fr"),
            p("Registrar Layla", language_code="ar"),
        ],
    )
