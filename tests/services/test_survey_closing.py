"""Reminders and closing without Telegram: who is reminded, which half-finished surveys are
kept, the counts frozen per group, and who took part forgotten."""

from __future__ import annotations

from flows.notices import SurveyReminder
from flows.roles import Role
from services import surveys
from services.runtime import Runtime
from tests.services.conftest import Clock, add_dialogue, queued


async def _answer(rt: Runtime, wave: str, person: int, questions: int | None = None) -> None:
    """Answer ``questions`` questions (every one when None), the open one with text."""
    result = await surveys.current(rt, wave, person)
    answered = 0
    while isinstance(result, surveys.Asked) and (questions is None or answered < questions):
        given: surveys.Answer = (
            surveys.Typed("Lights at the market")
            if result.item.is_text
            else surveys.Choice(result.item.scale.choices[1].id)
        )
        result = await surveys.respond(rt, wave, person, result.session.position, given)
        answered += 1


async def _block(rt: Runtime, person: int) -> None:
    async with rt.db.transaction() as tx:
        await tx.people.set_active(person, False)


async def test_reminders_go_to_those_who_have_not_finished_once_each(
    rt: Runtime, clock: Clock
) -> None:
    place = await add_dialogue(rt, community=4)
    done, halfway, untouched, blocked = place[Role.COMMUNITY]
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY,))
    assert started is not None
    wave = started[0].id
    await _answer(rt, wave, done)
    await _answer(rt, wave, halfway, 2)
    await _block(rt, blocked)
    assert await surveys.remind_and_close(rt) == (0, 0)
    clock.advance(hours=24)
    assert await surveys.remind_and_close(rt) == (2, 0)
    reminders = [n for n in await queued(rt) if isinstance(n, SurveyReminder)]
    assert reminders == [SurveyReminder(p, wave, 0) for p in (halfway, untouched)]
    assert await surveys.remind_and_close(rt) == (0, 0)  # the same reminder: not again
    clock.advance(hours=30)  # down past the second reminder: one reminder, the latest
    assert await surveys.remind_and_close(rt) == (2, 0)
    assert await surveys.remind_and_close(rt) == (0, 0)


async def test_closing_keeps_surveys_complete_enough_and_freezes_the_counts(
    rt: Runtime, clock: Clock
) -> None:
    place = await add_dialogue(rt, community=5, police=2)
    finished, most, little, nothing, blocked = place[Role.COMMUNITY]
    officer, _silent = place[Role.POLICE]
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY, Role.POLICE))
    assert started is not None
    wave = started[0].id
    await _answer(rt, wave, finished)
    await _answer(rt, wave, most, 5)  # more than half the index questions: kept
    await _answer(rt, wave, little, 1)  # one question: left out
    await _block(rt, blocked)
    await _answer(rt, wave, officer)
    clock.advance(hours=72)
    assert await surveys.remind_and_close(rt) == (0, 1)
    assert await surveys.remind_and_close(rt) == (0, 0)
    async with rt.db.read() as tx:
        assert await tx.survey_waves.counts(wave) == {
            Role.COMMUNITY: (5, 1, 2),
            Role.POLICE: (2, 0, 1),
        }
        assert await tx.survey_responses.count(wave) == {Role.COMMUNITY: 2, Role.POLICE: 1}
        assert await tx.survey_participation.of_wave(wave) == []  # who took part: forgotten
        closed = await tx.survey_waves.get(wave)
    assert closed is not None and closed.closed
    assert await surveys.open_wave(rt, place.dialogue_id) is None
    assert rt.open_answers == {}
    late = await surveys.respond(rt, wave, nothing, 0, surveys.Skip())
    assert isinstance(late, surveys.Unavailable)
    assert late.reason is surveys.Unavailability.CLOSED


async def test_a_survey_waiting_for_its_open_answer_is_kept_and_its_step_left(
    rt: Runtime, clock: Clock
) -> None:
    place = await add_dialogue(rt, community=1)
    (person,) = place[Role.COMMUNITY]
    started = await surveys.start_wave(rt, place.dialogue_id, (Role.COMMUNITY,))
    assert started is not None
    wave = started[0].id
    result = await surveys.current(rt, wave, person)
    while isinstance(result, surveys.Asked) and not result.item.is_text:
        choice = surveys.Choice(result.item.scale.choices[1].id)
        result = await surveys.respond(rt, wave, person, result.session.position, choice)
    assert isinstance(result, surveys.Asked) and result.item.is_text
    async with rt.db.read() as tx:
        assert await tx.conversations.get(person) is not None  # typed text goes to the survey
    clock.advance(hours=72)
    assert await surveys.remind_and_close(rt) == (0, 1)
    async with rt.db.read() as tx:
        assert await tx.survey_responses.count(wave) == {Role.COMMUNITY: 1}
        assert await tx.survey_responses.open_answers(wave) == {}
        assert await tx.conversations.get(person) is None
