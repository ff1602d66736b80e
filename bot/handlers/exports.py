"""/export: the figures as an XLSX workbook or a zip of CSV files.

Facilitators export the dialogue they work in; program staff export every dialogue in one
file. The format buttons carry only the format (``ex:xlsx``, ``ex:csv``): who may export what
is decided again from the database when one is pressed, since buttons can be forged.
"""

from __future__ import annotations

import asyncio
from io import BytesIO

from telegram import InputFile, Update

from bot.callbacks import decode
from bot.caller import Caller
from bot.export_files import write_csv_zip, write_xlsx
from bot.handlers.common import Context, answer, caller_of, esc, facilitated_dialogue, reply
from bot.keyboards import button, markup
from bot.runtime import Runtime
from bot.texts import NOT_ALLOWED, STALE_BUTTON
from flows.dialogues import Dialogue
from services import exports

WRITERS = {"xlsx": write_xlsx, "csv": write_csv_zip}


def _keyboard(caller: Caller):
    t = caller.t
    return markup(
        [button(t._("Excel workbook (XLSX)"), "ex", "xlsx")],
        [button(t._("CSV files (zip)"), "ex", "csv")],
    )


async def _dialogue(rt: Runtime, dialogue_id: int) -> Dialogue | None:
    async with rt.db.read() as tx:
        return await tx.dialogues.get(dialogue_id)


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
    dialogue = await _dialogue(rt, dialogue_id)
    text = t._(
        "Export the figures of {name}: trust trends, perception gaps, grievances, rounds with "
        "votes by group, and action items. Figures resting on fewer than {k} people are "
        "marked suppressed. Choose a format:",
        name=esc(dialogue.name if dialogue else dialogue_id),
        k=k,
    )
    await reply(update, text, _keyboard(caller))


async def export_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    t = caller.t
    scope: Dialogue | None = None
    if not caller.is_staff:
        dialogue_id = caller.active_dialogue_id
        if dialogue_id is None or not caller.may_facilitate(dialogue_id):
            await answer(query, t._(NOT_ALLOWED), alert=True)
            return
        scope = await _dialogue(rt, dialogue_id)
        if scope is None:
            await answer(query, t._(STALE_BUTTON), alert=True)
            return
    chosen = decode(query.data, "ex", 1)
    if chosen is None or chosen[0] not in WRITERS:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    kind = chosen[0]
    await answer(query, t._("Preparing the export…"))
    today = rt.today()
    book = await exports.collect(
        rt.db, rt.settings, None if scope is None else [scope.id], today=today
    )
    data = BytesIO()
    await asyncio.to_thread(WRITERS[kind], book, data)  # a large workbook takes a while
    name = exports.export_name(scope, today, exports.FORMATS[kind])
    if scope is None:
        caption = t._("The figures of every dialogue, {day}.", day=t.date(today))
    else:
        caption = t._("The figures of {name}, {day}.", name=esc(scope.name), day=t.date(today))
    caption += "\n" + t._(
        "It holds grievance texts: keep it as carefully as the grievances themselves."
    )
    chat = update.effective_chat
    assert chat is not None
    await chat.send_document(InputFile(BytesIO(data.getvalue()), filename=name), caption=caption)
