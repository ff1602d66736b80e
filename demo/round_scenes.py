"""Demo scenes for a full dialogue round: collect, moderate, translate, vote, close, act."""

from __future__ import annotations

from demo.cast import Cast
from sandbox import BotMessage, VirtualParticipant

STATEMENTS = [
    ("community", 0, "Les patrouilles de nuit devraient passer aussi par le marché."),
    ("community", 1, "نريد أن تستمع الشرطة إلينا قبل أن تتخذ قرارًا."),
    ("community", 3, "Officers should give a receipt for every fine."),
    (
        "community",
        2,
        "Le commissaire Garba a frappé mon frère devant sa maison.",
    ),  # names: rejected
    ("community", 4, "الشرطي موسى في الحاجز يطلب المال من السائقين."),  # edited: no name
    ("police", 0, "Les habitants ne signalent rien par peur des représailles."),
    ("police", 2, "We need the community to tell us when strangers arrive with weapons."),
    ("official", 2, "The council will publish how the security budget is spent."),
]
EDITED = "شرطي في الحاجز يطلب المال من السائقين."
TRANSLATION = ("Night patrols should also pass through the market.", "en")
ACTION = "Publier chaque mois les horaires des patrouilles de nuit au marché"


def _group(cast: Cast, role: str) -> list[VirtualParticipant]:
    return {"community": cast.community, "police": cast.police, "official": cast.officials}[role]


async def press_choice(person: VirtualParticipant, message: BotMessage, prefix: str) -> None:
    """Press, by its visible label, the button whose callback data starts with ``prefix``.

    The scene decides what the person means (approve, agree, a category) without knowing how
    the label reads in that person's language; the press is the one a person makes, on a
    button they see.
    """
    for text, data in message.buttons:
        if data.startswith(prefix):
            await person.press(message, text)
            return
    raise AssertionError(f"no button {prefix!r} on: {message.plain_text[:80]!r}")


async def open_round(cast: Cast) -> None:
    """The facilitator picks the "what would build trust" template and opens the round."""
    f = cast.facilitator
    await f.send("/round")
    menu = await f.expect()
    trust = next(d for _, d in menu.buttons if d.endswith(":trust"))
    await press_choice(f, menu, trust)
    await cast.sandbox.settle()
    await press_choice(f, menu, "rnd:o:")
    await cast.delivered()
    for person in cast.everyone[1:]:
        person.unread.clear()


async def choose_to_write(person: VirtualParticipant) -> None:
    """Press «Write a statement» on the round prompt: the person's next texts are statements."""
    prompt = next(
        m for m in reversed(person.inbox) if any(d.startswith("stm:w:") for _, d in m.buttons)
    )
    await press_choice(person, prompt, "stm:w:")
    await person.expect()  # what to type


async def write_statements(cast: Cast) -> None:
    """Each group answers in its language; one statement too long is refused whole."""
    for role, index, text in STATEMENTS:
        person = _group(cast, role)[index]
        await choose_to_write(person)
        await person.send(text)
        await person.expect()
    too_long = cast.community[5]
    await choose_to_write(too_long)
    await too_long.send("Je veux tout raconter. " * 30)
    await too_long.expect()
    await cast.sandbox.settle()


async def moderate(cast: Cast) -> None:
    """Nothing reaches voters unread: the statement naming an officer is rejected, one is
    edited to remove a name, one gets an English translation, the others are approved."""
    f = cast.facilitator
    await f.send("/next")
    await f.expect()
    await cast.delivered()
    f.unread.clear()
    await f.send("/moderate")
    card = await f.expect()
    while card.buttons:
        if "Garba" in card.plain_text:
            await press_choice(f, card, "mod:r:")
        elif "موسى" in card.plain_text:
            await press_choice(f, card, "mod:e:")
            await f.expect()
            await f.send(EDITED)
            await f.expect()
            card = await f.expect()
            continue
        elif "patrouilles" in card.plain_text and "Night" not in card.plain_text:
            await press_choice(f, card, "mod:t:")
            await f.expect()
            await f.send(TRANSLATION[0])
            await f.expect()
            card = await f.expect()
            continue
        else:
            await press_choice(f, card, "mod:a:")
        await cast.sandbox.settle()


