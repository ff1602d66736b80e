"""Rounds at the edge: /round, /next, /close, /results for facilitators; statements,
/mystatements and /vote for participants."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import as_int, decode
from bot.caller import Caller
from bot.handlers.common import (
    Context,
    answer,
    caller_of,
    edit_or_send,
    esc,
    facilitated_dialogue,
    reply,
    step_dialogue,
)
from bot.keyboards import button, markup, rows
from bot.round_texts import (
    language_name,
    quote,
    results_for_facilitators,
    round_title,
    vote_card,
)
from bot.runtime import Runtime
from bot.scheduler import send_soon
from bot.steps import text_step
from bot.texts import NO_DIALOGUE, NOT_ALLOWED, STALE_BUTTON, group_name, split_message
from flows.conversations import Conversation
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Phase, Refusal, RoundSettings
from flows.rounds.statements import Empty, TooLong
from flows.rounds.templates import MAX_PROMPT, templates
from flows.rounds.voting import VOTE_LABELS, parse_vote
from flows.text import N_
from services import rounds

CUSTOM = "round_custom"
ROLE_LETTERS = {"c": Role.COMMUNITY, "p": Role.POLICE, "o": Role.OFFICIAL}
DEADLINE_CYCLE = {0: 1, 1: 3, 3: 7, 7: 0}
NO_DEADLINES: tuple[int, int, int] = (0, 0, 0)
Days = tuple[int, int, int]


def _days(text: str) -> Days | None:
    """Deadlines per phase (collecting, moderation, voting) in days, as buttons carry them."""
    parts = text.split(".")
    if len(parts) != 3 or not all(p.isdigit() and int(p) in DEADLINE_CYCLE for p in parts):
        return None
    return (int(parts[0]), int(parts[1]), int(parts[2]))


PHASE_NAMES = {
    Phase.COLLECTING: N_("collecting statements"),
    Phase.MODERATING: N_("moderation"),
    Phase.VOTING: N_("voting"),
    Phase.CLOSED: N_("closed"),
}


# -- opening a round -----------------------------------------------------------------------


async def round_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None:
        return
    t = caller.t
    current = await rounds.latest_round(rt, d)
    if current is not None and current.is_open:
        await reply(
            update,
            t._(
                "A round is already open ({phase}). Move it on with /next, or end it with /close.",
                phase=t._(PHASE_NAMES[current.phase]),
            ),
        )
        return
    buttons = [
        button(tpl.title.get(t.language, tpl.title["en"]), "rnd", "t", d, tpl.id)
        for tpl in templates().values()
    ]
    buttons.append(button(t._("Write my own question"), "rnd", "c", d))
    await reply(update, t._("Which question should the new round ask?"), markup(*rows(buttons, 1)))


def _settings_text(
    rt: Runtime,
    caller: Caller,
    tpl: str,
    mask: str,
    mod: str,
    days: Days,
    custom: list[list[str]] | None,
) -> str:
    t = caller.t
    if tpl != "-":
        question = esc(templates()[tpl].prompt(Role.COMMUNITY, t.language))
        title = round_title(t, tpl)
    else:
        question = "\n".join(
            f"{language_name(t, lang)}: {esc(text)}" for lang, text in custom or []
        )
        title = round_title(t, None)
    groups = ", ".join(group_name(t, ROLE_LETTERS[ch]) for ch in mask) or "—"

    def span(n: int) -> str:
        return t.ngettext("{n} day", "{n} days", n, n=t.number(n)) if n else t._("none")

    return "\n".join(
        [
            t._("<b>New round: {title}</b>", title=esc(title)),
            "",
            question,
            "",
            t._("Asked to: {groups}", groups=groups),
            t._("Moderation: {state}", state=t._("on") if mod == "1" else t._("off")),
            t._(
                "Deadlines — collecting: {collecting}; moderation: {moderation}; voting: "
                "{voting}. Without a deadline, /next moves the round on.",
                collecting=span(days[0]),
                moderation=span(days[1]) if mod == "1" else "—",
                voting=span(days[2]),
            ),
        ]
    )


def _settings_keyboard(caller: Caller, d: int, tpl: str, mask: str, mod: str, days: Days):  # noqa: ANN202
    t = caller.t

    def state(m: str, o: str, n: Days) -> tuple[object, ...]:
        return (d, tpl, m or "-", o, ".".join(str(x) for x in n))

    def cycled(index: int) -> Days:
        return tuple(DEADLINE_CYCLE[x] if i == index else x for i, x in enumerate(days))  # type: ignore[return-value]

    toggles = []
    for letter, role in ROLE_LETTERS.items():
        new = (
            mask.replace(letter, "")
            if letter in mask
            else "".join(ch for ch in "cpo" if ch in mask + letter)
        )
        mark = "✓ " if letter in mask else "· "
        toggles.append(button(mark + group_name(t, role), "rnd", "s", *state(new, mod, days)))
    extra = [
        button(
            t._("Moderation on/off"), "rnd", "s", *state(mask, "0" if mod == "1" else "1", days)
        ),
        button(t._("Deadline for collecting"), "rnd", "s", *state(mask, mod, cycled(0))),
        button(t._("Deadline for voting"), "rnd", "s", *state(mask, mod, cycled(2))),
    ]
    if mod == "1":
        extra.insert(
            2, button(t._("Deadline for moderation"), "rnd", "s", *state(mask, mod, cycled(1)))
        )
    language_rows = []
    if tpl == "-":
        language_rows = [
            button(
                t._("Add a version in {language}", language=language_name(t, lang)),
                "rnd",
                "l",
                d,
                lang,
            )
            for lang in ("en", "fr", "ar")
        ]
    return markup(
        toggles,
        extra,
        *rows(language_rows, 1),
        [button(t._("Open the round"), "rnd", "o", *state(mask, mod, days))],
    )


async def _custom_of(rt: Runtime, caller: Caller) -> list[list[str]] | None:
    if caller.person is None:
        return None
    async with rt.db.read() as tx:
        conversation = await tx.conversations.get(caller.person.id)
    if conversation is None or conversation.flow != CUSTOM:
        return None
    custom = conversation.payload.get("custom")
    return custom if isinstance(custom, list) and custom else None


async def round_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    t = caller.t
    fields = (query.data or "").split(":")
    d = as_int(fields[2]) if len(fields) > 2 else None
    if d is None or not caller.may_facilitate(d):
        await answer(query, t._(NOT_ALLOWED if d is not None else STALE_BUTTON), alert=True)
        return
    action = fields[1]
    if action == "t" and (parts := decode(query.data, "rnd", 3)) and parts[2] in templates():
        await answer(query)
        await edit_or_send(
            query,
            _settings_text(rt, caller, parts[2], "cpo", "1", NO_DEADLINES, None),
            _settings_keyboard(caller, d, parts[2], "cpo", "1", NO_DEADLINES),
        )
        return
    if action == "c" and decode(query.data, "rnd", 2) and caller.person is not None:
        async with rt.db.transaction() as tx:
            await tx.conversations.put(
                caller.person.id, Conversation(CUSTOM, "text", {"dialogue": d}), rt.now()
            )
        await answer(query)
        await reply(update, _ask_custom(caller, None))
        return
    if action == "l" and (parts := decode(query.data, "rnd", 3)) and caller.person is not None:
        custom = await _custom_of(rt, caller)
        if custom is None or parts[2] not in rt.settings.languages:
            await answer(query, t._(STALE_BUTTON), alert=True)
            return
        async with rt.db.transaction() as tx:
            await tx.conversations.put(
                caller.person.id,
                Conversation(
                    CUSTOM, "translate", {"dialogue": d, "custom": custom, "language": parts[2]}
                ),
                rt.now(),
            )
        await answer(query)
        await reply(
            update,
            t._(
                "Send the question in {language}, or /cancel.", language=language_name(t, parts[2])
            ),
        )
        return
    parts = decode(query.data, "rnd", 6) if action in {"s", "o"} else None
    valid = parts is not None and (parts[2] in templates() or parts[2] == "-")
    if not valid or parts is None:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    tpl, mask, mod, days = parts[2], parts[3].replace("-", ""), parts[4], _days(parts[5])
    custom = await _custom_of(rt, caller) if tpl == "-" else None
    if (
        mod not in {"0", "1"}
        or days is None
        or any(ch not in "cpo" for ch in mask)
        or (tpl == "-" and custom is None)
    ):
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    if action == "s":
        await answer(query)
        await edit_or_send(
            query,
            _settings_text(rt, caller, tpl, mask, mod, days, custom),
            _settings_keyboard(caller, d, tpl, mask, mod, days),
        )
        return
    if not mask:
        await answer(query, t._("Choose at least one group."), alert=True)
        return
    await _open(update, context, rt, caller, d, tpl, mask, mod, days, custom)


async def _open(
    update: Update,
    context: Context,
    rt: Runtime,
    caller: Caller,
    d: int,
    tpl: str,
    mask: str,
    mod: str,
    days: Days,
    custom: list[list[str]] | None,
) -> None:
    from datetime import timedelta

    query = update.callback_query
    assert query is not None
    t = caller.t
    phases = (Phase.COLLECTING, Phase.MODERATING, Phase.VOTING)
    deadlines = {p: timedelta(days=n) for p, n in zip(phases, days, strict=True) if n}
    if mod != "1":
        deadlines.pop(Phase.MODERATING, None)
    settings = RoundSettings(
        roles=tuple(r for ch, r in ROLE_LETTERS.items() if ch in mask),
        moderation=mod == "1",
        deadlines=deadlines,
        statement_limit=rt.settings.statement_limit,
    )
    opened = await rounds.open_round(
        rt,
        d,
        settings,
        None if tpl == "-" else tpl,
        tuple((lang, text) for lang, text in custom or []),
    )
    if isinstance(opened, Refusal):
        await answer(query, t._("A round is already open in this dialogue."), alert=True)
        return
    if tpl == "-" and caller.person is not None:
        async with rt.db.transaction() as tx:
            await tx.conversations.clear(caller.person.id)
    await answer(query)
    await edit_or_send(
        query,
        t._(
            "The round is open: the question is on its way to the participants. Statements "
            "arrive anonymously; /moderate reviews them, /next moves the round on, /close ends it."
        ),
    )
    send_soon(context)


def _ask_custom(caller: Caller, _conversation: Conversation | None) -> str:
    return caller.t._(
        "Type the question for this round (up to {limit} characters), or /cancel.",
        limit=caller.t.number(MAX_PROMPT),
    )


@text_step(CUSTOM, _ask_custom)
async def custom_typed(
    update: Update,
    context: Context,
    rt: Runtime,
    caller: Caller,
    conversation: Conversation,
    text: str,
) -> None:
    t = caller.t
    d = await step_dialogue(update, caller, conversation)
    if d is None or caller.person is None:
        return
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_PROMPT:
        await reply(
            update,
            t._(
                "A question needs 1 to {limit} characters. Please send it again.",
                limit=t.number(MAX_PROMPT),
            ),
        )
        return
    language = str(conversation.payload.get("language") or t.language)
    custom = [list(pair) for pair in conversation.payload.get("custom", [])]  # type: ignore[union-attr]
    # Replace this language's version in place, so the original stays first.
    if any(pair[0] == language for pair in custom):
        custom = [[lang, cleaned if lang == language else text_] for lang, text_ in custom]
    else:
        custom.append([language, cleaned])
    async with rt.db.transaction() as tx:
        await tx.conversations.put(
            caller.person.id,
            Conversation(CUSTOM, "settings", {"dialogue": d, "custom": custom}),
            rt.now(),
        )
    await reply(
        update,
        _settings_text(rt, caller, "-", "cpo", "1", NO_DEADLINES, custom),
        _settings_keyboard(caller, d, "-", "cpo", "1", NO_DEADLINES),
    )


# -- moving a round on ---------------------------------------------------------------------


async def _move(update: Update, context: Context, to_close: bool) -> None:
    rt, caller = await caller_of(update, context)
    d = await facilitated_dialogue(update, caller)
    if d is None:
        return
    t = caller.t
    moved = await rounds.advance(
        rt, d, to_close=to_close, by_person_id=caller.person.id if caller.person else None
    )
    if moved is None:
        await reply(update, t._("There is no open round. Open one with /round."))
        return
    if isinstance(moved, Refusal):
        await reply(update, t._("This round is already closed."))
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


async def next_command(update: Update, context: Context) -> None:
    await _move(update, context, to_close=False)


async def close_command(update: Update, context: Context) -> None:
    await _move(update, context, to_close=True)


async def _send_results(update: Update, rt: Runtime, caller: Caller, round_id: str) -> None:
    outcome = await rounds.outcome(rt, round_id)
    if outcome is not None:
        for chunk in split_message(
            results_for_facilitators(caller.t, outcome, rt.settings.min_group_size)
        ):
            await reply(update, chunk)


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


# -- statements ----------------------------------------------------------------------------


async def statement_typed(update: Update, rt: Runtime, caller: Caller, text: str) -> bool:
    """Text with no open step: a statement, if the person's group is being asked. Handled?"""
    current = caller.current
    if current is None or caller.person is None or current.role not in STAKEHOLDER_ROLES:
        return False
    t = caller.t
    saved = await rounds.submit(
        rt, caller.person, current.dialogue_id, current.role, t.language, text
    )
    if isinstance(saved, rounds.NotCollecting):
        return False
    if isinstance(saved, TooLong):
        await reply(
            update,
            t._(
                "Your statement has {length} characters; the limit is {limit}. Nothing was saved: "
                "please shorten it and send it again.",
                length=t.number(saved.length),
                limit=t.number(saved.limit),
            ),
        )
        return True
    if isinstance(saved, Empty):
        return False
    await reply(
        update,
        t._(
            "Received: your statement is saved ({count} so far). Send another, or /mystatements "
            "to review them.",
            count=t.number(saved.yours),
        ),
    )
    return True


