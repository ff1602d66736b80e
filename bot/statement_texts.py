"""What a participant reads while writing statements: the prompt's button, the statement step,
the question asked about a text typed with no step waiting for it, and the receipts.

Pure functions of (values, translator), like :mod:`bot.round_texts`.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.buttons.rounds import StatementOfferAnswered, StatementStarted
from bot.i18n import Translator
from bot.keyboards import markup, typed
from bot.texts import esc, removal
from flows.roles import Role
from flows.rounds.lifecycle import Round
from flows.rounds.statements import CapReached, TooLong
from flows.rounds.templates import Prompt
from flows.text import N_

#: How much of the round's question the offer quotes.
QUOTED_PROMPT = 60


def write_button(t: Translator, round_id: str) -> InlineKeyboardMarkup:
    """Under the round prompt: the person chooses to write statements."""
    return markup([typed(t._("Write a statement"), StatementStarted(round_id))])


def ask(t: Translator, limit: int) -> str:
    """The statement step is open: what to type."""
    return t._(
        "Send your statement in one message (up to {limit} characters). You can send several, "
        "one per message. Send /cancel to stop.",
        limit=t.number(limit),
    )


def shortened(text: str, length: int = QUOTED_PROMPT) -> str:
    """``text`` on one line, cut at a word (with "…") when longer than ``length``."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def offer(t: Translator, r: Round, role: Role, nonce: str) -> tuple[str, InlineKeyboardMarkup]:
    """The question about a text typed with no step waiting for it, with Yes and No."""
    prompt, _language = Prompt(r.template_id, r.custom_prompt).text_for(role, t.language)
    text = t._(
        "Send this as your statement to the round «{prompt}»?", prompt=esc(shortened(prompt))
    )
    keyboard = markup(
        [
            typed(t._("Yes"), StatementOfferAnswered(r.id, nonce, True)),
            typed(t._("No"), StatementOfferAnswered(r.id, nonce, False)),
        ]
    )
    return text, keyboard


def cap_reached(t: Translator, refused: CapReached) -> str:
    return t.ngettext(
        "You have sent {cap} statement to this round, the most one person can send. Nothing "
        "more was saved; /mystatements shows yours.",
        "You have sent {cap} statements to this round, the most one person can send. Nothing "
        "more was saved; /mystatements shows yours.",
        refused.cap,
        cap=t.number(refused.cap),
    )


def too_long(t: Translator, refused: TooLong) -> str:
    return t._(
        "Your statement has {length} characters; the limit is {limit}. Nothing was saved: "
        "please shorten it and send it again.",
        length=t.number(refused.length),
        limit=t.number(refused.limit),
    )


def saved(t: Translator, yours: int, removed: bool | None) -> str:
    """The receipt of a stored statement; ``removed``: whether the person's message was
    deleted from the chat (None: there was none to delete)."""
    text = t._(
        "Received: your statement is saved ({count} so far). Send another, or /mystatements "
        "to review them.",
        count=t.number(yours),
    )
    return text + "\n" + removal(t, removed) if removed is not None else text


DECLINED = N_("Not sent. Nothing of it was kept.")
NOT_KEPT = N_(
    "That text was not kept: Palabre holds it only until you answer, and never across a "
    "restart. Please send it again."
)
EARLIER_OFFER = N_("This question is about an earlier message. Please answer the latest one.")
