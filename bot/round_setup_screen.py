"""The settings screen of a new round, rendered for the facilitator: its text and its buttons.

Every button carries the whole screen as it would become (:mod:`bot.buttons.rounds`), so the
screen needs nothing stored but the facilitator's own question.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.buttons.rounds import RoundOpened, RoundSetupChanged, RoundVersionAdded
from bot.i18n import Translator
from bot.keyboards import markup, rows, typed
from bot.round_texts import language_name, round_title
from bot.texts import esc, group_name
from flows.languages import SHIPPED_LANGUAGES
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase
from flows.rounds.templates import templates
from services.round_setup import Screen


def setup_text(t: Translator, screen: Screen) -> str:
    chosen = screen.setup
    if chosen.template_id is not None:
        question = esc(templates()[chosen.template_id].prompt(Role.COMMUNITY, t.language))
    else:
        question = "\n".join(
            f"{language_name(t, lang)}: {esc(text)}" for lang, text in screen.question
        )
    groups = ", ".join(group_name(t, role) for role in chosen.roles) or "—"

    def span(phase: Phase) -> str:
        n = chosen.deadline_days(phase)
        if n is None:
            return "—"
        return t.ngettext("{n} day", "{n} days", n, n=t.number(n)) if n else t._("none")

    return "\n".join(
        [
            t._("<b>New round: {title}</b>", title=esc(round_title(t, chosen.template_id))),
            "",
            question,
            "",
            t._("Asked to: {groups}", groups=groups),
            t._("Moderation: {state}", state=t._("on") if chosen.moderation else t._("off")),
            t._(
                "Deadlines — collecting: {collecting}; moderation: {moderation}; voting: "
                "{voting}. Without a deadline, /next moves the round on.",
                collecting=span(Phase.COLLECTING),
                moderation=span(Phase.MODERATING),
                voting=span(Phase.VOTING),
            ),
        ]
    )


def setup_keyboard(t: Translator, dialogue_id: int, screen: Screen) -> InlineKeyboardMarkup:
    chosen = screen.setup

    toggles = [
        typed(
            ("✓ " if role in chosen.roles else "· ") + group_name(t, role),
            RoundSetupChanged.of(dialogue_id, chosen.toggled(role)),
        )
        for role in STAKEHOLDER_ROLES
    ]
    extra = [
        typed(
            t._("Moderation on/off"),
            RoundSetupChanged.of(dialogue_id, chosen.moderation_toggled()),
        ),
        typed(
            t._("Deadline for collecting"),
            RoundSetupChanged.of(dialogue_id, chosen.cycled(Phase.COLLECTING)),
        ),
        typed(
            t._("Deadline for voting"),
            RoundSetupChanged.of(dialogue_id, chosen.cycled(Phase.VOTING)),
        ),
    ]
    if chosen.moderation:
        extra.insert(
            2,
            typed(
                t._("Deadline for moderation"),
                RoundSetupChanged.of(dialogue_id, chosen.cycled(Phase.MODERATING)),
            ),
        )
    versions = []
    if chosen.template_id is None:
        versions = [
            typed(
                t._("Add a version in {language}", language=language_name(t, lang)),
                RoundVersionAdded(dialogue_id, lang),
            )
            for lang in SHIPPED_LANGUAGES
        ]
    return markup(
        toggles,
        extra,
        *rows(versions, 1),
        [typed(t._("Open the round"), RoundOpened.of(dialogue_id, chosen))],
    )


def setup_screen(
    t: Translator, dialogue_id: int, screen: Screen
) -> tuple[str, InlineKeyboardMarkup]:
    return setup_text(t, screen), setup_keyboard(t, dialogue_id, screen)
