"""1,000 outbox sends with faults Telegram really produces, some after it delivered: each kind
of notice does what it says when unsure (``Notice.if_unsure``), nothing is lost, duplicates
are only the ones documented, and a notice of several messages resumes at the part that failed.

The Bot is a fake that records what "arrives" and fails on a seeded plan: a 5xx or a timeout
after delivering (unsure), a refused connection or a 429 before (surely not delivered).
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot import outbox
from bot.i18n import Catalogs
from bot.runtime import Runtime
from flows.notices import IfUnsure, ModerationReady, Notice, RoundResults, SurveyInvitation
from services.settings import Settings
from storage import Database
from tests.services.conftest import Clock, add_dialogue

PARTS = 3  # round results come in several messages


@dataclass
class FlakyBot:
    plan: random.Random
    arrived: list[str] = field(default_factory=list)
    unsure: Counter[str] = field(default_factory=Counter)  # failures after delivery, per text
    refused: int = 0

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
        roll = self.plan.random()
        if roll < 0.03:
            self.refused += 1
            raise NetworkError("httpx.ConnectError") from httpx.ConnectError("refused")
        if roll < 0.05:
            self.refused += 1
            raise RetryAfter(0)
        self.arrived.append(text)
        if roll < 0.09:
            self.unsure[text] += 1
            raise NetworkError("Bad Gateway")
        if roll < 0.12:
            self.unsure[text] += 1
            raise TimedOut("Timed out") from httpx.ReadTimeout("read")


async def _render(rt: Runtime, notice: Notice, t: Any) -> list[tuple[str, None]]:
    name = f"{notice.kind}:{notice.person_id}"
    if isinstance(notice, RoundResults):
        return [(f"{name}:part{i}", None) for i in range(PARTS)]
    return [(name, None)]


@pytest.fixture
async def rt(tmp_path: Path) -> Runtime:
    db = Database(tmp_path / "palabre.db")
    await db.open()
    yield Runtime(
        settings=Settings(db_path=tmp_path / "palabre.db", min_group_size=3),
        db=db,
        clock=Clock(),
        random_bytes=random.Random(3).randbytes,
        catalogs=Catalogs(),
    )
    await db.close()


async def test_a_thousand_unsure_sends(rt: Runtime, monkeypatch, caplog) -> None:
    for kind in (SurveyInvitation, ModerationReady, RoundResults):
        monkeypatch.setitem(outbox.RENDERERS, kind, _render)
    place = await add_dialogue(rt, community=400)
    people = place.members[next(iter(place.members))]
    notices: list[Notice] = []
    for i, person in enumerate(people):
        notices.append(SurveyInvitation(person, "w1"))
        notices.append(ModerationReady(person, "r1"))
        if i < 200:
            notices.append(RoundResults(person, "r1"))
    async with rt.db.transaction() as tx:
        for notice in notices:
            await tx.outbox.enqueue(notice, rt.now())
    bot = FlakyBot(random.Random(11))
    caplog.set_level(logging.INFO, logger="bot.outbox")
    sent = await outbox.drain(rt, bot)  # type: ignore[arg-type]

    expected = [text for n in notices for text, _ in await _render(rt, n, None)]
    arrived = Counter(bot.arrived)
    assert len(expected) == 1_400 and sent > 1_000
    assert bot.refused > 20 and sum(bot.unsure.values()) > 60  # the plan did inject faults
    assert set(expected) <= set(arrived), "a message was lost"
    for text in expected:
        kind = text.split(":")[0]
        resend = next(
            n for n in (SurveyInvitation, ModerationReady, RoundResults) if n.kind == kind
        )
        extra = arrived[text] - 1
        if resend.if_unsure is IfUnsure.RESEND:
            assert extra == bot.unsure[text], text  # one more copy per unsure failure, no more
        else:
            assert extra == 0, text  # counted as delivered: never twice
    # A notice of several parts resumes at the part that failed: its parts arrive in order.
    for person in people[:200]:
        parts = [t for t in bot.arrived if t.startswith(f"round_results:{person}:")]
        assert sorted(dict.fromkeys(parts)) == list(dict.fromkeys(parts))
    # Nothing is left unsaid: every unsure send counted as delivered is in the log, by kind.
    left = sum(n for text, n in bot.unsure.items() if text.startswith("moderation_ready"))
    said = [r for r in caplog.records if "may have arrived; not sent again" in r.getMessage()]
    assert len(said) == left > 0
    assert all(str(person) not in r.getMessage() for r in said for person in people[:5])
    async with rt.db.read() as tx:
        assert await tx.outbox.pending() == 0


@dataclass
class DyingBot:
    """Delivers, and the process dies while sending part ``dies_at``."""

    dies_at: int
    arrived: list[str] = field(default_factory=list)

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
        if len(self.arrived) == self.dies_at:
            raise KeyboardInterrupt  # stands for kill -9: nothing after this line runs
        self.arrived.append(text)


async def test_a_crash_part_way_resumes_at_the_next_part(rt: Runtime, monkeypatch) -> None:
    monkeypatch.setitem(outbox.RENDERERS, RoundResults, _render)
    place = await add_dialogue(rt, community=1)
    (person,) = next(iter(place.members.values()))
    async with rt.db.transaction() as tx:
        await tx.outbox.enqueue(RoundResults(person, "r1"), rt.now())
    dying = DyingBot(dies_at=1)
    with pytest.raises(KeyboardInterrupt):
        await outbox.drain(rt, dying)  # type: ignore[arg-type]
    rt.outbox_lock = type(rt.outbox_lock)()  # a new process: a new lock
    after = DyingBot(dies_at=-1)
    await outbox.drain(rt, after)  # type: ignore[arg-type]
    name = f"round_results:{person}"
    # The part in flight at the crash was claimed: at most it is lost, never sent twice.
    assert dying.arrived == [f"{name}:part0"] and after.arrived == [f"{name}:part2"]
    async with rt.db.read() as tx:
        assert await tx.outbox.pending() == 0
