"""Reusable steps for end-to-end tests: what people do, and what they must see."""

from __future__ import annotations

import re

from sandbox import BotApiSandbox, BotMessage, VirtualParticipant

LINK = re.compile(r"https://t\.me/\S+?\?start=([A-Za-z0-9_-]+)")
LANGUAGE_BUTTONS = {"en": "English", "fr": "Français", "ar": "العربية"}


def link_in(message: BotMessage) -> str:
    found = LINK.search(message.plain_text)
    assert found, f"no invite link in {message.plain_text!r}"
    return found.group(0)


async def settle(sandbox: BotApiSandbox) -> None:
    """The in-process bot has handled everything sent so far (see ``BotApiSandbox.settle``)."""
    await sandbox.settle(timeout=15)


async def edited(sandbox: BotApiSandbox, message: BotMessage, edits: int, what: str) -> None:
    """Wait until the bot has edited ``message`` more than ``edits`` times (or deleted it)."""
    await sandbox.until(lambda: len(message.edits) > edits or message.deleted, what)


async def pick_language(sandbox: BotApiSandbox, person: VirtualParticipant, language: str) -> str:
    """Press the language picker; return the confirmation text (the edited picker)."""
    picker = await person.expect()
    assert [text for text, _ in picker.buttons] == list(LANGUAGE_BUTTONS.values())
    seen = len(person.inbox)
    await person.press(picker, LANGUAGE_BUTTONS[language])
    await sandbox.until(
        lambda: bool(picker.edits) or len(person.inbox) > seen, "the language confirmation"
    )
    return picker.plain_text if not picker.deleted else person.inbox[-1].plain_text


async def create_dialogue(sandbox: BotApiSandbox, staff: VirtualParticipant, name: str) -> str:
    """Staff create a dialogue; returns the facilitator invite link."""
    await staff.send(f"/newdialogue {name}")
    return link_in(await staff.expect(contains=name))


async def join(
    sandbox: BotApiSandbox, person: VirtualParticipant, link: str, language: str | None = None
) -> BotMessage:
    await person.open_link(link)
    welcome = await person.expect()
    if language is not None:
        await pick_language(sandbox, person, language)
    return welcome


async def make_invite(
    sandbox: BotApiSandbox,
    facilitator: VirtualParticipant,
    role_label: str,
    uses_label: str,
    days_label: str,
) -> str:
    await facilitator.send("/invite")
    menu = await facilitator.expect()
    for label in (role_label, uses_label, days_label):
        await _until_button(sandbox, menu, label)
        await facilitator.press(menu, label)
    await sandbox.until(lambda: LINK.search(menu.plain_text) is not None, "the invite link")
    return link_in(menu)


async def _until_button(sandbox: BotApiSandbox, menu: BotMessage, label: str) -> None:
    """Wait until the menu (edited by the bot) offers ``label``."""
    await sandbox.until(
        lambda: any(label in text for text, _ in menu.buttons), f"the button {label!r}"
    )


async def facilitated_dialogue(
    sandbox: BotApiSandbox, staff: VirtualParticipant, name: str = "Maradi Nord"
) -> tuple[VirtualParticipant, str]:
    """A dialogue with an English-speaking facilitator; returns (facilitator, name)."""
    await staff.send("/start")
    await staff.expect()
    await pick_language(sandbox, staff, "en")
    link = await create_dialogue(sandbox, staff, name)
    facilitator = sandbox.participant("Moussa", language_code="en")
    await join(sandbox, facilitator, link, "en")
    return facilitator, name


def round_prompt(person: VirtualParticipant) -> BotMessage:
    """The latest round prompt the person received (it carries «Write a statement»)."""
    for message in reversed(person.inbox):
        if any(data.startswith("stm:w:") for _, data in message.buttons):
            return message
    raise AssertionError(f"{person.name} has no round prompt")


async def choose_to_write(person: VirtualParticipant) -> None:
    """Press «Write a statement» (in whatever language it reads) on the latest round prompt;
    the person's next texts are statements (what they had not read yet is dropped)."""
    prompt = round_prompt(person)
    label = next(text for text, data in prompt.buttons if data.startswith("stm:w:"))
    person.unread.clear()
    await person.press(prompt, label)
    await person.expect()  # what to type
