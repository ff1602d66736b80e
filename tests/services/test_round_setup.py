"""Setting a round up through the use cases: the facilitator's own question, the settings
screen's checks, and opening the round it shows."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flows.notices import RoundPrompt
from flows.roles import Role
from flows.rounds.lifecycle import Phase, Refusal, Round
from flows.rounds.setup import RoundSetup, SetupProblem
from flows.rounds.statements import Empty, TooLong
from flows.rounds.templates import MAX_PROMPT
from services import round_setup, rounds
from services.round_setup import Screen
from tests.services.round_place import place


async def test_a_template_screen_needs_a_known_template_and_offered_deadlines(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        f = p.facilitator.id
        trust = RoundSetup("trust")
        assert await round_setup.screen(p.rt, f, trust) == Screen(trust)
        assert await round_setup.screen(p.rt, f, RoundSetup("nope")) is (
            SetupProblem.UNKNOWN_TEMPLATE
        )
        odd = RoundSetup("trust", days=(2, 0, 0))
        assert await round_setup.screen(p.rt, f, odd) is SetupProblem.BAD_DEADLINE
        assert await round_setup.screen(p.rt, f, RoundSetup(None)) is SetupProblem.NO_QUESTION


async def test_the_facilitators_own_question_in_two_languages(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        f = p.facilitator.id
        assert not await round_setup.begin_version(p.rt, f, p.dialogue_id, "fr")  # nothing yet
        await round_setup.begin_question(p.rt, f, p.dialogue_id)
        async with p.rt.db.read() as tx:
            step = await tx.conversations.get(f)
        assert step is not None and step.flow == round_setup.FLOW
        assert await round_setup.write_version(p.rt, f, p.dialogue_id, step, "  ", "en") == Empty()
        too_long = "q" * (MAX_PROMPT + 1)
        assert await round_setup.write_version(p.rt, f, p.dialogue_id, step, too_long, "en") == (
            TooLong(MAX_PROMPT, MAX_PROMPT + 1)
        )
        written = await round_setup.write_version(
            p.rt, f, p.dialogue_id, step, " What should  change? ", "en"
        )
        assert written == (("en", "What should change?"),)
        assert await round_setup.custom_question(p.rt, f) == written
        assert not await round_setup.begin_version(p.rt, f, p.dialogue_id, "es")
        assert await round_setup.begin_version(p.rt, f, p.dialogue_id, "fr")
        async with p.rt.db.read() as tx:
            step = await tx.conversations.get(f)
        assert step is not None
        both = await round_setup.write_version(p.rt, f, p.dialogue_id, step, "Que changer ?", "en")
        assert both == (("en", "What should change?"), ("fr", "Que changer ?"))
        custom = RoundSetup(None, roles=(Role.COMMUNITY,))
        assert await round_setup.screen(p.rt, f, custom) == Screen(custom, both)


async def test_opening_the_round_the_screen_shows(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        f = p.facilitator.id
        await round_setup.begin_question(p.rt, f, p.dialogue_id)
        async with p.rt.db.read() as tx:
            step = await tx.conversations.get(f)
        assert step is not None
        await round_setup.write_version(p.rt, f, p.dialogue_id, step, "Our question", "en")
        nobody = RoundSetup(None, roles=())
        assert await round_setup.open_round(p.rt, f, p.dialogue_id, nobody) is Refusal.NO_ROLES
        assert await round_setup.custom_question(p.rt, f) is not None  # kept after a refusal
        chosen = RoundSetup(None, roles=(Role.POLICE,), moderation=False, days=(1, 3, 7))
        opened = await round_setup.open_round(p.rt, f, p.dialogue_id, chosen)
        assert isinstance(opened, Round)
        assert opened.custom_prompt == (("en", "Our question"),) and opened.template_id is None
        assert opened.settings.roles == (Role.POLICE,) and not opened.settings.moderation
        # Without moderation, its deadline is not kept.
        assert opened.settings.deadlines == {
            Phase.COLLECTING: timedelta(days=1),
            Phase.VOTING: timedelta(days=7),
        }
        assert await round_setup.custom_question(p.rt, f) is None  # the step is left
        assert await p.notices() == [RoundPrompt(x.id, opened.id) for x in p.people[Role.POLICE]]
        again = await round_setup.open_round(p.rt, f, p.dialogue_id, RoundSetup("trust"))
        assert again is Refusal.ROUND_OPEN
        assert await rounds.latest_round(p.rt, p.dialogue_id) == opened
