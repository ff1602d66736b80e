"""Demo scenes for trust surveys: a schedule, three waves with different answer mixes, and
the trend and perception gap they show."""

from __future__ import annotations

import asyncio

from demo.cast import Cast
from flows.roles import Role
from flows.surveys.instruments import default_instrument
from flows.surveys.scoring import score
from sandbox import BotMessage, VirtualParticipant

OPEN_ANSWERS = [
    "Des patrouilles la nuit près du marché.",
    "إنارة الطرق المؤدية إلى الحقول.",
    "Faster answers when we report a theft.",
]


def _level(role: str, wave: int, person: int) -> float:
    """How favourable an answer is, 0 (least) to 1 (most): trust grows from wave to wave; the
    police think the community trusts them more than it says."""
    if role == "police":
        return 0.9
    base = {"community": (0.1, 0.4, 0.7), "official": (0.3, 0.5, 0.6)}[role][wave]
    return min(1.0, base + 0.15 * (person % 3))


def _pick(person_role: str, data: list[str], level: float) -> str:
    """The answer at ``level`` among the question's scored choices, least favourable first."""
    role = {"community": Role.COMMUNITY, "police": Role.POLICE, "official": Role.OFFICIAL}
    position = int(data[0].split(":")[2])
    item = default_instrument().items_for(role[person_role])[position]
    scored = sorted(
        (d for d in data if not d.endswith(":-") and score(item, d.rsplit(":", 1)[1]) is not None),
        key=lambda d: score(item, d.rsplit(":", 1)[1]) or 0.0,
    )
    return scored[min(len(scored) - 1, round(level * (len(scored) - 1)))]


async def _press(person: VirtualParticipant, question: BotMessage, data: str) -> None:
    """Press and wait until the bot has edited the question (the next one, or the end)."""
    before = question.plain_text
    await person.press_data(question, data)
    for _ in range(500):
        if question.plain_text != before:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{person.name}: no answer to {data}")


async def _answer(cast: Cast, person: VirtualParticipant, role: str, wave: int, index: int) -> None:
    question: BotMessage = person.inbox[-1]
    while question.buttons:
        data = [d for _, d in question.buttons]
        if all(d.endswith(":-") for d in data):  # the open question
            if index % 2:
                await _press(person, question, data[0])
            else:
                await person.send(OPEN_ANSWERS[index % len(OPEN_ANSWERS)])
                question = await person.expect()
            continue
        await _press(person, question, _pick(role, data, _level(role, wave, index)))
    person.unread.clear()


async def _answer_all(cast: Cast, wave: int) -> None:
    await cast.delivered()
    groups = {"community": cast.community, "police": cast.police, "official": cast.officials}
    await asyncio.gather(
        *(
            _answer(cast, person, role, wave, index)
            for role, people in groups.items()
            for index, person in enumerate(people)
        )
    )
    assert cast.close_waves is not None
    await cast.close_waves()


async def first_wave(cast: Cast) -> None:
    f = cast.facilitator
    f.unread.clear()
    await f.send("/surveynow")
    await f.expect()
    await _answer_all(cast, 0)


async def schedule(cast: Cast) -> None:
    f = cast.facilitator
    f.unread.clear()
    await f.send("/schedule monthly 1 mon 10:00")
    await f.expect()
    await f.expect()


async def _scheduled_wave(cast: Cast, wave: int) -> None:
    assert cast.next_scheduled_wave is not None
    await cast.next_scheduled_wave()
    await _answer_all(cast, wave)


async def second_wave(cast: Cast) -> None:
    await _scheduled_wave(cast, 1)


async def third_wave(cast: Cast) -> None:
    await _scheduled_wave(cast, 2)
    f = cast.facilitator
    f.unread.clear()
    await f.send("/survey")
    results = await f.expect()
    assert "IC" in results.plain_text or "CI" in results.plain_text


SCENES = [
    ("A first trust survey, sent at once: trust is low", first_wave),
    ("The facilitator schedules a monthly survey", schedule),
    ("The schedule sends the second survey", second_wave),
    ("The third survey; the trend and the perception gap", third_wave),
]
