"""The text flows of Palabre, driven through the sandbox, for the interleaving tests: how each
is started (so that the next text is its to take), how it is finished, and where its text ends
up in the database.

One stage serves every scenario: a dialogue with a collecting round (moderation on, one pending
statement), an open survey wave, one grievance on the desk, and a crowd of people who are each
a community member of the dialogue and program staff (so that one person can start every flow:
write a statement, file a grievance, answer the survey, add an action item, reply to a
grievance, write a round's question, name a dialogue, translate a statement). Each scenario
has a person of its own, so no scenario sees another's steps or memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Collection
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import build_application, running, runtime_of
from bot.config import Settings
from sandbox import BotApiSandbox, BotMessage, VirtualParticipant
from services import (
    actions,
    conversations,
    grievances,
    moderation,
    round_setup,
    statements,
    surveys,
)
from services.enrolment import NEW_DIALOGUE
from tests.e2e.conftest import TOKEN, Clock, World
from tests.e2e.steps import choose_to_write, join, link_in, make_invite, pick_language, settle

FLOWS = ("statement", "grievance", "survey", "action", "reply", "custom", "name", "translation")
#: The step each flow keeps while it waits for text.
STEPS = {
    "statement": statements.FLOW,
    "grievance": grievances.FLOW,
    "survey": surveys.FLOW,
    "action": actions.FLOW,
    "reply": grievances.REPLY_FLOW,
    "custom": round_setup.FLOW,
    "name": NEW_DIALOGUE,
    "translation": moderation.FLOW,
}
#: Where each flow's text is in the database once the flow is done with it.
SINKS = {
    "statement": "statements.text",
    "grievance": "grievances.description",
    "survey": "survey_open_answers.text",
    "action": "action_items.text",
    "reply": "grievances.reply",
    "custom": "conversations.payload",  # the question stays in the step until the round opens
    "name": "dialogues.name",
    "translation": "statements.translations",
}
OFFER = "Send this as your statement to the round"


@dataclass
class Stage:
    world: World
    people: list[VirtualParticipant]
    #: /round menus, fetched before the round opened (its «Write my own question» stays valid).
    menus: dict[int, BotMessage] = field(default_factory=dict)

    @property
    def sandbox(self) -> BotApiSandbox:
        return self.world.sandbox

    async def person_id(self, person: VirtualParticipant) -> int:
        async with self.world.runtime.db.read() as tx:
            found = await tx.people.by_telegram_id(person.user_id)
        assert found is not None
        return found.id

    async def step_of(self, person: VirtualParticipant) -> str | None:
        """The step the person is in: in the database, or in memory (a grievance intake)."""
        step = await conversations.current(self.world.runtime, await self.person_id(person))
        return step.flow if step is not None else None

    def found(self, text: str) -> set[str]:
        """Every ``table.column`` of the database holding ``text``: all tables, all columns."""
        places: set[str] = set()
        with sqlite3.connect(f"file:{self.world.db_path}?mode=ro", uri=True) as conn:
            tables = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            for table in tables:
                cursor = conn.execute(f'SELECT * FROM "{table}"')
                columns = [d[0] for d in cursor.description]
                for row in cursor:
                    for column, value in zip(columns, row, strict=True):
                        if isinstance(value, str) and text in value:
                            places.add(f"{table}.{column}")
        return places


async def staged(
    sandbox: BotApiSandbox, tmp_path: Path, crowd: int, menus: Collection[int] = ()
) -> Stage:
    """The stage (see the module's docstring), with ``crowd`` people; those numbered in
    ``menus`` keep a /round menu."""
    staff = sandbox.participant("Grace", language_code="en")
    people = [sandbox.participant(f"p{i}", language_code="en") for i in range(crowd)]
    clock = Clock()
    settings = Settings(
        token=TOKEN,
        api_root=sandbox.api_root,
        db_path=tmp_path / "palabre.db",
        admins=frozenset({staff.user_id, *(p.user_id for p in people)}),
        timezone="Africa/Niamey",
    )
    app = build_application(settings, clock=clock)
    sandbox.watch(app)
    stack = AsyncExitStack()
    await stack.enter_async_context(running(app))
    world = World(sandbox, app, runtime_of(app), staff, clock, settings.db_path, settings, stack)
    stage = Stage(world, people)

    await staff.send("/start")
    await staff.expect()
    await pick_language(sandbox, staff, "en")
    await staff.send("/newdialogue Maradi Nord")
    facilitator = sandbox.participant("Moussa", language_code="en")
    await join(sandbox, facilitator, link_in(await staff.expect(contains="Maradi")), "en")
    link = await make_invite(sandbox, facilitator, "community member", "No limit", "30 days")
    helper = sandbox.participant("Aicha", language_code="en")
    for person in [helper, *people]:
        await join(sandbox, person, link, "en")
    for person in (people[i] for i in menus):
        await person.send("/round")
        stage.menus[person.user_id] = await person.expect(contains="Which question")
    # A grievance on the desk, to reply to.
    await file_grievance(stage, helper, "The road to the well is not lit at night")
    # A round collecting (moderation on), with one pending statement to translate.
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "The most pressing security problem")
    await settle(sandbox)
    await facilitator.press(menu, "Open the round")
    await world.drained()
    await choose_to_write(helper)
    await helper.send("Patrols should also pass by the market")
    await helper.expect(contains="saved")
    # A survey wave to every community member.
    await facilitator.send("/surveynow community")
    await facilitator.expect(contains="Survey started")
    await world.drained()
    return stage


async def press_prefix(person: VirtualParticipant, message: BotMessage, prefix: str) -> None:
    """Press the first button whose callback data starts with ``prefix``."""
    label = next((text for text, data in message.buttons if data.startswith(prefix)), None)
    assert label is not None, f"no {prefix!r} button on {message.plain_text[:80]!r}"
    await person.press(message, label)


async def file_grievance(stage: Stage, person: VirtualParticipant, text: str) -> None:
    await start_grievance(stage, person)
    await person.send(text)
    await finish_grievance(stage, person)


# -- starting each flow: afterwards, the person's next text is the flow's ---------------------


async def start_statement(stage: Stage, person: VirtualParticipant) -> None:
    await choose_to_write(person)


async def start_grievance(stage: Stage, person: VirtualParticipant) -> None:
    await person.send("/grievance")
    await person.expect(contains="This is anonymous")
    question = await person.expect()
    await press_prefix(person, question, "gv:c:category:")
    await settle(stage.sandbox)
    await press_prefix(person, question, "gv:c:when:")
    await settle(stage.sandbox)


async def start_survey(stage: Stage, person: VirtualParticipant) -> None:
    """Answer the survey up to its open question."""
    question = next(m for m in person.inbox if any(d.startswith("sv:") for _, d in m.buttons))
    while "Type your answer" not in question.plain_text:
        choices = [d for _, d in question.buttons if not d.endswith(":-")]
        await press_prefix(person, question, choices[0])
        await settle(stage.sandbox)


async def start_action(stage: Stage, person: VirtualParticipant) -> None:
    await person.send("/action")
    await person.expect(contains="What is the action")


async def start_reply(stage: Stage, person: VirtualParticipant) -> None:
    await person.send("/grievances")
    await settle(stage.sandbox)
    digest = next(m for m in reversed(person.inbox) if m.buttons)
    person.unread.clear()
    await person.press(digest, "Read the grievances")
    await settle(stage.sandbox)
    await person.press(digest, "Write a public reply")
    await person.expect(contains="Type the public reply")


async def start_custom(stage: Stage, person: VirtualParticipant) -> None:
    await person.press(stage.menus[person.user_id], "Write my own question")
    await person.expect(contains="Type the question")


async def start_name(stage: Stage, person: VirtualParticipant) -> None:
    await person.send("/newdialogue")
    await person.expect(contains="What is the new dialogue called")


async def start_translation(stage: Stage, person: VirtualParticipant) -> None:
    await person.send("/moderate")
    card = await person.expect(contains="for moderation")
    await person.press(card, "Add a translation: French")
    await person.expect(contains="Send the statement in French")


# -- what each flow answers a text with (and what finishes it, so that it is stored) -----------


async def finish_statement(stage: Stage, person: VirtualParticipant) -> None:
    await person.expect(contains="your statement is saved")


async def finish_grievance(stage: Stage, person: VirtualParticipant) -> None:
    review = await person.expect(contains="Please check your grievance")
    await person.press(review, "Send it")
    await stage.sandbox.until(lambda: "receipt code" in review.plain_text, "the receipt")


async def finish_survey(stage: Stage, person: VirtualParticipant) -> None:
    await person.expect(contains="Thank you")


async def finish_action(stage: Stage, person: VirtualParticipant) -> None:
    owner = await person.expect(contains="Who owns it")
    await press_prefix(person, owner, "act:o:")
    await settle(stage.sandbox)
    await press_prefix(person, owner, "act:d:")
    await stage.sandbox.until(lambda: "Action item added" in owner.plain_text, "the item")


async def finish_reply(stage: Stage, person: VirtualParticipant) -> None:
    await person.expect(contains="public reply is saved")


async def finish_custom(stage: Stage, person: VirtualParticipant) -> None:
    await person.expect(contains="New round:")


async def finish_name(stage: Stage, person: VirtualParticipant) -> None:
    await person.expect(contains="created")


async def finish_translation(stage: Stage, person: VirtualParticipant) -> None:
    await person.expect(contains="Saved")


Act = Callable[[Stage, VirtualParticipant], Awaitable[None]]
START: dict[str, Act] = {
    "statement": start_statement,
    "grievance": start_grievance,
    "survey": start_survey,
    "action": start_action,
    "reply": start_reply,
    "custom": start_custom,
    "name": start_name,
    "translation": start_translation,
}
FINISH: dict[str, Act] = {
    "statement": finish_statement,
    "grievance": finish_grievance,
    "survey": finish_survey,
    "action": finish_action,
    "reply": finish_reply,
    "custom": finish_custom,
    "name": finish_name,
    "translation": finish_translation,
}
