"""The demo's scenes, in order. Each one asserts what it shows, so a broken bot fails the demo."""

from __future__ import annotations

import re

from demo.cast import Cast
from sandbox import BotMessage, VirtualParticipant

LINK = re.compile(r"https://t\.me/\S+\?start=[A-Za-z0-9_-]+")
LANGUAGE_BUTTONS = {"en": "English", "fr": "Français", "ar": "العربية"}


def link_in(message: BotMessage) -> str:
    found = LINK.search(message.plain_text)
    if not found:
        raise AssertionError(f"no invite link in: {message.plain_text!r}")
    return found.group(0)


async def choose_language(cast: Cast, person: VirtualParticipant, language: str) -> None:
    """Press the language on the picker, and wait for the bot's answer in place of it."""
    picker = await person.expect()
    await person.press(picker, LANGUAGE_BUTTONS[language])
    await cast.sandbox.until(lambda: not picker.buttons, f"{person.name}'s language choice")


async def staff_creates_dialogue(cast: Cast) -> None:
    """Program staff create the dialogue and get the facilitator's single-use invite."""
    staff = cast.staff
    await staff.send("/start")
    await staff.expect(contains="/newdialogue")
    await choose_language(cast, staff, "en")
    await staff.send("/newdialogue Maradi – Quartier Nord")
    cast.links["facilitator"] = link_in(await staff.expect(contains="Maradi"))


async def facilitator_joins_and_invites(cast: Cast) -> None:
    """The facilitator joins by that link and makes one invite per group."""
    f = cast.facilitator
    await f.open_link(cast.links["facilitator"])
    await f.expect(contains="Maradi")
    await choose_language(cast, f, "fr")
    for role, label in [
        ("community", "membre de la communauté"),
        ("police", "policier"),
        ("official", "responsable"),
    ]:
        await f.send("/invite")
        menu = await f.expect()
        await f.press(menu, label)
        await cast.sandbox.settle()
        await f.press(menu, "50")
        await cast.sandbox.settle()
        await f.press(menu, "30")
        await cast.sandbox.settle()
        cast.links[role] = link_in(menu)


async def everyone_joins(cast: Cast) -> None:
    """Each person opens their group's link and picks their language, one after the other."""
    groups = [("community", cast.community), ("police", cast.police), ("official", cast.officials)]
    for role, people in groups:
        for person in people:
            await person.open_link(cast.links[role])
            await person.expect(contains="Maradi")
            await choose_language(cast, person, person.language_code or "en")


async def bad_inputs(cast: Cast) -> None:
    """Media, a wrong code, commands above one's role, a group chat: each gets a clear answer."""
    aicha, ibrahim, yusuf = cast.community[0], cast.community[1], cast.community[3]
    await aicha.send_photo()
    await aicha.expect()
    await ibrahim.send_voice()
    await ibrahim.expect()
    await yusuf.open_link("https://t.me/palabre_demo_bot?start=ThisCodeDoesNotExist")
    await yusuf.expect(contains="not valid")
    await yusuf.send("/invite")
    await yusuf.expect(contains="only facilitators")
    await yusuf.send("/newdialogue Fake")
    await yusuf.expect(contains="only program staff")
    group = cast.sandbox.group("Quartier Nord (groupe)", members=[aicha, yusuf])
    await yusuf.send("/start", chat=group)
    await cast.sandbox.settle()
    if not group.inbox:
        raise AssertionError("the group got no pointer to a private chat")


async def facilitator_revokes(cast: Cast) -> None:
    """A revoked invite no longer lets anyone in."""
    f = cast.facilitator
    await f.send("/invite")
    menu = await f.expect()
    await f.press(menu, "Lister")
    await cast.sandbox.settle()
    official_invite = next(text for text, _ in menu.buttons if "responsable" in text)
    await f.press(menu, official_invite)
    await cast.sandbox.settle()
    late = cast.sandbox.participant("Latecomer", language_code="en")
    await late.open_link(cast.links["official"])
    await late.expect(contains="withdrawn")


async def help_and_privacy(cast: Cast) -> None:
    """/help depends on the role; /privacy says what is kept."""
    await cast.community[1].send("/help")
    await cast.community[1].expect()
    await cast.police[0].send("/help")
    await cast.police[0].expect()
    await cast.facilitator.send("/help")
    await cast.facilitator.expect(contains="/invite")
    await cast.community[4].send("/privacy")
    await cast.community[4].expect()


async def switch_language(cast: Cast) -> None:
    """Mariam reads French more easily than Arabic: she switches with /language, and what the
    bot sends her next (the picker's answer, the action items, later her survey) is in French."""
    mariam = cast.community[4]
    mariam.unread.clear()
    await mariam.send("/language")
    picker = await mariam.expect()
    await mariam.press(picker, LANGUAGE_BUTTONS["fr"])
    await cast.sandbox.until(lambda: "Langue choisie" in picker.plain_text, "the answer in French")
    await mariam.send("/actions")
    await mariam.expect(contains="Actions")


async def someone_leaves(cast: Cast) -> None:
    """Oumarou, who let the first survey be, deletes his profile; his anonymous answers stay."""
    leaver = cast.community[5]
    leaver.unread.clear()
    await leaver.send("/forgetme")
    await leaver.press(await leaver.expect(), "Oui")


FOUNDATION = [
    ("Program staff create a dialogue", staff_creates_dialogue),
    ("The facilitator joins and creates invites", facilitator_joins_and_invites),
    ("Community members, police and officials join in their languages", everyone_joins),
    ("Bad input gets a clear answer", bad_inputs),
    ("The facilitator revokes an invite", facilitator_revokes),
    ("Help is role-aware; privacy is explained", help_and_privacy),
]
MIDWAY = [("Mariam switches to French: what follows comes in French", switch_language)]
FAREWELL = [("A participant asks to be forgotten", someone_leaves)]
