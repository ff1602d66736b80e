"""/next and /close move the open round on; /results shows the latest closed round's results.

The facilitator who closes a round reads the results in the reply (the others get theirs
through the outbox), so nobody receives them twice.
"""

from __future__ import annotations

from telegram import Update

from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, facilitated_dialogue, reply
from bot.round_texts import PHASE_NAMES, results_for_facilitators
from bot.runtime import Runtime
from bot.scheduler import send_soon
from bot.telegram_html import split_message
from flows.rounds.lifecycle import Event, Phase, Refusal
from services import rounds


async def _move(update: Update, context: Context, event: Event) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None:
        return
    t = caller.t
    moved = await rounds.advance(
        rt, d, event, by_person_id=caller.person.id if caller.person else None
    )
    if moved is None:
        await reply(update, t._("There is no open round. Open one with /round."))
        return
    if isinstance(moved, Refusal):
        await reply(update, t._(moved.message))
        return
    phase = moved.round.phase
    messages = {
        Phase.MODERATING: t._(
            "Collecting has ended. Review the statements with /moderate, "
            "then /next opens the voting."
        ),
        Phase.VOTING: t._(
            "Voting is open: each participant receives the approved statements "
            "one at a time. /close ends the round."
        ),
        Phase.CLOSED: t._(
            "The round is closed. Everyone receives the results; yours are "
            "below. /results shows them again."
        ),
    }
    await reply(update, messages.get(phase, ""))
    if phase is Phase.CLOSED:
        await _send_results(update, rt, caller, moved.round.id)
    send_soon(context)


@command("next")
async def next_command(update: Update, context: Context) -> None:
    await _move(update, context, Event.NEXT)


@command("close")
async def close_command(update: Update, context: Context) -> None:
    await _move(update, context, Event.CLOSE)


async def _send_results(update: Update, rt: Runtime, caller: Caller, round_id: str) -> None:
    outcome = await rounds.outcome(rt, round_id)
    if outcome is not None:
        for chunk in split_message(
            results_for_facilitators(caller.t, outcome, rt.settings.min_group_size)
        ):
            await reply(update, chunk)


@command("results")
async def results_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None:
        return
    t = caller.t
    latest = await rounds.latest_round(rt, d)
    if latest is None:
        await reply(update, t._("No round yet. Open one with /round."))
        return
    if latest.is_open:
        await reply(
            update,
            t._(
                "The current round is in phase: {phase}. Results come when it closes.",
                phase=t._(PHASE_NAMES[latest.phase]),
            ),
        )
        return
    await _send_results(update, rt, caller, latest.id)