def _choice(role: str, text: str) -> str:
    """Bribes and receipts divide police from the rest; fear of reprisals puzzles residents."""
    if "receipt" in text or "المال" in text:
        return "disagree" if role == "police" else "agree"
    if "représailles" in text and role == "community":
        return "pass"
    return "agree"


async def _vote_on(
    person: VirtualParticipant, role: str, card: BotMessage, stop_after: int | None = None
) -> BotMessage:
    """Vote on each statement as it comes; the card left unanswered after ``stop_after`` votes,
    or the bot's last word ("you have voted on every statement")."""
    votes = 0
    while card.buttons and votes != stop_after:
        choice = _choice(role, card.plain_text)
        data = next(d for _, d in card.buttons if d.endswith(":" + choice))
        await press_choice(person, card, data)
        card = await person.expect()  # the next statement, or "you have voted on all"
        votes += 1
    return card


async def vote(cast: Cast) -> None:
    """Each person votes in turn; Yusuf is called away after three statements."""
    f = cast.facilitator
    await f.send("/next")
    await f.expect()
    await cast.delivered()
    for role in ("community", "police", "official"):
        for person in _group(cast, role):
            cards = [m for m in person.unread if m.buttons]
            person.unread.clear()
            stop_after = 3 if person is cast.community[3] else None
            left = await _vote_on(person, role, cards[-1], stop_after)
            if stop_after is not None:
                assert left.buttons, f"{person.name} had no statement left to come back to"
                cast.notes["vote left"] = left.plain_text
            else:
                assert not left.buttons, f"{person.name} did not get to the end"


async def vote_resumes(cast: Cast) -> None:
    """Later, /vote shows Yusuf the statement he left, and he votes on the rest."""
    yusuf = cast.community[3]
    yusuf.unread.clear()
    await yusuf.send("/vote")
    card = await yusuf.expect()
    assert card.plain_text == cast.notes["vote left"], "/vote did not show the statement left"
    done = await _vote_on(yusuf, "community", card)
    assert not done.buttons, "Yusuf did not get to the end"


async def close_and_act(cast: Cast) -> None:
    """The round closes, everyone gets the results, and the facilitator records an action."""
    f = cast.facilitator
    await f.send("/close")
    await f.expect()
    await cast.delivered()
    f.unread.clear()
    await f.send("/action")
    await f.expect()
    await f.send(ACTION)
    owner = await f.expect()
    await press_choice(f, owner, "act:o:police")
    await cast.sandbox.settle()
    await press_choice(f, owner, "act:d:14")
    await cast.sandbox.settle()
    await cast.community[1].send("/actions")
    await cast.community[1].expect()


async def action_falls_due(cast: Cast) -> None:
    """Two weeks on, the action item falls due: the bot asks the facilitator how it went; he
    says it is done, and everyone in the dialogue hears of it."""
    f = cast.facilitator
    f.unread.clear()
    assert cast.until_day is not None
    await cast.until_day(
        14, "(the days pass: two weeks after the round, the action item falls due)"
    )
    check = await f.expect(contains=ACTION)
    await press_choice(f, check, next(d for _, d in check.buttons if d.endswith(":done")))
    await cast.delivered()
    heard = [m for m in cast.community[1].unread if ACTION in m.plain_text]
    assert heard, "the community did not hear that the action is done"


SCENES = [
    ("The facilitator opens a round on trust", open_round),
    ("Participants answer in their languages", write_statements),
    ("Moderation: one rejected, one edited, one translated", moderate),
    ("Everyone votes on the statements, one at a time", vote),
    ("/vote: Yusuf comes back to the statement he left", vote_resumes),
    ("Results for everyone, and an action item", close_and_act),
]
FOLLOW_UP = [("Two weeks on: the action item is done, and everyone hears", action_falls_due)]
