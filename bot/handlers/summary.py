"""/summary: where the dialogue stands, for its facilitators, in one message (split cleanly
when it does not fit), and the same as an HTML document to share at the dialogue meeting."""

from __future__ import annotations

from io import BytesIO

from telegram import InputFile, Update

from bot import summary_texts as texts
from bot.buttons.surveys import SummaryDocument
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, facilitated_dialogue, reply
from bot.handlers.press import Press, on_press
from bot.keyboards import markup, typed
from bot.runtime import Runtime
from bot.telegram_html import split_message
from bot.texts import STALE_BUTTON
from services import summary as summaries
from services import surveys

LIMIT = 4096


async def _parts(rt: Runtime, caller: Caller, dialogue_id: int) -> list[str] | None:
    found = await summaries.gather(rt, dialogue_id)
    if found is None:
        return None
    instrument = (
        surveys.instrument(rt, found.trends.instrument_id) if found.trends is not None else None
    )
    return texts.sections(caller.t, found, rt.settings.min_group_size, rt.settings.zone, instrument)


@command("summary")
async def summary_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    parts = await _parts(rt, caller, dialogue_id)
    if parts is None:
        await reply(update, caller.t._(STALE_BUTTON))
        return
    messages = split_message("\n\n".join(parts), LIMIT)
    keyboard = markup([typed(caller.t._("Download as a document (HTML)"), SummaryDocument())])
    for n, text in enumerate(messages):
        await reply(update, text, keyboard if n == len(messages) - 1 else None)


@on_press(SummaryDocument, facilitator=True)
async def summary_document(press: Press[SummaryDocument]) -> None:
    rt, t, dialogue_id = press.rt, press.t, press.dialogue_id
    assert dialogue_id is not None
    parts = await _parts(rt, press.caller, dialogue_id)
    if parts is None:
        await press.stale()
        return
    await press.answer()
    title = t._("Palabre summary")
    page = texts.as_html(t, parts, title).encode("utf-8")
    name = f"palabre-summary-{dialogue_id}-{rt.today().isoformat()}.html"
    chat = press.update.effective_chat
    assert chat is not None
    await chat.send_document(
        InputFile(BytesIO(page), filename=name),
        caption=t._("The summary as a page to print or share at the dialogue meeting."),
    )
