"""Demo scenes for anonymous grievances: places, intake in three languages, receipts, the
facilitators' digest and agenda, and early warnings."""

from __future__ import annotations

import re

from demo.cast import Cast
from demo.round_scenes import press_choice
from sandbox import BotMessage, VirtualParticipant

CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}")
PLACES = "Marché central\nQuartier Nord\nRoute de Tahoua"
# (who, category, place, when, description)
GRIEVANCES = [
    (
        "community",
        0,
        "corruption",
        "a1",
        "this_week",
        "Au poste de contrôle, les agents demandent 2 000 francs à chaque moto.",
    ),
    (
        "community",
        1,
        "armed_threats",
        "a3",
        "this_week",
        "رجال مسلحون هددوا المزارعين على طريق تاهوا وطلبوا منهم ترك الحقول.",
    ),
    (
        "community",
        2,
        "police_conduct",
        "a1",
        "this_week",
        "Les policiers ont frappé un vendeur au marché sans raison.",
    ),
    (
        "community",
        4,
        "police_conduct",
        "a1",
        "this_week",
        "الشرطة تطرد الباعة من السوق وتأخذ بضائعهم.",
    ),
    (
        "community",
        5,
        "police_conduct",
        "a1",
        "this_month",
        "On nous insulte quand on vient porter plainte au commissariat.",
    ),
    (
        "community",
        0,
        "police_conduct",
        "a1",
        "earlier",
        "Depuis des mois, la police ne vient jamais quand on l'appelle la nuit.",
    ),
    (
        "police",
        3,
        "police_conduct",
        "a1",
        "this_week",
        "Des collègues prennent de l'argent aux commerçants du marché.",
    ),
]
WITH_NUMBER = "A man with a gun came to our shop at night. Call me on +227 90 12 34 56."
WITHOUT_NUMBER = "A man with a gun came to our shop at night and took the money."
SECOND_THOUGHTS = (
    "Le chef de quartier a vendu deux fois le même terrain, à mon oncle et à un autre."
)


def _person(cast: Cast, role: str, index: int) -> VirtualParticipant:
    return {"community": cast.community, "police": cast.police}[role][index]


async def name_places(cast: Cast) -> None:
    """The places offered at intake; people never share a GPS position."""
    f = cast.facilitator
    f.unread.clear()
    await f.send("/areas")
    menu = await f.expect()
    await press_choice(f, menu, "ar:add")
    await f.expect()
    await f.send(PLACES)
    await f.expect()
    await f.expect()


async def _start(cast: Cast, person: VirtualParticipant) -> BotMessage:
    person.unread.clear()
    await person.send("/grievance")
    await person.expect()  # the note on anonymity
    return await person.expect()


async def _choose(cast: Cast, person: VirtualParticipant, question: BotMessage, *data: str) -> None:
    for choice in data:
        await press_choice(person, question, choice)
        await cast.sandbox.settle()


async def _send(cast: Cast, person: VirtualParticipant, review: BotMessage) -> str:
    await press_choice(person, review, "gv:ok")
    await cast.sandbox.settle()
    found = CODE.search(review.plain_text)
    assert found, f"no receipt code in {review.plain_text[:120]!r}"
    return found.group(0)


async def file_grievances(cast: Cast) -> None:
    """Seven reports, each with a receipt code; the first code is kept for a later /status."""
    codes = []
    for role, index, category, place, when, text in GRIEVANCES:
        person = _person(cast, role, index)
        question = await _start(cast, person)
        await _choose(
            cast,
            person,
            question,
            f"gv:c:category:{category}",
            f"gv:c:area:{place}",
            f"gv:c:when:{when}",
        )
        await person.send(text)
        codes.append(await _send(cast, person, await person.expect()))
    cast.notes["receipt"] = codes[0]


