"""Answering a survey without Telegram: the question a person is at, presses and typed text,
stale and forged input refused without a trace, and the finished survey stored apart from the
person."""

from __future__ import annotations

from flows.conversations import Conversation
from flows.roles import Role
from flows.surveys.session import Refusal
from services import surveys
from services.runtime import Runtime
from tests.services.conftest import Clock, add_dialogue


async def _wave(rt: Runtime, **groups: int) -> tuple[str, list[int]]:
    place = await add_dialogue(rt, **groups)
    started = await surveys.start_wave(rt, place.dialogue_id, tuple(Role(g) for g in groups))
    assert started is not None
    return started[0].id, [p for people in place.members.values() for p in people]


async def _state(rt: Runtime, wave_id: str, person_id: int) -> object:
    async with rt.db.read() as tx:
        return await tx.survey_participation.get(wave_id, person_id)


async def _answer_all(rt: Runtime, wave_id: str, person_id: int) -> surveys.Result:
    result = await surveys.current(rt, wave_id, person_id)
    while isinstance(result, surveys.Asked):
        given: surveys.Answer
        if result.item.is_text:
            given = surveys.Typed("Patrols at night")
        else:
            given = surveys.Choice(result.item.scale.choices[-2].id)
        result = await surveys.respond(rt, wave_id, person_id, result.session.position, given)
    return result


async def test_the_first_question_is_asked_and_an_answer_moves_on(rt: Runtime) -> None:
    wave, (person,) = await _wave(rt, community=1)
    asked = await surveys.current(rt, wave, person)
    assert isinstance(asked, surveys.Asked)
    assert asked.session.position == 0 and asked.refusal is None
    choice = asked.item.scale.choices[0].id
    moved = await surveys.respond(rt, wave, person, 0, surveys.Choice(choice))
    assert isinstance(moved, surveys.Asked) and moved.session.position == 1
    assert moved.session.answers == {asked.item.id: choice}
    again = await surveys.current(rt, wave, person)
    assert isinstance(again, surveys.Asked) and again.session.position == 1


async def test_stale_and_forged_answers_are_refused_and_change_nothing(rt: Runtime) -> None:
    wave, (person,) = await _wave(rt, community=1)
    before = await _state(rt, wave, person)
    for position, given, refusal in (
        (1, surveys.Choice("a_lot"), Refusal.STALE),  # a later question
        (99, surveys.Choice("a_lot"), Refusal.STALE),  # no such question
        (0, surveys.Choice("not_a_choice"), Refusal.UNKNOWN_CHOICE),
        (0, surveys.Typed("words"), Refusal.CHOICE_EXPECTED),
    ):
        result = await surveys.respond(rt, wave, person, position, given)
        assert isinstance(result, surveys.Asked), given
        assert result.refusal is refusal and result.session.position == 0
        assert await _state(rt, wave, person) == before
    # A double tap: the second press names the question already answered.
    await surveys.respond(rt, wave, person, 0, surveys.Choice("a_lot"))
    twice = await surveys.respond(rt, wave, person, 0, surveys.Choice("a_lot"))
    assert isinstance(twice, surveys.Asked) and twice.refusal is Refusal.STALE


async def test_someone_not_invited_or_a_wave_that_is_not_there_is_absent(rt: Runtime) -> None:
    wave, _ = await _wave(rt, community=1)
    outsider = await add_dialogue(rt, "Zinder", community=1)
    (stranger,) = outsider[Role.COMMUNITY]
    absent = await surveys.current(rt, wave, stranger)
    assert isinstance(absent, surveys.Unavailable)
    assert absent.reason is surveys.Unavailability.ABSENT and absent.wave is not None
    nowhere = await surveys.respond(rt, "ffffffffff", stranger, 0, surveys.Skip())
    assert nowhere == surveys.Unavailable(surveys.Unavailability.ABSENT)


