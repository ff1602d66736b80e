"""Demo scenes for trust surveys: three waves, a schedule, reminders, and the trend and
perception gap they show.

People answer one at a time, on the message the bot sent them, pressing the buttons they see
(what they choose comes from :mod:`demo.leanings`). The bot edits the question in place after
each press; the next press waits for that edit, and a wave is closed only once every answer
has been handled, so no answer ever arrives after its wave closed.
"""

from __future__ import annotations

from demo.cast import Cast
from demo.leanings import Respondent
from flows.roles import Role
from flows.surveys.instruments import default_instrument
from sandbox import BotMessage, VirtualParticipant

ROLES = {"community": Role.COMMUNITY, "police": Role.POLICE, "official": Role.OFFICIAL}


def _groups(cast: Cast) -> list[tuple[str, VirtualParticipant]]:
    groups = {"community": cast.community, "police": cast.police, "official": cast.officials}
    return [(role, person) for role, people in groups.items() for person in people]


async def _press(cast: Cast, person: VirtualParticipant, question: BotMessage, data: str) -> None:
    """Press the button carrying ``data`` by its label, and wait for the bot's edit."""
    label = next((text for text, d in question.buttons if d == data), None)
    assert label is not None, f"{person.name}: no button {data!r}"
    before = question.plain_text
    await person.press(question, label)
    await cast.sandbox.until(
        lambda: question.plain_text != before, f"the bot to take {person.name}'s answer"
    )


async def answer(
    cast: Cast,
    person: VirtualParticipant,
    role: str,
    wave: int,
    question: BotMessage,
    stop_after: int | None = None,
) -> None:
    """Answer the survey shown on ``question`` (an invitation or a reminder) to the end, or
    stop after ``stop_after`` answers, as someone called away does."""
    who = Respondent(person.name, role, wave, person.language_code or "en")
    items = default_instrument().items_for(ROLES[role])
    given = 0
    while question.buttons and given != stop_after:
        _, wave_id, position, _ = question.buttons[0][1].split(":")
        item = items[int(position)]
        text = who.open_answer() if item.is_text else None
        if text is not None:
            await person.send(text)
            question = await person.expect()  # the thanks, in a new message
        else:
            choice = None if item.is_text else who.choice(item)
            await _press(cast, person, question, f"sv:{wave_id}:{position}:{choice or '-'}")
        given += 1
    if stop_after is None:
        assert not question.buttons, f"{person.name} did not get to the end"


async def _invitations(cast: Cast) -> dict[str, BotMessage]:
    """Each person's invitation (it holds the first question), once the outbox is sent."""
    await cast.delivered()
    return {person.name: await person.expect() for _, person in _groups(cast)}


def _clear(cast: Cast) -> None:
    for person in [cast.facilitator, *(p for _, p in _groups(cast))]:
        person.unread.clear()


def _only_reminded(cast: Cast, late: list[VirtualParticipant]) -> None:
    """Reminders go to those who have not finished, and to nobody else."""
    reminded = [person.name for _, person in _groups(cast) if person.unread]
    assert reminded == [p.name for p in late], f"reminders went to {reminded}"


async def first_wave(cast: Cast) -> None:
    """Everyone but Oumarou answers at once; he gets both reminders and lets them be."""
    _clear(cast)
    oumarou = cast.community[5]
    await cast.facilitator.send("/surveynow")
    await cast.facilitator.expect()
    invitations = await _invitations(cast)
    for role, person in _groups(cast):
        if person is not oumarou:
            await answer(cast, person, role, 0, invitations[person.name])
    assert cast.wave_time is not None and cast.close_waves is not None
    await cast.wave_time(24, "(a day passes: the bot reminds whoever has not answered)")
    _only_reminded(cast, [oumarou])
    await oumarou.expect(contains="(1/8)")
    await cast.wave_time(48, "(another day passes: a last reminder)")
    _only_reminded(cast, [oumarou])
    await oumarou.expect(contains="(1/8)")
    await cast.close_waves()


async def schedule(cast: Cast) -> None:
    """From now on a survey goes out on the first Monday of each month."""
    f = cast.facilitator
    f.unread.clear()
    await f.send("/schedule monthly 1 mon 10:00")
    await f.expect()
    await f.expect()


async def second_wave(cast: Cast) -> None:
    """Hadiza stops after three questions and Officer Musa does not open the survey; the
    reminder a day later shows each where they stopped, and both finish."""
    _clear(cast)
    hadiza, musa = cast.community[2], cast.police[4]
    late = {hadiza.name: 3, musa.name: 0}
    assert cast.next_scheduled_wave is not None and cast.wave_time is not None
    await cast.next_scheduled_wave()
    invitations = await _invitations(cast)
    for role, person in _groups(cast):
        stop_after = late.get(person.name)
        await answer(cast, person, role, 1, invitations[person.name], stop_after)
    await cast.wave_time(24, "(a day passes: the bot reminds the two who have not finished)")
    _only_reminded(cast, [hadiza, musa])
    for role, person in _groups(cast):
        if person.name in late:
            shown = f"({late[person.name] + 1}/"
            await answer(cast, person, role, 1, await person.expect(contains=shown))
    assert cast.close_waves is not None
    await cast.close_waves()


async def third_wave(cast: Cast) -> None:
    """Everyone answers; the facilitator reads the trend and the perception gap."""
    _clear(cast)
    assert cast.next_scheduled_wave is not None and cast.close_waves is not None
    await cast.next_scheduled_wave()
    invitations = await _invitations(cast)
    for role, person in _groups(cast):
        await answer(cast, person, role, 2, invitations[person.name])
    await cast.close_waves()
    f = cast.facilitator
    f.unread.clear()
    await f.send("/survey")
    results = await f.expect()
    assert "IC" in results.plain_text or "CI" in results.plain_text


FIRST = [
    (
        "A first trust survey, sent at once: trust is low; a reminder for the one who forgot",
        first_wave,
    ),
    ("The facilitator schedules a monthly survey", schedule),
]
LATER = [
    ("The schedule sends the second survey; two people answer after a reminder", second_wave),
    ("The third survey; the trend and the perception gap", third_wave),
]
