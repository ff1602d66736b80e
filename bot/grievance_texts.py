"""Grievance messages rendered for the person filing: the intake's questions, review and
receipt, and /status. (The facilitators' side is in ``bot.grievance_desk_texts``.)

Pure functions of (domain values, translator). Everything a person typed is HTML-escaped.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.buttons.grievances import (
    IntakeCancel,
    IntakeChoice,
    IntakeConfirm,
    IntakeEdit,
    ReceiptNoted,
)
from bot.i18n import Translator
from bot.keyboards import markup, typed
from bot.telegram_html import HOLE, fit
from bot.texts import bold, esc
from flows.disclosure import Cell, Mark
from flows.grievances.categories import Catalogue
from flows.grievances.identifying import IdentifyingKind
from flows.grievances.intake_events import (
    Ask,
    GrievanceDraft,
    Refusal,
    Refuse,
    Review,
    Step,
)
from flows.grievances.receipts import STATUS_LABELS
from flows.grievances.records import Grievance
from flows.text import N_

QUESTIONS = {
    Step.CATEGORY: N_("What is your grievance about?"),
    Step.AREA: N_("Where did it happen?"),
    Step.WHEN: N_("When did it happen?"),
}
STEP_NAMES = {
    Step.CATEGORY: N_("Change the subject"),
    Step.AREA: N_("Change the place"),
    Step.WHEN: N_("Change when"),
    Step.DESCRIPTION: N_("Change the description"),
}
REFUSALS = {
    Refusal.STALE_BUTTON: N_("This button is no longer valid. Please use the latest message."),
    Refusal.UNKNOWN_CHOICE: N_("This button is no longer valid. Please use the latest message."),
    Refusal.USE_BUTTONS: N_("Please answer with the buttons."),
    Refusal.MEDIA: N_(
        "Photos, voice messages, videos, files and locations are not accepted here: a voice, a "
        "face or a file's hidden details can identify you. Nothing of it was kept."
    ),
    Refusal.EMPTY: N_("That message is empty. Please describe what happened in words."),
    Refusal.NOT_NOW: N_("This button is no longer valid. Please use the latest message."),
    Refusal.FINISHED: N_("This grievance is finished. Send /grievance to file another one."),
}
IDENTIFYING = {
    IdentifyingKind.PHONE: N_("a phone number"),
    IdentifyingKind.EMAIL: N_("an e-mail address"),
}
STEPS_SHOWN = (Step.CATEGORY, Step.AREA, Step.WHEN, Step.DESCRIPTION)


def cell(t: Translator, value: Cell, k: int) -> str:
    """A count as published: "<k" when below k, "…" when hidden to protect another."""
    if value.mark is Mark.SMALL:
        return f"&lt;{t.number(k)}"
    if value.mark is not None:
        return "…"
    return t.number(value.value or 0)


def progress(t: Translator, step: Step, steps: tuple[Step, ...]) -> str:
    if step not in steps:
        return ""
    return t._("(step {n} of {total})", n=steps.index(step) + 1, total=len(steps))


def question(
    t: Translator,
    ask: Ask,
    catalogue: Catalogue,
    area_names: dict[str, str],
    steps: tuple[Step, ...],
) -> tuple[str, InlineKeyboardMarkup]:
    """A question with its buttons (each carries the step and a choice id)."""
    head = bold(t._("Anonymous grievance")) + f" {progress(t, ask.step, steps)}\n\n"
    cancel = [typed(t._("Cancel"), IntakeCancel())]
    if ask.step is Step.DESCRIPTION:
        text = head + t._(
            "Describe what happened in one message, in your own words (at most {limit} "
            "characters). Leave out names, phone numbers and anything else that could show who "
            "you are.",
            limit=t.number(ask.max_length or 0),
        )
        return text, markup(cancel)
    rows = [
        [
            typed(
                _choice_label(t, ask.step, choice, catalogue, area_names),
                IntakeChoice(ask.step, choice),
            )
        ]
        for choice in ask.choices
    ]
    return head + t._(QUESTIONS[ask.step]), markup(*rows, cancel)


def _choice_label(
    t: Translator, step: Step, choice: str, catalogue: Catalogue, area_names: dict[str, str]
) -> str:
    if step is Step.CATEGORY:
        found = catalogue.category(choice)
        return found.label(t.language) if found else choice
    if step is Step.WHEN:
        found = next((w for w in catalogue.when if w.id == choice), None)
        return found.label(t.language) if found else choice
    return area_names.get(choice, choice)


def answers(
    t: Translator, draft: GrievanceDraft, catalogue: Catalogue, area_names: dict[str, str]
) -> str:
    return "\n".join(
        [
            t._(
                "Subject: {value}",
                value=esc(_choice_label(t, Step.CATEGORY, draft.category, catalogue, area_names)),
            ),
            t._("Place: {value}", value=esc(area_names.get(draft.area, draft.area))),
            t._(
                "When: {value}",
                value=esc(_choice_label(t, Step.WHEN, draft.when, catalogue, area_names)),
            ),
        ]
    )


def review(
    t: Translator,
    shown: Review,
    token: str,
    catalogue: Catalogue,
    area_names: dict[str, str],
    warning: frozenset[IdentifyingKind] = frozenset(),
) -> tuple[str, InlineKeyboardMarkup]:
    parts = [
        bold(t._("Please check your grievance before sending it.")),
        answers(t, shown.draft, catalogue, area_names),
        f"«{HOLE}»",
    ]
    if warning:
        kinds = ", ".join(t._(IDENTIFYING[k]) for k in sorted(warning))
        parts.append(
            "⚠️ "
            + t._(
                "Your description seems to contain {details}. That can identify you or someone "
                "else. Change the description to leave it out, or send it as it is if you are "
                "sure.",
                details=kinds,
            )
        )
    parts.append(
        t._(
            "Nobody, not even the facilitators, will be able to see who sent it. "
            "After you send it, your description message is deleted from this chat."
        )
    )
    words = [esc(shown.draft.description)]
    text, shortened = fit("\n\n".join(parts), words)
    if shortened:
        parts[2] += "\n" + t._("(Shortened here to fit one message: all of it is sent.)")
        text, _ = fit("\n\n".join(parts), words)
    rows = [[typed(t._("Send it"), IntakeConfirm(token))]]
    rows += [[typed(t._(STEP_NAMES[s]), IntakeEdit(s))] for s in shown.editable]
    rows.append([typed(t._("Cancel"), IntakeCancel())])
    return text, markup(*rows)


def refusal(t: Translator, refused: Refuse) -> str:
    if refused.reason is Refusal.TOO_LONG:
        return t._(
            "Your description has {length} characters; the limit is {limit}. Please shorten it "
            "and send it again.",
            length=t.number(refused.length or 0),
            limit=t.number(refused.max_length or 0),
        )
    return t._(REFUSALS[refused.reason])


def receipt(t: Translator, code: str, deleted: bool | None, remaining: int) -> str:
    parts = [
        bold(t._("Your grievance has been received.")),
        t._("Your receipt code: <code>{code}</code>", code=code),
        t._(
            "Keep this code somewhere safe. Send /status {code} at any time to see what "
            "happened to your grievance and read the facilitators' reply. Nobody can look it up "
            "by your name: without the code, not even you.",
            code=code,
        ),
    ]
    if deleted is True:
        parts.append(t._("Your description message has been deleted from this chat."))
    elif deleted is False:
        parts.append(
            t._(
                "Palabre could not delete your description message from this chat: "
                "you may want to delete it yourself."
            )
        )
    if remaining == 0:
        parts.append(t._("That was your last grievance for today."))
    return "\n\n".join(parts)


def receipt_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """The receipt's one button: it deletes the receipt from the chat (a taken phone then shows
    no code that leads to the grievance)."""
    return markup([typed(t._("I have noted the code — delete this message"), ReceiptNoted())])


def receipt_without_code(t: Translator) -> str:
    """The receipt, once noted, when Telegram no longer lets the bot delete it (48 hours)."""
    return "\n\n".join(
        [
            bold(t._("Your grievance has been received.")),
            t._(
                "Its receipt code has been removed from this message, as you asked. Keep the "
                "code where you noted it: it is the only way back to your grievance."
            ),
        ]
    )


def status(t: Translator, grievance: Grievance, code: str, catalogue: Catalogue) -> str:
    found = catalogue.category(grievance.category)
    parts = [
        t._("<b>Grievance {code}</b>", code=code),
        t._(
            "Subject: {value}", value=esc(found.label(t.language) if found else grievance.category)
        ),
        t._("Received on {day}", day=t.date(grievance.filed_on)),
        t._("Status: {status}", status=t._(STATUS_LABELS[grievance.status])),
    ]
    if grievance.reply:
        parts.append(t._("Reply from the facilitators:") + f"\n«{HOLE}»")
    text = "\n".join(parts[:4]) + ("\n\n" + parts[4] if len(parts) > 4 else "")
    return fit(text, [esc(grievance.reply)] if grievance.reply else [])[0]
