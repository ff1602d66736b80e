"""/export: the figures as an XLSX workbook or a zip of CSV files.

Facilitators export the dialogue they work in; program staff export every dialogue in one
file. The format buttons carry only the format (``ex:xlsx``, ``ex:csv``): who may export what
is decided again from the database when one is pressed, since buttons can be forged.
"""

from __future__ import annotations

import asyncio
from io import BytesIO

from telegram import InlineKeyboardMarkup, InputFile, Update

from bot.buttons.surveys import ExportChosen
from bot.caller import Caller
from bot.handlers.command import command
from bot.handlers.common import Context, caller_of, esc, facilitated_dialogue, reply
from bot.handlers.press import Press, on_press
from bot.keyboards import markup, typed
from flows.dialogues import Dialogue
from flows.exports.formats import ExportFormat
from services import exports


def _keyboard(caller: Caller) -> InlineKeyboardMarkup:
    t = caller.t
    return markup(
        [typed(t._("Excel workbook (XLSX)"), ExportChosen(ExportFormat.XLSX))],
        [typed(t._("CSV files (zip)"), ExportChosen(ExportFormat.CSV))],
    )


@command("export")
async def export_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    k = rt.settings.min_group_size
    if caller.is_staff:
        text = t._(
            "Export the figures of every dialogue in one file: trust trends, perception gaps, "
            "grievances, rounds with votes by group, and action items. Figures resting on "
            "fewer than {k} people are marked suppressed. Choose a format:",
            k=k,
        )
        await reply(update, text, _keyboard(caller))
        return
    dialogue_id = await facilitated_dialogue(update, caller)
    if dialogue_id is None:
        return
    dialogue = await exports.dialogue(rt, dialogue_id)
    text = t._(
        "Export the figures of {name}: trust trends, perception gaps, grievances, rounds with "
        "votes by group, and action items. Figures resting on fewer than {k} people are "
        "marked suppressed. Choose a format:",
        name=esc(dialogue.name if dialogue else dialogue_id),
        k=k,
    )
    await reply(update, text, _keyboard(caller))


@on_press(ExportChosen)
async def export_chosen(press: Press[ExportChosen]) -> None:
    rt, caller, t = press.rt, press.caller, press.t
    scope: Dialogue | None = None
    if not caller.is_staff:
        dialogue_id = caller.active_dialogue_id
        if dialogue_id is None or not caller.may_facilitate(dialogue_id):
            await press.not_allowed()
            return
        scope = await exports.dialogue(rt, dialogue_id)
        if scope is None:
            await press.stale()
            return
    kind = press.button.kind
    await press.answer(t._("Preparing the export…"))
    found = await exports.prepare(rt, scope)
    data = BytesIO()
    from bot.export_files import WRITERS  # openpyxl is heavy: loaded on the first export

    await asyncio.to_thread(WRITERS[kind], found.book, data)  # a large workbook takes a while
    today = found.day
    if scope is None:
        caption = t._("The figures of every dialogue, {day}.", day=t.date(today))
    else:
        caption = t._("The figures of {name}, {day}.", name=esc(scope.name), day=t.date(today))
    caption += "\n" + t._(
        "It holds grievance texts: keep it as carefully as the grievances themselves."
    )
    chat = press.update.effective_chat
    assert chat is not None
    name = exports.export_name(scope, today, kind.extension)
    await chat.send_document(InputFile(BytesIO(data.getvalue()), filename=name), caption=caption)
