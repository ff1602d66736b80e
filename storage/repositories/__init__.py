"""Repositories: one small class per aggregate, all bound to the current unit of work."""

from __future__ import annotations

from functools import cached_property

import aiosqlite

from storage.repositories.actions import ActionRepository
from storage.repositories.conversations import ConversationRepository
from storage.repositories.dialogues import DialogueRepository
from storage.repositories.exports import ExportRepository
from storage.repositories.grievance_alerts import GrievanceAlertRepository
from storage.repositories.grievance_areas import GrievanceAreaRepository
from storage.repositories.grievances import GrievanceRepository
from storage.repositories.invites import InviteRepository
from storage.repositories.outbox import OutboxRepository
from storage.repositories.people import PeopleRepository
from storage.repositories.rounds import RoundRepository, StatementRepository
from storage.repositories.surveys import (
    ParticipationRepository,
    ResponseRepository,
    ScheduleRepository,
    WaveRepository,
)
from storage.repositories.votes import VoteRepository


class Transaction:
    """What a unit of work can touch. Created by ``Database.transaction()``, never directly."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    @cached_property
    def dialogues(self) -> DialogueRepository:
        return DialogueRepository(self.conn)

    @cached_property
    def people(self) -> PeopleRepository:
        return PeopleRepository(self.conn)

    @cached_property
    def invites(self) -> InviteRepository:
        return InviteRepository(self.conn)

    @cached_property
    def conversations(self) -> ConversationRepository:
        return ConversationRepository(self.conn)

    @cached_property
    def rounds(self) -> RoundRepository:
        return RoundRepository(self.conn)

    @cached_property
    def statements(self) -> StatementRepository:
        return StatementRepository(self.conn)

    @cached_property
    def votes(self) -> VoteRepository:
        return VoteRepository(self.conn)

    @cached_property
    def outbox(self) -> OutboxRepository:
        return OutboxRepository(self.conn)

    @cached_property
    def actions(self) -> ActionRepository:
        return ActionRepository(self.conn)

    @cached_property
    def grievances(self) -> GrievanceRepository:
        return GrievanceRepository(self.conn)

    @cached_property
    def grievance_areas(self) -> GrievanceAreaRepository:
        return GrievanceAreaRepository(self.conn)

    @cached_property
    def grievance_alerts(self) -> GrievanceAlertRepository:
        return GrievanceAlertRepository(self.conn)

    @cached_property
    def survey_schedules(self) -> ScheduleRepository:
        return ScheduleRepository(self.conn)

    @cached_property
    def survey_waves(self) -> WaveRepository:
        return WaveRepository(self.conn)

    @cached_property
    def survey_participation(self) -> ParticipationRepository:
        return ParticipationRepository(self.conn)

    @cached_property
    def survey_responses(self) -> ResponseRepository:
        return ResponseRepository(self.conn)

    @cached_property
    def exports(self) -> ExportRepository:
        return ExportRepository(self.conn)
