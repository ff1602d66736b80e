"""Use cases of setting a round up: the facilitator's own question, and opening the round.

The question being written is kept as a step of its own (``FLOW``) in the database, so that a
restart resumes it and /cancel leaves it; it is cleared once the round opens with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.conversations import Conversation
from flows.rounds import setup
from flows.rounds.lifecycle import Refusal, Round
from flows.rounds.setup import CustomQuestion, RoundSetup, SetupProblem
from flows.rounds.statements import Empty, TooLong
from flows.rounds.templates import templates
from services import conversations, rounds
from services.runtime import Runtime

FLOW = "round_custom"
TEXT, TRANSLATE, SETTINGS = "text", "translate", "settings"


def _question(step: Conversation | None) -> CustomQuestion | None:
    """The question written so far in ``step`` (None: not this flow, or nothing yet)."""
    if step is None or step.flow != FLOW:
        return None
    pairs = step.payload.get("custom")
    if not isinstance(pairs, list) or not pairs:
        return None
    question = tuple(
        (str(pair[0]), str(pair[1])) for pair in pairs if isinstance(pair, list) and len(pair) == 2
    )
    return question if len(question) == len(pairs) else None


async def custom_question(rt: Runtime, person_id: int) -> CustomQuestion | None:
    async with rt.db.read() as tx:
        return _question(await tx.conversations.get(person_id))


async def begin_question(rt: Runtime, person_id: int, dialogue_id: int) -> None:
    """The facilitator types the round's question next."""
    async with rt.db.transaction() as tx:
        await conversations.switch_to(
            rt, tx, person_id, Conversation(FLOW, TEXT, {"dialogue": dialogue_id})
        )


async def begin_version(rt: Runtime, person_id: int, dialogue_id: int, language: str) -> bool:
    """The facilitator types the question in ``language`` next; False when there is no
    question yet or the language is not offered (an outdated or forged button)."""
    if language not in rt.settings.languages:
        return False
    async with rt.db.transaction() as tx:
        question = _question(await tx.conversations.get(person_id))
        if question is None:
            return False
        payload = {"dialogue": dialogue_id, "custom": _stored(question), "language": language}
        await conversations.switch_to(rt, tx, person_id, Conversation(FLOW, TRANSLATE, payload))
    return True


async def write_version(
    rt: Runtime, person_id: int, dialogue_id: int, step: Conversation, text: str, language: str
) -> CustomQuestion | TooLong | Empty:
    """The typed question (in the step's language, else ``language``, the writer's) added."""
    chosen = step.payload.get("language")
    written = setup.with_version(
        _question(step) or (), chosen if isinstance(chosen, str) else language, text
    )
    if not isinstance(written, tuple):
        return written
    payload = {"dialogue": dialogue_id, "custom": _stored(written)}
    async with rt.db.transaction() as tx:
        await conversations.switch_to(rt, tx, person_id, Conversation(FLOW, SETTINGS, payload))
    return written


@dataclass(frozen=True)
class Screen:
    """A settings screen that can be shown: the setup, and the facilitator's own question when
    the setup asks one (empty for a template)."""

    setup: RoundSetup
    question: CustomQuestion = ()


def _screen(chosen: RoundSetup, step: Conversation | None) -> Screen | SetupProblem:
    found = chosen.problem(set(templates()))
    if found is not None:
        return found
    if chosen.template_id is not None:
        return Screen(chosen)
    question = _question(step)
    return SetupProblem.NO_QUESTION if question is None else Screen(chosen, question)


async def screen(rt: Runtime, person_id: int | None, chosen: RoundSetup) -> Screen | SetupProblem:
    """The screen for ``chosen`` (from a button: checked), or why it cannot be shown."""
    if chosen.template_id is not None or person_id is None:
        return _screen(chosen, None)
    async with rt.db.read() as tx:
        return _screen(chosen, await tx.conversations.get(person_id))


async def open_round(
    rt: Runtime, person_id: int | None, dialogue_id: int, chosen: RoundSetup
) -> Round | Refusal | SetupProblem:
    """Open the round the settings screen shows, in one unit of work; the facilitator's own
    question, if that is what it asks, is taken from their step, and the step left."""
    async with rt.db.transaction() as tx:
        step = await tx.conversations.get(person_id) if person_id is not None else None
        shown = _screen(chosen, step)
        if isinstance(shown, SetupProblem):
            return shown
        settings = chosen.settings(rt.settings.statement_limit)
        opened = await rounds.opened(
            rt, tx, dialogue_id, settings, chosen.template_id, shown.question
        )
        if isinstance(opened, Round) and shown.question and person_id is not None:
            await tx.conversations.clear_flow(person_id, FLOW)
    return opened


def _stored(question: CustomQuestion) -> list[list[str]]:
    return [list(pair) for pair in question]
