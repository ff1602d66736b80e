"""One flow, one text, end to end: for every ordered pair of text flows — A started, then B
started, optionally /cancel, then a text typed — the text lands in B only (the flow chosen
last), or after /cancel in none: Palabre then asks whether it is a statement and keeps it in
memory only. The whole database is searched for the text after each scenario, so a text that
lands anywhere else (a statement nobody chose, a grievance, a stray step) fails the test.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from sandbox import BotApiSandbox
from tests.e2e.conftest import World
from tests.e2e.steps import choose_to_write, facilitated_dialogue, join, make_invite, settle
from tests.e2e.text_flows import FINISH, FLOWS, OFFER, SINKS, START, STEPS, Stage, staged

PAIRS = list(itertools.permutations(FLOWS, 2))
SCENARIOS = [(a, b, cancel) for a, b in PAIRS for cancel in (False, True)]
NEEDS_MENU = [i for i, (a, b, _) in enumerate(SCENARIOS) if "custom" in (a, b)]


async def _play(stage: Stage, number: int, a: str, b: str, cancel: bool) -> list[str]:
    """One scenario with a person of its own; what went wrong (nothing: an empty list)."""
    person = stage.people[number]
    text = f"Words #{number:03d} about the night patrols"
    person.unread.clear()  # the round prompt and the survey, kept in the chat
    await START[a](stage, person)
    assert await stage.step_of(person) == STEPS[a], f"{a} did not start"
    await START[b](stage, person)
    assert await stage.step_of(person) == STEPS[b], f"{b} did not start"
    if cancel:
        await person.send("/cancel")
        await person.expect(contains="Cancelled")
    person.unread.clear()
    typed = await person.send(text)
    if cancel:
        await person.expect(contains=OFFER)
    else:
        await FINISH[b](stage, person)
    await settle(stage.sandbox)

    problems = []
    expected = set() if cancel else {SINKS[b]}
    if (found := stage.found(text)) != expected:
        problems.append(f"the text is in {sorted(found)}, expected {sorted(expected)}")
    rt, person_id = stage.world.runtime, await stage.person_id(person)
    offered = rt.statement_offers.get(person_id)
    if cancel and (offered is None or offered.text != text):
        problems.append("the text is not held for the offer question")
    if not cancel and offered is not None:
        problems.append("a text is held for an offer nobody was asked")
    if any(OFFER in m.plain_text for m in person.inbox[-3:]) != cancel:
        problems.append("the offer question was " + ("not " if cancel else "") + "asked")
    draft = rt.intake_drafts.get(person_id)
    if draft is not None:
        problems.append(f"a grievance draft is still held (at {draft.step.value})")
    if b in ("statement", "survey") and not cancel and not typed.deleted:
        problems.append("the typed text was not removed from the chat")
    return problems


async def test_a_text_lands_only_in_the_flow_chosen_last(
    sandbox: BotApiSandbox, tmp_path: Path
) -> None:
    stage = await staged(sandbox, tmp_path, len(SCENARIOS), NEEDS_MENU)
    failures = []
    try:
        for number, (a, b, cancel) in enumerate(SCENARIOS):
            name = f"{a} → {b}{' → /cancel' if cancel else ''} → text"
            try:
                problems = await _play(stage, number, a, b, cancel)
            except AssertionError as exc:
                problems = [f"could not be played: {exc}"]
            failures += [f"{name}: {p}" for p in problems]
    finally:
        await stage.world.stack.aclose()
    assert failures == [], "\n".join(failures)


NEIGHBOUR = "My neighbour is beaten by the police at night"


async def _statements(stage: Stage) -> list[str]:
    async with stage.world.runtime.db.read() as tx:
        r = await tx.rounds.open_in(1)
        assert r is not None
        return [s.text for s in await tx.statements.of_round(r.id)]


async def test_a_text_after_leaving_a_flow_is_only_offered_as_a_statement(world: World) -> None:
    """The reported case: at a survey's open question, /grievance, /cancel, then a text. With
    moderation off a statement is public at once, so it must never be stored unasked."""
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    member = sb.participant("Hawa", language_code="en")
    await join(sb, member, link, "en")
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "The most pressing security problem")
    await settle(sb)
    await facilitator.press(menu, "Moderation on/off")
    await settle(sb)
    assert "Moderation: off" in menu.plain_text
    await facilitator.press(menu, "Open the round")
    await facilitator.send("/surveynow community")
    await world.drained()
    stage = Stage(world, [member])
    member.unread.clear()
    await START["survey"](stage, member)
    await START["grievance"](stage, member)
    await member.send("/cancel")
    await member.expect(contains="Cancelled")

    first = await member.send(NEIGHBOUR)
    offer = await member.expect(contains=OFFER)
    assert "«What is the most pressing security problem" in offer.plain_text
    assert [label for label, _ in offer.buttons] == ["Yes", "No"]
    await settle(sb)
    assert await _statements(stage) == [] and stage.found(NEIGHBOUR) == set()
    await member.press(offer, "No")
    await sb.until(lambda: "Not sent" in offer.plain_text, "the offer declined")
    assert await _statements(stage) == [] and not first.deleted

    # A newer text replaces the offer: a Yes on the older question never sends it.
    await member.send("Older words")
    older = await member.expect(contains=OFFER)
    newer_text = await member.send("The street lights are broken")
    newer = await member.expect(contains=OFFER)
    await member.press(older, "Yes")
    await sb.until(lambda: bool(member.toasts), "the refusal")
    assert "earlier message" in member.toasts[-1]
    assert await _statements(stage) == []
    await member.press(newer, "Yes")
    await sb.until(lambda: "saved" in newer.plain_text, "the statement saved")
    assert "removed from this chat for your safety" in newer.plain_text
    assert newer_text.deleted
    assert await _statements(stage) == ["The street lights are broken"]

    # Offered texts live in memory only: after a restart a Yes finds nothing to send.
    await member.send("Words before a restart")
    stale = await member.expect(contains=OFFER)
    await world.restart()
    await member.press(stale, "Yes")
    await sb.until(lambda: "not kept" in stale.plain_text, "the text not kept")
    assert "send it again" in stale.plain_text
    assert await _statements(stage) == ["The street lights are broken"]
    assert stage.found("Words before a restart") == set()


async def test_the_statement_step_takes_text_and_leaves_it_out_of_the_chat(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    member = sb.participant("Issa", language_code="fr")
    await join(sb, member, link, "fr")
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "What would build trust")
    await settle(sb)
    await facilitator.press(menu, "Open the round")
    await world.drained()
    prompt = await member.expect(contains="Écrire une déclaration")
    assert [label for label, _ in prompt.buttons] == ["Écrire une déclaration"]
    await choose_to_write(member)
    typed = await member.send("Que la police écoute avant de décider")
    receipt = await member.expect(contains="enregistrée")
    assert "retiré de cette conversation pour votre sécurité" in receipt.plain_text
    assert typed.deleted
    # The person chose to write statements: the next text is one too, without a question.
    await member.send("Des patrouilles à pied au marché")
    await member.expect(contains="(2 jusqu’ici)")
    await facilitator.send("/next")
    await world.drained()
    # The round no longer collects: the step is left, and nothing is kept.
    await member.send("Trop tard")
    await member.expect(contains="Aucun tour ne recueille de déclarations")
    stage = Stage(world, [member])
    assert await stage.step_of(member) is None
    assert stage.found("Trop tard") == set()
