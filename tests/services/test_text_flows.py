"""One flow, one text, through the use cases: a text typed with no step waiting is only offered
as a statement (held in memory, stored on the Yes to that very offer); the statement step takes
text directly; entering a flow, /cancel and /forgetme forget the texts other flows held and had
not stored, and keep what a survey already acknowledged."""

from __future__ import annotations

from pathlib import Path

from flows.conversations import Conversation
from flows.roles import Role
from flows.rounds.lifecycle import Round, RoundSettings
from flows.rounds.offers import OfferProblem
from flows.rounds.statements import StatementStatus, TooLong
from services import actions, conversations, grievances, rounds, statements
from tests.services.grievances.conftest import database_bytes
from tests.services.round_place import Place, place

WORDS = "My neighbour is beaten by the police at night"


async def _open(p: Place, **settings: object) -> Round:
    opened = await rounds.open_round(p.rt, p.dialogue_id, RoundSettings(**settings), "trust")  # type: ignore[arg-type]
    assert isinstance(opened, Round)
    return opened


async def _texts(p: Place, r: Round) -> list[str]:
    async with p.rt.db.read() as tx:
        return [s.text for s in await tx.statements.of_round(r.id)]


async def _offer(p: Place, text: str = WORDS, message_id: int | None = 7) -> statements.Offered:
    resident = p.people[Role.COMMUNITY][0]
    offered = await statements.offer(
        p.rt, resident, p.dialogue_id, Role.COMMUNITY, "en", text, message_id
    )
    assert isinstance(offered, statements.Offered)
    return offered


async def test_an_offered_text_is_stored_only_on_the_yes_to_that_offer(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, moderation=False)
        resident = p.people[Role.COMMUNITY][0]
        offered = await _offer(p)
        assert offered.round.id == r.id and offered.role is Role.COMMUNITY
        # Held in memory only: not in any table, not in the database file.
        assert await _texts(p, r) == []
        assert WORDS.encode() not in database_bytes(p.rt.settings.db_path)
        assert await statements.confirm(p.rt, resident, r.id, "0" * 16) is OfferProblem.STALE
        assert await _texts(p, r) == []
        saved = await statements.confirm(p.rt, resident, r.id, offered.nonce)
        assert isinstance(saved, statements.Saved)
        assert (saved.yours, saved.message_id) == (1, 7)
        # Stored as a typed statement is: with moderation off it goes to the vote as it is.
        assert saved.statement.status is StatementStatus.PENDING
        assert await _texts(p, r) == [WORDS]
        # The offer was used up: a second Yes stores nothing.
        again = await statements.confirm(p.rt, resident, r.id, offered.nonce)
        assert again is OfferProblem.NOT_KEPT
        assert await _texts(p, r) == [WORDS]