async def test_after_the_window_the_wave_is_closed_even_before_the_tick(
    rt: Runtime, clock: Clock
) -> None:
    wave, (person,) = await _wave(rt, community=1)
    clock.advance(hours=72)
    result = await surveys.respond(rt, wave, person, 0, surveys.Choice("a_lot"))
    assert isinstance(result, surveys.Unavailable)
    assert result.reason is surveys.Unavailability.CLOSED


async def test_the_open_question_waits_for_text_which_is_stored_apart(rt: Runtime) -> None:
    wave, (person,) = await _wave(rt, community=1)
    result = await surveys.current(rt, wave, person)
    while isinstance(result, surveys.Asked) and not result.item.is_text:
        choice = surveys.Choice(result.item.scale.choices[0].id)
        result = await surveys.respond(
            rt, wave, person, result.session.position, choice, shown_on=42
        )
    assert isinstance(result, surveys.Asked) and result.item.is_text
    async with rt.db.read() as tx:
        waiting = await tx.conversations.get(person)
    assert waiting == Conversation(surveys.FLOW, "text", {"wave": wave, "message": 42})

    empty = await surveys.answer_typed(rt, wave, person, "   ")
    assert isinstance(empty, surveys.Asked) and empty.refusal is Refusal.EMPTY_TEXT
    done = await surveys.answer_typed(rt, wave, person, "Patrols at night")
    assert done == surveys.Finished(empty.wave)
    async with rt.db.read() as tx:
        assert await tx.conversations.get(person) is None
        (record,) = (await tx.survey_responses.of_wave(wave))[Role.COMMUNITY]
        assert await tx.survey_responses.open_answers(wave) == {
            Role.COMMUNITY: ["Patrols at night"]
        }
        part = await tx.survey_participation.get(wave, person)
    assert "Patrols at night" not in record.values()
    assert part is not None and part.finished and part.state is None
    assert rt.open_answers == {}
    again = await surveys.current(rt, wave, person)
    assert isinstance(again, surveys.Unavailable)
    assert again.reason is surveys.Unavailability.DONE


async def test_typed_text_after_the_wave_closed_leaves_the_text_step(
    rt: Runtime, clock: Clock
) -> None:
    wave, (person,) = await _wave(rt, community=1)
    async with rt.db.transaction() as tx:
        step = Conversation(surveys.FLOW, "text", {"wave": wave, "message": None})
        await tx.conversations.put(person, step, rt.now())
    clock.advance(hours=80)
    result = await surveys.answer_typed(rt, wave, person, "late words")
    assert isinstance(result, surveys.Unavailable)
    assert result.reason is surveys.Unavailability.CLOSED
    async with rt.db.read() as tx:
        assert await tx.conversations.get(person) is None


async def test_a_finished_survey_keeps_only_the_day_and_the_group(rt: Runtime) -> None:
    wave, people = await _wave(rt, community=2)
    for person in people:
        assert isinstance(await _answer_all(rt, wave, person), surveys.Finished)
    async with rt.db.read() as tx:
        records = await tx.survey_responses.of_wave(wave)
        assert await tx.survey_responses.count(wave) == {Role.COMMUNITY: 2}
    # Item id → choice id, nothing else: no person, no time, no open text.
    for record in records[Role.COMMUNITY]:
        assert set(record) <= {i.id for i in surveys.instrument(rt, "jsd_trust_v1").items}


async def test_an_answer_a_day_later_is_still_taken(rt: Runtime, clock: Clock) -> None:
    wave, (person,) = await _wave(rt, community=1)
    clock.advance(hours=24)
    result = await surveys.respond(rt, wave, person, 0, surveys.Skip())
    assert isinstance(result, surveys.Asked) and result.refusal is None
    assert result.session.position == 1
    clock.advance(hours=47, minutes=59)
    assert isinstance(await surveys.current(rt, wave, person), surveys.Asked)
    clock.advance(minutes=1)
    assert isinstance(await surveys.current(rt, wave, person), surveys.Unavailable)
