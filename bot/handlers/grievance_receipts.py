"""The grievance receipt's button, "I have noted the code — delete this message".

A receipt code left in the chat leads whoever takes the phone to the grievance (with /status,
or with the database). Once the person has noted it, the button deletes the receipt from the
chat. Telegram deletes only messages younger than 48 hours: an older receipt is edited to drop
the code instead. The button names nothing (no grievance key, no code): it acts on the message
it is on, and on nothing else.
"""

from __future__ import annotations

from telegram.error import TelegramError

from bot import grievance_texts as texts
from bot.buttons.grievances import ReceiptNoted
from bot.handlers.press import Press, on_press


@on_press(ReceiptNoted)
async def receipt_noted(press: Press[ReceiptNoted]) -> None:
    t, bot, shown = press.t, press.context.bot, press.query.message
    if shown is None:
        await press.stale()
        return
    chat_id, message_id = shown.chat.id, shown.message_id
    try:
        await bot.delete_message(chat_id, message_id)
    except TelegramError as exc:
        if "not found" not in str(exc).lower():  # "not found": it is gone already
            await _drop_code(press, chat_id, message_id)
            return
    await press.answer(t._("Deleted. Keep the code where you noted it."))


async def _drop_code(press: Press[ReceiptNoted], chat_id: int, message_id: int) -> None:
    """Edit the receipt to hold no code (a receipt too old to delete)."""
    t = press.t
    try:
        await press.context.bot.edit_message_text(
            texts.receipt_without_code(t), chat_id=chat_id, message_id=message_id
        )
    except TelegramError:
        await press.answer(
            t._(
                "Palabre could not delete this message or remove the code from it: please "
                "delete it yourself."
            ),
            alert=True,
        )
        return
    await press.answer(
        t._(
            "Telegram no longer lets Palabre delete this message, so the code has been removed "
            "from it instead."
        ),
        alert=True,
    )
