"""/trends: PNG charts of the trust index and the perception gap, sent as photos.

Facilitators get their active dialogue's two charts: the trust index per group over the closed
waves with 95 % confidence bands, and the latest perception gap per mirrored question. Program
staff get the same across every dialogue, a line per site in a panel per group (staff always
get this program view, whatever dialogue they have chosen). Nothing computed from fewer than k
answers is drawn (see ``bot.charts``). Charts are drawn in a worker thread so the bot keeps
answering others meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from telegram import InputFile, Update

from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, facilitated_dialogue, reply
from bot.i18n import Translator
from bot.runtime import Runtime
from bot.texts import esc
from flows.surveys.trends import Site
from services import surveys


def _charts() -> Any:
    """The chart drawing module, imported on the first chart (matplotlib is heavy: a bot that
    draws no chart never loads it)."""
    import bot.charts

    return bot.charts


#: (file name, PNG bytes, caption) of one photo, or a text to send instead.
Chart = tuple[str, bytes, str]


def _no_results(t: Translator, k: int) -> str:
    return t._(
        "There are no survey results to chart yet. Results appear once a survey has closed, "
        "for each group with at least {k} answers.",
        k=k,
    )


def _no_gap(t: Translator, k: int) -> str:
    return t._(
        "No perception gap to chart yet: it needs at least {k} answers from the community and "
        "from the police or officials in the same survey.",
        k=k,
    )


def _dialogue_charts(t: Translator, found: surveys.DialogueCharts) -> list[Chart | str]:
    trends, name = found.trends, found.name
    index = _charts().trust_index_chart(t, trends, found.opened, name)
    if index is None:
        return [_no_results(t, trends.k)]
    drawn: list[Chart | str] = [
        (
            "trust-index.png",
            index,
            t._(
                "The community's own trust in {dialogue}, and the police's and officials' "
                "estimate of it, out of 100, with confidence bands (95%).",
                dialogue=esc(name),
            ),
        )
    ]
    gap = _charts().perception_gap_chart(t, found.instrument, trends, found.opened, name)
    if gap is None:
        drawn.append(_no_gap(t, trends.k))
    else:
        caption = t._(
            "Perception gap in {dialogue}: what the police and officials think the community "
            "answers, next to what it says.",
            dialogue=esc(name),
        )
        drawn.append(("perception-gap.png", gap, caption))
    return drawn


def _program_charts(t: Translator, sites: Sequence[Site], k: int) -> list[Chart | str]:
    index = _charts().program_index_chart(t, sites)
    if index is None:
        return [_no_results(t, k)]
    found: list[Chart | str] = [
        (
            "trust-index-all-sites.png",
            index,
            t._(
                "The community's own trust, and the police's and officials' estimate of it, by "
                "site, out of 100, with confidence bands (95%): one line per dialogue."
            ),
        )
    ]
    gap = _charts().program_gap_chart(t, sites)
    if gap is None:
        found.append(_no_gap(t, k))
    else:
        caption = t._(
            "Perception gap by site: the police's and officials' estimate minus the "
            "community's own answer, averaged over the mirrored questions."
        )
        found.append(("perception-gap-all-sites.png", gap, caption))
    return found


async def _for_dialogue(rt: Runtime, t: Translator, dialogue_id: int) -> list[Chart | str]:
    found = await surveys.dialogue_charts(rt, dialogue_id)
    if found is None:
        return [_no_results(t, rt.settings.min_group_size)]
    return await asyncio.to_thread(_dialogue_charts, t, found)


async def _for_program(rt: Runtime, t: Translator) -> list[Chart | str]:
    k = rt.settings.min_group_size
    sites = await surveys.program_charts(rt)
    if not sites:
        return [_no_results(t, k)]
    return await asyncio.to_thread(_program_charts, t, sites, k)


@command("trends")
async def trends_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    if caller.is_staff:
        found = await _for_program(rt, t)
    else:
        dialogue_id = await facilitated_dialogue(update, caller)
        if dialogue_id is None:
            return
        found = await _for_dialogue(rt, t, dialogue_id)
    chat = update.effective_chat
    assert chat is not None
    for chart in found:
        if isinstance(chart, str):
            await reply(update, chart)
            continue
        name, data, caption = chart
        await chat.send_photo(photo=InputFile(data, filename=name), caption=caption)
