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


def _group(cast: Cast, role: str) -> list[VirtualParticipant]:
    return {"community": cast.community, "police": cast.police, "official": cast.officials}[role]


async def press_data(person: VirtualParticipant, message: BotMessage, prefix: str) -> None:
    """Press the button whose callback data starts with ``prefix`` (any UI language)."""
    for text, data in message.buttons:
        if data.startswith(prefix):
            await person.press(message, text)
            return
    raise AssertionError(f"no button {prefix!r} on: {message.plain_text[:80]!r}")


async def open_round(cast: Cast) -> None:
    f = cast.facilitator
    await f.send("/round")
    menu = await f.expect()
    trust = next(d for _, d in menu.buttons if d.endswith(":trust"))
    await press_data(f, menu, trust)
    await cast.sandbox.settle()
    await press_data(f, menu, "rnd:o:")
    await cast.delivered()
    for person in cast.everyone[1:]:
        person.unread.clear()


async def write_statements(cast: Cast) -> None:
    for role, index, text in STATEMENTS:
        person = _group(cast, role)[index]
        await person.send(text)
        await person.expect()
    too_long = cast.community[5]
    await too_long.send("Je veux tout raconter. " * 30)
    await too_long.expect()
    await cast.sandbox.settle()


async def moderate(cast: Cast) -> None:
    f = cast.facilitator
    await f.send("/next")
    await f.expect()
    await cast.delivered()
    f.unread.clear()
    await f.send("/moderate")
    card = await f.expect()
    while card.buttons:
        if "Garba" in card.plain_text:
            await press_data(f, card, "mod:r:")
        elif "موسى" in card.plain_text:
            await press_data(f, card, "mod:e:")
            await f.expect()
            await f.send(EDITED)
            await f.expect()
            card = await f.expect()
            continue
        elif "patrouilles" in card.plain_text and "Night" not in card.plain_text:
            await press_data(f, card, "mod:t:")
            await f.expect()
            await f.send(TRANSLATION[0])
            await f.expect()
            card = await f.expect()
            continue
        else:
            await press_data(f, card, "mod:a:")
        await cast.sandbox.settle()


def _choice(role: str, text: str) -> str:
    """Bribes and receipts divide police from the rest; fear of reprisals puzzles residents."""
    if "receipt" in text or "المال" in text:
        return "disagree" if role == "police" else "agree"
    if "représailles" in text and role == "community":
        return "pass"
    return "agree"


async def vote(cast: Cast) -> None:
    f = cast.facilitator
    await f.send("/next")
    await f.expect()
    await cast.delivered()
    for role in ("community", "police", "official"):
        for person in _group(cast, role):
            cards = [m for m in person.unread if m.buttons]
            person.unread.clear()
            card = cards[-1] if cards else None
            while card is not None and card.buttons:
                choice = _choice(role, card.plain_text)
                data = next(d for _, d in card.buttons if d.endswith(":" + choice))
                await person.press(card, next(t for t, d in card.buttons if d == data))
                card = await person.expect()  # the next statement, or "you have voted on all"


async def close_and_act(cast: Cast) -> None:
    f = cast.facilitator
    await f.send("/close")
    await f.expect()
    await cast.delivered()
    f.unread.clear()
    await f.send("/action")
    await f.expect()
    await f.send("Publier chaque mois les horaires des patrouilles de nuit au marché")
    owner = await f.expect()
    await press_data(f, owner, "act:o:police")
    await cast.sandbox.settle()
    await press_data(f, owner, "act:d:14")
    await cast.sandbox.settle()
    await cast.community[1].send("/actions")
    await cast.community[1].expect()


SCENES = [
    ("The facilitator opens a round on trust", open_round),
    ("Participants answer in their languages", write_statements),
    ("Moderation: one rejected, one edited, one translated", moderate),
    ("Everyone votes on the other groups' statements", vote),
    ("Results for everyone, and an action item", close_and_act),
]
