"""Filing grievances straight through the use cases, for the tests of what comes after."""

from __future__ import annotations

from flows.dialogues import Person
from flows.grievances.intake_events import Choose, Confirm, Done, Step, Text
from services import grievances
from services.runtime import Runtime


async def file(
    rt: Runtime,
    person: Person,
    dialogue_id: int,
    category: str = "corruption",
    text: str = "The clerk asked for money",
    *,
    area: str | None = None,
    when: str = "this_week",
) -> grievances.Filed:
    begun = await grievances.begin(rt, person.id, person.telegram_id, dialogue_id)
    assert isinstance(begun, grievances.Begun)
    intake = begun.intake
    events = [Choose(Step.CATEGORY, category)]
    if area is not None:
        events.append(Choose(Step.AREA, area))
    for event in (*events, Choose(Step.WHEN, when), Text(text)):
        intake, _ = await grievances.apply(rt, person.id, intake, event)
    _, effects = await grievances.apply(rt, person.id, intake, Confirm(), review=intake.review)
    (done,) = effects
    assert isinstance(done, Done)
    filed = await grievances.file(rt, person.id, person.telegram_id, dialogue_id, done.draft)
    assert isinstance(filed, grievances.Filed), filed
    return filed