async def careful_intake(cast: Cast) -> None:
    """A photo is refused, a phone number is flagged, and the description is changed."""
    yusuf = cast.community[3]
    question = await _start(cast, yusuf)
    await _choose(
        cast, yusuf, question, "gv:c:category:theft", "gv:c:area:a2", "gv:c:when:this_week"
    )
    await yusuf.send_photo()
    await yusuf.expect()  # refused: a photo can identify; the question again
    await yusuf.send(WITH_NUMBER)
    review = await yusuf.expect()
    assert "phone number" in review.plain_text
    await press_choice(yusuf, review, "gv:ed:description")
    await cast.sandbox.settle()
    await yusuf.send(WITHOUT_NUMBER)
    await _send(cast, yusuf, await yusuf.expect())


async def thinks_better_of_it(cast: Cast) -> None:
    """Hadiza starts a second report, writes it, then sends /cancel at the review: the bot
    deletes what she typed and keeps nothing."""
    hadiza = cast.community[2]
    question = await _start(cast, hadiza)
    await _choose(
        cast, hadiza, question, "gv:c:category:land", "gv:c:area:a2", "gv:c:when:this_month"
    )
    typed = await hadiza.send(SECOND_THOUGHTS)
    await hadiza.expect()  # the review, with "Send it"
    await hadiza.send("/cancel")
    await hadiza.expect(contains="Rien n’a été conservé")
    await cast.sandbox.until(lambda: typed.deleted, "the typed description to be deleted")


async def early_warning(cast: Cast) -> None:
    """The bot's periodic check: a surge of police-conduct reports and an armed threat."""
    assert cast.check_alerts is not None
    raised = await cast.check_alerts()
    assert raised == 2, f"expected two early warnings, got {raised}"
    await cast.delivered()
    assert await cast.check_alerts() == 0  # at most once a day
    await cast.facilitator.expect()
    await cast.facilitator.expect()


async def digest_and_agenda(cast: Cast) -> None:
    """The facilitator finds the corruption report, puts it on the agenda, marks action taken
    and replies publicly; a police officer reads the agenda."""
    f = cast.facilitator
    f.unread.clear()
    await f.send("/grievances")
    digest = await f.expect()
    await press_choice(f, digest, "gd:pg:0")
    await cast.sandbox.settle()
    # Find the corruption report, put it on the agenda, mark action taken, reply publicly.
    for index in range(1, len(GRIEVANCES) + 2):
        if "2 000 francs" in digest.plain_text:
            break
        await press_choice(f, digest, f"gd:pg:{index}")
        await cast.sandbox.settle()
    key = next(d.split(":")[2] for _, d in digest.buttons if d.startswith("gd:rp:"))
    await press_choice(f, digest, f"gd:ag:{key}:1")
    await cast.sandbox.settle()
    await press_choice(f, digest, f"gd:st:{key}:action_taken")
    await cast.sandbox.settle()
    await press_choice(f, digest, f"gd:rp:{key}")
    await f.expect()
    await f.send(
        "Le commandant a rappelé la règle à tous les agents du poste. "
        "Nous en parlerons au prochain dialogue."
    )
    await f.expect()
    await f.expect()
    officer = cast.police[0]
    officer.unread.clear()
    await officer.send("/agenda")
    await officer.expect()


async def check_receipt(cast: Cast) -> None:
    """Aïcha follows her report with its receipt code and reads the public reply."""
    aicha = cast.community[0]
    aicha.unread.clear()
    await aicha.send(f"/status {cast.notes['receipt']}")
    status = await aicha.expect()
    assert "commandant" in status.plain_text


async def group_redirect(cast: Cast) -> None:
    """In a group, the bot stores nothing and only points to a private chat."""
    group = cast.sandbox.group("Comité de quartier", [cast.community[2], cast.police[1]])
    await cast.community[2].send("/grievance", chat=group)
    await cast.sandbox.settle()


SCENES = [
    ("The facilitator names the places people can choose", name_places),
    ("Grievances filed anonymously in French and Arabic", file_grievances),
    ("A photo refused, a phone number flagged, the description changed", careful_intake),
    ("Hadiza changes her mind: /cancel, and nothing is kept", thinks_better_of_it),
    ("/grievance in a group chat: only a link to a private chat", group_redirect),
    ("Early warnings reach the facilitator", early_warning),
    ("The digest, the agenda, a status and a public reply", digest_and_agenda),
    ("A member checks their grievance with the receipt code", check_receipt),
]
