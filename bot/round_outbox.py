"""How each kind of round message in the outbox is rendered for its recipient."""

from __future__ import annotations

from bot import outbox
from bot.i18n import Translator
from bot.keyboards import button, markup
from bot.round_texts import (
    prompt_text,
    results_for_facilitators,
    results_for_participants,
    vote_card,
)
from bot.runtime import Runtime
from bot.texts import esc, split_message
from flows.roles import Role
from flows.rounds.actions import STATUS_LABELS, ActionStatus
from services import rounds
from storage.repositories.outbox import OutboxItem


async def _role(rt: Runtime, item: OutboxItem, dialogue_id: int) -> Role | None:
    async with rt.db.read() as tx:
        membership = await tx.people.membership(item.person_id, dialogue_id)
    return membership.role if membership else None


@outbox.renderer("round_prompt")
async def round_prompt(rt: Runtime, item: OutboxItem, t: Translator) -> outbox.Rendered:
    async with rt.db.read() as tx:
        r = await tx.rounds.get(str(item.payload["round"]))
    if r is None or not r.is_open:
        return []
    role = await _role(rt, item, r.dialogue_id)
    if role is None or role not in r.settings.roles:
        return []
    return [
        (prompt_text(t, r.template_id, r.custom_prompt, role, r.settings.statement_limit), None)
    ]


@outbox.renderer("moderation_ready")
async def moderation_ready(rt: Runtime, item: OutboxItem, t: Translator) -> outbox.Rendered:
    return [(t._("Collecting has ended. Statements wait for you: /moderate."), None)]


@outbox.renderer("vote_next")
async def vote_next(rt: Runtime, item: OutboxItem, t: Translator) -> outbox.Rendered:
    card = await rounds.voting_card(rt, str(item.payload["round"]), item.person_id)
    if card is None:
        return []
    role = await _role(rt, item, card.round.dialogue_id)
    if card.statement is None:
        return [(t._("Voting is open, but no statement was approved in this round."), None)]
    intro = t._(
        "<b>Voting is open.</b> Read what each group said and tell whether you agree. "
        "Your vote is anonymous; you can change it until the round closes."
    )
    text, keyboard = vote_card(t, card, role)
    return [(intro, None), (text, keyboard)]


@outbox.renderer("round_results")
async def round_results(rt: Runtime, item: OutboxItem, t: Translator) -> outbox.Rendered:
    outcome = await rounds.outcome(rt, str(item.payload["round"]))
    if outcome is None:
        return []
    role = await _role(rt, item, outcome.round.dialogue_id)
    if role is Role.FACILITATOR:
        text = results_for_facilitators(t, outcome, rt.settings.min_group_size)
    else:
        text = results_for_participants(t, outcome)
    return [(chunk, None) for chunk in split_message(text)]


@outbox.renderer("action_check")
async def action_check(rt: Runtime, item: OutboxItem, t: Translator) -> outbox.Rendered:
    async with rt.db.read() as tx:
        action = await tx.actions.get(str(item.payload["action"]))
    if action is None or action.status in {ActionStatus.DONE, ActionStatus.DROPPED}:
        return []
    buttons = [
        button(t._(STATUS_LABELS[s]), "act", "s", action.id, s.value)
        for s in (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED)
    ]
    return [
        (
            t._("This action item is due: «{text}». How is it going?", text=esc(action.text)),
            markup(buttons),
        )
    ]


@outbox.renderer("action_done")
async def action_done(rt: Runtime, item: OutboxItem, t: Translator) -> outbox.Rendered:
    async with rt.db.read() as tx:
        action = await tx.actions.get(str(item.payload["action"]))
    if action is None:
        return []
    return [
        (
            t._(
                "Good news: an action agreed in your dialogue is done: «{text}».",
                text=esc(action.text),
            ),
            None,
        )
    ]