async def test_a_newer_text_replaces_the_offer_and_an_older_yes_never_sends_it(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        r = await _open(p)
        resident = p.people[Role.COMMUNITY][0]
        first = await _offer(p, "first words")
        second = await _offer(p, "second words")
        assert first.nonce != second.nonce
        assert await statements.confirm(p.rt, resident, r.id, first.nonce) is OfferProblem.STALE
        assert statements.decline(p.rt, resident.id, r.id, first.nonce) is OfferProblem.STALE
        assert await _texts(p, r) == []
        assert statements.decline(p.rt, resident.id, r.id, second.nonce) is None
        refused = await statements.confirm(p.rt, resident, r.id, second.nonce)
        assert refused is OfferProblem.NOT_KEPT
        assert await _texts(p, r) == [] and p.rt.statement_offers == {}


async def test_after_a_restart_a_yes_finds_nothing_kept(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p)
        offered = await _offer(p)
        p.rt.statement_offers.clear()  # what a new process starts with
        resident = p.people[Role.COMMUNITY][0]
        result = await statements.confirm(p.rt, resident, r.id, offered.nonce)
        assert result is OfferProblem.NOT_KEPT
        assert await _texts(p, r) == []


async def test_nothing_is_offered_unless_a_round_collects_from_the_group(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        resident = p.people[Role.COMMUNITY][0]

        async def offer(role: Role) -> object:
            return await statements.offer(p.rt, resident, p.dialogue_id, role, "en", WORDS, 1)

        assert isinstance(await offer(Role.COMMUNITY), statements.NotCollecting)
        await _open(p, roles=(Role.POLICE,))
        assert isinstance(await offer(Role.COMMUNITY), statements.NotCollecting)
        assert p.rt.statement_offers == {}


async def test_a_yes_keeps_the_limit_and_the_collecting_phase(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, statement_limit=10)
        resident = p.people[Role.COMMUNITY][0]
        offered = await _offer(p, "x" * 11)
        assert await statements.confirm(p.rt, resident, r.id, offered.nonce) == TooLong(10, 11)
        late = await _offer(p, "late words")
        await rounds.advance(p.rt, p.dialogue_id)
        result = await statements.confirm(p.rt, resident, r.id, late.nonce)
        assert isinstance(result, statements.NotCollecting)
        assert await _texts(p, r) == []


async def test_the_statement_step_takes_text_while_its_round_collects(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        resident = p.people[Role.COMMUNITY][0]
        r = await _open(p, roles=(Role.COMMUNITY, Role.POLICE))
        assert isinstance(
            await statements.begin(p.rt, p.people[Role.OFFICIAL][0], r.id),
            statements.NotCollecting,
        )
        assert await statements.begin(p.rt, resident, r.id) == r
        step = await conversations.current(p.rt, resident.id)
        assert step == Conversation(
            statements.FLOW, "text", {"dialogue": p.dialogue_id, "round": r.id}
        )
        first = await statements.write(p.rt, resident, step, "en", "Lights")
        second = await statements.write(p.rt, resident, step, "en", "Patrols")
        assert isinstance(first, statements.Saved) and isinstance(second, statements.Saved)
        assert second.yours == 2 and second.message_id is None
        await rounds.advance(p.rt, p.dialogue_id)
        late = await statements.write(p.rt, resident, step, "en", "Late")
        assert isinstance(late, statements.NotCollecting)
        assert await conversations.current(p.rt, resident.id) is None  # the step is left
        assert sorted(await _texts(p, r)) == ["Lights", "Patrols"]


async def test_entering_another_flow_forgets_the_texts_held_for_the_person(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        await _open(p)
        resident = p.people[Role.COMMUNITY][0]
        await _offer(p)
        begun = await grievances.begin(p.rt, resident.id, resident.telegram_id, p.dialogue_id)
        assert isinstance(begun, grievances.Begun)
        assert resident.id in p.rt.intake_drafts
        # Another flow chosen: the grievance's draft and any offered text are forgotten.
        await actions.begin(p.rt, resident.id, p.dialogue_id)
        assert resident.id not in p.rt.intake_drafts
        assert resident.id not in p.rt.statement_offers
        step = await conversations.current(p.rt, resident.id)
        assert step is not None and step.flow == actions.FLOW


async def test_cancel_and_forgetme_forget_held_texts_but_not_a_surveys_answers(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        await _open(p)
        resident = p.people[Role.COMMUNITY][0]
        await _offer(p)
        # An open answer the survey already took (a later question was shown): acknowledged,
        # kept until the survey is finished or its wave closes.
        p.rt.open_answers[("wave", resident.id)] = {"open_item": "kept"}
        assert conversations.forget_pending(p.rt, resident.id) is True
        assert conversations.forget_pending(p.rt, resident.id) is False
        await _offer(p)
        await actions.begin(p.rt, resident.id, p.dialogue_id)
        left = await conversations.leave(p.rt, resident.id)
        assert left is not None and left.flow == actions.FLOW
        assert p.rt.statement_offers == {}
        assert p.rt.open_answers == {("wave", resident.id): {"open_item": "kept"}}
