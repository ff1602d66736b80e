"""The prologue every button handler shares: decode the typed button, load the caller, check
the role on the server, and refuse politely what does not fit (a forged, stale or foreign
button). A handler then receives one ``Press`` with everything it needs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update

from bot.buttons import Button
from bot.caller import Caller
from bot.handlers.common import Context, answer, caller_of, edit_or_send
from bot.i18n import Translator
from bot.runtime import Runtime
from bot.texts import NOT_ALLOWED, STALE_BUTTON

B = TypeVar("B", bound=Button)
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Press(Generic[B]):
    update: Update
    context: Context
    query: CallbackQuery
    rt: Runtime
    caller: Caller
    button: B
    #: The dialogue the caller works in, checked to be one they facilitate (``facilitator``).
    dialogue_id: int | None = None

    @property
    def t(self) -> Translator:
        return self.caller.t

    @property
    def message(self) -> Message | None:
        """The message the button was on, while Telegram still shows it."""
        return self.query.message if isinstance(self.query.message, Message) else None

    async def answer(self, text: str | None = None, alert: bool = False) -> None:
        await answer(self.query, text, alert)

    async def stale(self) -> None:
        """The button no longer fits anything current: say so, change nothing."""
        await answer(self.query, self.t._(STALE_BUTTON), alert=True)

    async def not_allowed(self) -> None:
        await answer(self.query, self.t._(NOT_ALLOWED), alert=True)

    async def edit(self, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
        """Replace the message the button was on (or send anew if it is too old to edit)."""
        await edit_or_send(self.query, text, keyboard)


def on_press(
    kind: type[B], *, facilitator: bool = False
) -> Callable[[Callable[[Press[B]], Awaitable[None]]], Callback]:
    """Make ``fn(press)`` the handler of ``kind`` buttons.

    With ``facilitator``, only a facilitator of the caller's current dialogue (or program
    staff) gets through, whatever the button says.
    """

    def wrap(fn: Callable[[Press[B]], Awaitable[None]]) -> Callback:
        async def callback(update: Update, context: Context) -> None:
            query = update.callback_query
            assert query is not None
            rt, caller = await caller_of(update, context)
            button = kind.decode(query.data)
            dialogue_id = caller.active_dialogue_id
            if facilitator and (dialogue_id is None or not caller.may_facilitate(dialogue_id)):
                await answer(query, caller.t._(NOT_ALLOWED), alert=True)
                return
            if button is None:
                await answer(query, caller.t._(STALE_BUTTON), alert=True)
                return
            await fn(Press(update, context, query, rt, caller, button, dialogue_id))

        callback.__name__ = getattr(fn, "__name__", "pressed")
        callback.__doc__ = fn.__doc__
        callback.button = kind  # type: ignore[attr-defined]
        return callback

    return wrap


def button_of(callback: Any) -> type[Button]:
    """The button kind a callback made by ``on_press`` handles."""
    kind: type[Button] = callback.button
    return kind
