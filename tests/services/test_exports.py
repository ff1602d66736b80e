"""Collecting an export without Telegram: the dialogue a facilitator exports, and the workbook
as of the runtime's today."""

from __future__ import annotations

import pytest

from flows.exports.formats import ExportFormat
from flows.exports.sheets import TRUST_TRENDS
from flows.roles import Role
from services import exports, surveys
from services.runtime import Runtime
from tests.services.conftest import START, Clock, add_dialogue
from tests.services.test_survey_closing import _answer


async def test_the_dialogue_of_an_export(rt: Runtime) -> None:
    place = await add_dialogue(rt, "Maradi – Nord")
    found = await exports.dialogue(rt, place.dialogue_id)
    assert found is not None and found.name == "Maradi – Nord"
    assert await exports.dialogue(rt, 999) is None
    name = exports.export_name(found, START.date(), ExportFormat.CSV.extension)
    assert name == "palabre-maradi-nord-2026-11-02.zip"
    assert ExportFormat.XLSX.extension == "xlsx"


async def test_an_export_is_of_today_and_of_its_scope(rt: Runtime, clock: Clock) -> None:
    maradi = await add_dialogue(rt, "Maradi", community=3)
    zinder = await add_dialogue(rt, "Zinder", community=3)
    started = await surveys.start_wave(rt, maradi.dialogue_id, (Role.COMMUNITY,))
    assert started is not None
    for person in maradi[Role.COMMUNITY]:
        await _answer(rt, started[0].id, person)
    clock.advance(days=3)
    await surveys.remind_and_close(rt)
    scope = await exports.dialogue(rt, maradi.dialogue_id)
    one = await exports.prepare(rt, scope)
    assert one.day == clock.moment.date()
    trust = next(s for s in one.book.sheets if s.name == TRUST_TRENDS.name)
    assert trust.rows and all("Maradi" in str(row) for row in trust.rows)
    every = await exports.prepare(rt, None)
    readme = every.book.sheets[0]
    assert "Zinder" in str(readme.rows) and "Maradi" in str(readme.rows)
    assert zinder.dialogue_id != maradi.dialogue_id


async def test_an_unknown_dialogue_is_refused(rt: Runtime) -> None:
    with pytest.raises(exports.UnknownDialogue):
        await exports.collect(rt.db, rt.settings, [999], today=START.date())
