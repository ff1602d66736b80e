"""How each kind of round message in the outbox is rendered for its recipient."""

from __future__ import annotations

from bot import outbox
from bot.buttons.actions import ActionStatusAnswered
from bot.i18n import Translator
from bot.keyboards import markup, typed
from bot.round_texts import (
    prompt_text,
    results_for_facilitators,
    results_for_participants,
    vote_card,
)
from bot.runtime import Runtime
from bot.statement_texts import write_button
from bot.telegram_html import split_message
from bot.texts import esc
from flows.notices import (
    ActionCheck,
    ActionDone,
    ModerationReady,
    RoundPrompt,
    RoundResults,
    VotingOpen,
)
from flows.roles import Role
from flows.rounds.actions import ACTIVE, STATUS_ANSWERS, STATUS_LABELS
from services import actions, rounds, voting


@outbox.renderer(RoundPrompt)
async def round_prompt(rt: Runtime, notice: RoundPrompt, t: Translator) -> outbox.Rendered:
    asked = await rounds.prompted(rt, notice.round_id, notice.person_id)
    if asked is None:
        return []
    r, role = asked
    text = prompt_text(t, r.template_id, r.custom_prompt, role, r.settings.statement_limit)
    return [(text, write_button(t, r.id))]


@outbox.renderer(ModerationReady)
async def moderation_ready(rt: Runtime, notice: ModerationReady, t: Translator) -> outbox.Rendered:
    return [(t._("Collecting has ended. Statements wait for you: /moderate."), None)]


@outbox.renderer(VotingOpen)
async def vote_next(rt: Runtime, notice: VotingOpen, t: Translator) -> outbox.Rendered:
    card = await voting.voting_card(rt, notice.round_id, notice.person_id)
    if card is None:
        return []
    role = await rounds.role_in_round(rt, notice.person_id, card.round)
    if card.statement is None:
        return [(t._("Voting is open, but no statement was approved in this round."), None)]
    intro = t._(
        "<b>Voting is open.</b> Read what each group said and tell whether you agree. "
        "Your vote is anonymous; you can change it until the round closes."
    )
    text, keyboard = vote_card(t, card, role)
    return [(intro, None), (text, keyboard)]


@outbox.renderer(RoundResults)
async def round_results(rt: Runtime, notice: RoundResults, t: Translator) -> outbox.Rendered:
    outcome = await rounds.outcome(rt, notice.round_id)
    if outcome is None:
        return []
    role = await rounds.role_in_round(rt, notice.person_id, outcome.round)
    if role is Role.FACILITATOR:
        text = results_for_facilitators(t, outcome, rt.settings.min_group_size)
    else:
        text = results_for_participants(t, outcome)
    return [(chunk, None) for chunk in split_message(text)]


@outbox.renderer(ActionCheck)
async def action_check(rt: Runtime, notice: ActionCheck, t: Translator) -> outbox.Rendered:
    action = await actions.get(rt, notice.action_id)
    if action is None or action.status not in ACTIVE:
        return []
    buttons = [
        typed(t._(STATUS_LABELS[s]), ActionStatusAnswered(action.id, s)) for s in STATUS_ANSWERS
    ]
    return [
        (
            t._("This action item is due: «{text}». How is it going?", text=esc(action.text)),
            markup(buttons),
        )
    ]


@outbox.renderer(ActionDone)
async def action_done(rt: Runtime, notice: ActionDone, t: Translator) -> outbox.Rendered:
    action = await actions.get(rt, notice.action_id)
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
