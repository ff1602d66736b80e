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


async def choose_language(person: VirtualParticipant, language: str) -> None:
    picker = await person.expect()
    await person.press(picker, LANGUAGE_BUTTONS[language])


async def staff_creates_dialogue(cast: Cast) -> None:
    staff = cast.staff
    await staff.send("/start")
    await staff.expect(contains="/newdialogue")
    await choose_language(staff, "en")
    await cast.sandbox.settle()
    await staff.send("/newdialogue Maradi – Quartier Nord")
    cast.links["facilitator"] = link_in(await staff.expect(contains="Maradi"))


async def facilitator_joins_and_invites(cast: Cast) -> None:
    f = cast.facilitator
    await f.open_link(cast.links["facilitator"])
    await f.expect(contains="Maradi")
    await choose_language(f, "fr")
    await cast.sandbox.settle()
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
    groups = [("community", cast.community), ("police", cast.police), ("official", cast.officials)]
    for role, people in groups:
        for person in people:
            await person.open_link(cast.links[role])
            await person.expect(contains="Maradi")
            await choose_language(person, person.language_code or "en")
    await cast.sandbox.settle()


async def bad_inputs(cast: Cast) -> None:
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
    await cast.community[1].send("/help")
    await cast.community[1].expect()
    await cast.police[0].send("/help")
    await cast.police[0].expect()
    await cast.facilitator.send("/help")
    await cast.facilitator.expect(contains="/invite")
    await cast.community[4].send("/privacy")
    await cast.community[4].expect()


async def someone_leaves(cast: Cast) -> None:
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
FAREWELL = [("A participant asks to be forgotten", someone_leaves)]