async def my_statements(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    current = caller.current
    if current is None or caller.person is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    r, mine = await rounds.mine(rt, caller.person, current.dialogue_id)
    if r is None or r.phase is not Phase.COLLECTING:
        await reply(update, t._("No round is collecting statements right now."))
        return
    if not mine:
        await reply(update, t._("You have not sent a statement in this round yet."))
        return
    lines = [
        t._(
            "Your statements in this round (only you can see this list, and only while "
            "the round collects):"
        )
    ]
    lines += [f"{i}. {quote(t, s)}" for i, s in enumerate(mine, 1)]
    buttons = [
        button(t._("Withdraw {number}", number=i), "wd", s.id) for i, s in enumerate(mine, 1)
    ]
    await reply(update, "\n".join(lines), markup(*rows(buttons, 3)))


async def withdraw_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    parts = decode(query.data, "wd", 1)
    t = caller.t
    if (
        parts is None
        or caller.person is None
        or not await rounds.withdraw(rt, caller.person, parts[0])
    ):
        await answer(query, t._("This statement can no longer be withdrawn."), alert=True)
        return
    await answer(query, t._("Withdrawn."))
    await edit_or_send(query, t._("Your statement was withdrawn. /mystatements shows the rest."))


# -- voting --------------------------------------------------------------------------------


async def vote_command(update: Update, context: Context) -> None:
    rt, caller = await caller_of(update, context)
    t = caller.t
    current = caller.current
    if current is None or caller.person is None:
        await reply(update, t._(NO_DIALOGUE))
        return
    latest = await rounds.latest_round(rt, current.dialogue_id)
    card = await rounds.voting_card(rt, latest.id, caller.person.id) if latest else None
    if card is None or current.role not in card.round.settings.roles:
        await reply(update, t._("There is nothing to vote on right now."))
        return
    text, keyboard = vote_card(t, card, current.role)
    await reply(update, text, keyboard)


async def vote_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    rt, caller = await caller_of(update, context)
    t = caller.t
    parts = decode(query.data, "vote", 2)
    choice = parse_vote(parts[1]) if parts else None
    if parts is None or choice is None or caller.person is None:
        await answer(query, t._(STALE_BUTTON), alert=True)
        return
    result = await rounds.vote(rt, caller.person, parts[0], choice)
    if isinstance(result, rounds.VoteRefused):
        await answer(
            query,
            t._("This round is closed: votes are no longer counted. Thank you!")
            if result.closed
            else t._(STALE_BUTTON),
            alert=True,
        )
        return
    await answer(query, t._("Vote changed.") if result.changed else t._("Vote recorded."))
    message = query.message
    if message is not None and getattr(message, "text_html", None):
        marker = t._("Your vote: {vote}", vote=t._(VOTE_LABELS[choice]))
        base = message.text_html.split("\n\n✔")[0]
        await edit_or_send(
            query,
            f"{base}\n\n✔ {marker}",
            message.reply_markup if hasattr(message, "reply_markup") else None,
        )
    if result.next_card is not None:
        role = caller.role_in(result.next_card.round.dialogue_id)
        text, keyboard = vote_card(t, result.next_card, role)
        await reply(update, text, keyboard)
