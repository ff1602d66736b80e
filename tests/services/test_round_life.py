"""A round's life through its use cases, on a real database: opening, moving on by command
and by deadline, and who is told what at each step."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flows.notices import ModerationReady, RoundPrompt, RoundResults, VotingOpen
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.lifecycle import Event, Phase, Refusal, Round, RoundSettings
from flows.rounds.moderation import Approve
from flows.rounds.statements import Statement, StatementStatus
from services import moderation, rounds, statements
from services.rounds import Moved
from tests.services.round_place import Place, place


async def _open(p: Place, settings: RoundSettings | None = None) -> Round:
    opened = await rounds.open_round(p.rt, p.dialogue_id, settings or RoundSettings(), "trust")
    assert isinstance(opened, Round)
    return opened


async def _write(p: Place, role: Role, index: int, text: str) -> str:
    saved = await statements.submit(p.rt, p.people[role][index], p.dialogue_id, role, "en", text)
    assert isinstance(saved, statements.Saved)
    return saved.statement.id


async def test_opening_prompts_each_person_of_the_asked_groups_once(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, RoundSettings(roles=(Role.COMMUNITY, Role.OFFICIAL)))
        assert r.phase is Phase.COLLECTING and r.phase_started_at == p.clock()
        asked = p.people[Role.COMMUNITY] + p.people[Role.OFFICIAL]
        assert await p.notices() == [RoundPrompt(person.id, r.id) for person in asked]


async def test_one_open_round_per_dialogue_and_settings_that_can_run(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        assert await rounds.open_round(p.rt, p.dialogue_id, RoundSettings(roles=()), None) is (
            Refusal.NO_ROLES
        )
        bad = RoundSettings(deadlines={Phase.VOTING: timedelta(0)})
        assert await rounds.open_round(p.rt, p.dialogue_id, bad, None) is Refusal.BAD_DEADLINE
        assert await p.notices() == []
        first = await _open(p)
        before = await p.notices()
        assert await rounds.open_round(p.rt, p.dialogue_id, RoundSettings(), "trust") is (
            Refusal.ROUND_OPEN
        )
        assert await p.notices() == before
        assert await rounds.latest_round(p.rt, p.dialogue_id) == first


async def test_collecting_ends_authors_are_forgotten_and_other_facilitators_told(
    tmp_path: Path,
) -> None:
    async with place(tmp_path) as p:
        r = await _open(p)
        sid = await _write(p, Role.COMMUNITY, 0, "Street lights are broken")
        async with p.rt.db.read() as tx:
            assert await tx.statements.author_of(sid) == p.people[Role.COMMUNITY][0].id
        p.clock.advance(hours=1)
        mover, other = p.people[Role.FACILITATOR]
        moved = await rounds.advance(p.rt, p.dialogue_id, Event.NEXT, by_person_id=mover.id)
        assert isinstance(moved, Moved)
        assert (moved.previous, moved.round.phase) == (Phase.COLLECTING, Phase.MODERATING)
        assert moved.round.phase_started_at == p.clock()
        async with p.rt.db.read() as tx:
            assert await tx.statements.author_of(sid) is None
            stored = await tx.rounds.get(r.id)
        assert stored == moved.round
        told = [n for n in await p.notices() if not isinstance(n, RoundPrompt)]
        assert told == [ModerationReady(other.id, r.id)]  # the mover is answered directly


async def test_without_moderation_voting_opens_on_what_was_written(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, RoundSettings(moderation=False))
        written = {await _write(p, Role.COMMUNITY, i, f"Statement {i}") for i in range(3)}
        withdrawn = await _write(p, Role.POLICE, 0, "Taken back")
        assert await statements.withdraw(p.rt, p.people[Role.POLICE][0], withdrawn)
        moved = await rounds.advance(p.rt, p.dialogue_id)
        assert isinstance(moved, Moved) and moved.round.phase is Phase.VOTING
        async with p.rt.db.read() as tx:
            ordered = await tx.statements.in_voting_order(r.id)
            withdrawn_now = await tx.statements.get(withdrawn)
        assert {s.id for s in ordered} == written
        assert all(s.status is StatementStatus.APPROVED for s in ordered)
        assert withdrawn_now is not None and withdrawn_now.status is StatementStatus.WITHDRAWN
        voters = [person for role in STAKEHOLDER_ROLES for person in p.people[role]]
        voting = [n for n in await p.notices() if isinstance(n, VotingOpen)]
        assert voting == [VotingOpen(person.id, r.id) for person in voters]


async def test_with_moderation_only_approved_statements_go_to_the_vote(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p)
        kept = await _write(p, Role.COMMUNITY, 0, "Kept")
        left = await _write(p, Role.COMMUNITY, 1, "Never moderated")
        await rounds.advance(p.rt, p.dialogue_id)
        approved = await moderation.moderate(p.rt, p.dialogue_id, kept, Approve())
        assert isinstance(approved, Statement)
        await rounds.advance(p.rt, p.dialogue_id)
        async with p.rt.db.read() as tx:
            ordered = await tx.statements.in_voting_order(r.id)
            pending = await tx.statements.get(left)
        assert [s.id for s in ordered] == [kept]
        assert pending is not None and pending.status is StatementStatus.PENDING


async def test_closing_forgets_progress_and_tells_everyone_but_the_closer(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, RoundSettings(moderation=False))
        await _write(p, Role.COMMUNITY, 0, "One")
        await rounds.advance(p.rt, p.dialogue_id)
        async with p.rt.db.transaction() as tx:
            await tx.votes.set_progress(r.id, p.people[Role.POLICE][0].id, 1)
        closer = p.facilitator
        moved = await rounds.advance(p.rt, p.dialogue_id, Event.CLOSE, by_person_id=closer.id)
        assert isinstance(moved, Moved) and moved.round.phase is Phase.CLOSED
        async with p.rt.db.read() as tx:
            assert await tx.votes.progress(r.id, p.people[Role.POLICE][0].id) == 0
        results = [n for n in await p.notices() if isinstance(n, RoundResults)]
        everyone = sorted(person.id for person in p.everyone() if person != closer)
        assert results == [RoundResults(person_id, r.id) for person_id in everyone]
        assert await rounds.advance(p.rt, p.dialogue_id) is None  # no round is open any more
        latest = await rounds.latest_round(p.rt, p.dialogue_id)
        assert latest is not None and latest.phase is Phase.CLOSED


async def test_deadlines_move_a_round_one_phase_at_a_time(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        day = timedelta(days=1)
        settings = RoundSettings(deadlines={Phase.COLLECTING: day, Phase.MODERATING: day})
        r = await _open(p, settings)
        p.clock.advance(hours=23, minutes=59)
        assert await rounds.advance_due(p.rt) == []
        p.clock.advance(days=5)  # the bot was down: both deadlines have passed
        moved = await rounds.advance_due(p.rt)
        assert [(m.previous, m.round.phase) for m in moved] == [
            (Phase.COLLECTING, Phase.MODERATING)
        ]
        assert await rounds.advance_due(p.rt) == []  # moderation has its full day from now
        p.clock.advance(days=1)
        moved = await rounds.advance_due(p.rt)
        assert [m.round.phase for m in moved] == [Phase.VOTING]
        p.clock.advance(days=30)
        assert await rounds.advance_due(p.rt) == []  # voting has no deadline
        latest = await rounds.latest_round(p.rt, p.dialogue_id)
        assert latest is not None and latest.id == r.id and latest.phase is Phase.VOTING


async def test_prompted_only_while_open_and_asked(tmp_path: Path) -> None:
    async with place(tmp_path) as p:
        r = await _open(p, RoundSettings(roles=(Role.POLICE,)))
        officer, resident = p.people[Role.POLICE][0], p.people[Role.COMMUNITY][0]
        asked = await rounds.prompted(p.rt, r.id, officer.id)
        assert asked is not None and asked[1] is Role.POLICE
        assert await rounds.prompted(p.rt, r.id, resident.id) is None
        assert await rounds.role_in_round(p.rt, resident.id, r) is Role.COMMUNITY
        await rounds.advance(p.rt, p.dialogue_id, Event.CLOSE)
        assert await rounds.prompted(p.rt, r.id, officer.id) is None
