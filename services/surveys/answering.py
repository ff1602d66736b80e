"""Answering a survey: the question a person is at, and one answer (a press or a typed text).

The decisions are :mod:`flows.surveys.answering`'s; this loads the wave and the person's
participation in one unit of work and writes what the decision says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flows.conversations import Conversation
from flows.roles import Role
from flows.surveys.answering import (
    Answer,
    AwaitText,
    Completed,
    Refused,
    Saved,
    TextAnswered,
    Typed,
    Unavailability,
    availability,
    resume,
)
from flows.surveys.answering import respond as decide
from flows.surveys.items import Item
from flows.surveys.records import Participation, Wave
from flows.surveys.session import Refusal, SurveySession
from services import conversations
from services.runtime import Runtime
from services.surveys.instruments import instrument, wave_settings
from storage.repositories import Transaction

FLOW = "survey"


@dataclass(frozen=True)
class Asked:
    """The question to show now (with why the last input was refused, if it was)."""

    wave: Wave
    session: SurveySession
    item: Item
    refusal: Refusal | None = None


@dataclass(frozen=True)
class Finished:
    wave: Wave


@dataclass(frozen=True)
class Unavailable:
    """No question to ask, and why."""

    reason: Unavailability
    wave: Wave | None = None


Result = Asked | Finished | Unavailable


def session_of(rt: Runtime, wave: Wave, part: Participation) -> SurveySession:
    """The person's session, with the open answers this process holds for them."""
    texts = rt.open_answers.get((wave.id, part.person_id), {})
    return resume(instrument(rt, wave.instrument), wave.id, part, texts)


async def _load(
    rt: Runtime, tx: Transaction, wave_id: str, person_id: int
) -> tuple[Wave, Participation] | Unavailable:
    wave = await tx.survey_waves.get(wave_id)
    part = await tx.survey_participation.get(wave_id, person_id) if wave is not None else None
    why = availability(wave, part, wave_settings(rt), rt.now())
    if why is not None:
        return Unavailable(why, wave)
    assert wave is not None and part is not None
    return wave, part


def _asked(wave: Wave, session: SurveySession) -> Asked:
    item = session.current_item
    if item is None:  # every answer given but not stored: cannot happen, ask the last again
        session = SurveySession.start(session.instrument, session.role, wave.id)
        item = session.current_item
    assert item is not None
    return Asked(wave, session, item)


async def current(rt: Runtime, wave_id: str, person_id: int) -> Result:
    """Where the person stands in a wave: the question to ask, or why there is none."""
    async with rt.db.read() as tx:
        loaded = await _load(rt, tx, wave_id, person_id)
    if isinstance(loaded, Unavailable):
        return loaded
    wave, part = loaded
    return _asked(wave, session_of(rt, wave, part))


async def respond(
    rt: Runtime,
    wave_id: str,
    person_id: int,
    position: int,
    answer: Answer,
    shown_on: int | None = None,
) -> Result:
    """Record one answer (a press or a typed text) to the question at ``position``.

    ``shown_on``: the message the next question will be shown on, kept while an open question
    waits for typed text, so that its Skip button can be taken off once the text arrives.
    """
    async with rt.db.transaction() as tx:
        loaded = await _load(rt, tx, wave_id, person_id)
        if isinstance(loaded, Unavailable):
            return loaded
        wave, part = loaded
        return await _respond(rt, tx, wave, part, position, answer, shown_on)


async def answer_typed(rt: Runtime, wave_id: str, person_id: int, text: str) -> Result:
    """A typed answer to the open question the person is at; when there is none any more (the
    wave closed, or they finished), typed text no longer goes to the survey."""
    async with rt.db.transaction() as tx:
        loaded = await _load(rt, tx, wave_id, person_id)
        if isinstance(loaded, Unavailable):
            await tx.conversations.clear_flow(person_id, FLOW)
            return loaded
        wave, part = loaded
        position = _asked(wave, session_of(rt, wave, part)).session.position
        return await _respond(rt, tx, wave, part, position, Typed(text), None)


async def _respond(
    rt: Runtime,
    tx: Transaction,
    wave: Wave,
    part: Participation,
    position: int,
    answer: Answer,
    shown_on: int | None,
) -> Result:
    person_id = part.person_id
    session, events = decide(session_of(rt, wave, part), position, answer)
    result: Result | None = None
    for event in events:
        if isinstance(event, Refused):
            item = session.current_item
            assert item is not None
            return Asked(wave, session, item, event.refusal)
        if isinstance(event, Completed):
            await store_survey(rt, tx, wave, part.role, event.record, event.open_texts)
            await tx.survey_participation.finish(wave.id, person_id)
            await tx.conversations.clear_flow(person_id, FLOW)
            rt.open_answers.pop((wave.id, person_id), None)
            result = Finished(wave)
        elif isinstance(event, Saved):
            await tx.survey_participation.save(wave.id, person_id, dict(event.state))
            if event.open_texts:
                rt.open_answers[(wave.id, person_id)] = dict(event.open_texts)
        elif isinstance(event, AwaitText):
            step: dict[str, object] = {"wave": wave.id, "message": shown_on}
            await conversations.switch_to(rt, tx, person_id, Conversation(FLOW, "text", step))
        elif isinstance(event, TextAnswered):
            await tx.conversations.clear_flow(person_id, FLOW)
    if result is not None:
        return result
    item = session.current_item
    assert item is not None
    return Asked(wave, session, item)


async def store_survey(
    rt: Runtime,
    tx: Transaction,
    wave: Wave,
    role: Role,
    record: Mapping[str, str],
    open_texts: Mapping[str, str],
) -> None:
    """A survey written without any link to the person: the day only, under a random key, and
    its open answers apart from the other answers."""
    day = rt.today()
    await tx.survey_responses.add(rt.random_bytes(16).hex(), wave.id, role, day, dict(record))
    for item_id, text in open_texts.items():
        await tx.survey_responses.add_open_answer(
            rt.random_bytes(16).hex(), wave.id, role, item_id, text
        )


def forget_person(rt: Runtime, person_id: int) -> None:
    """The person deleted their profile: their surveys can never be finished, so the open
    answers held for them in memory go too."""
    for held in [k for k in rt.open_answers if k[1] == person_id]:
        del rt.open_answers[held]
