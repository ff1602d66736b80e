"""Use cases of grievances: the intake, filing with a receipt, status, digest, agenda, alerts.

Handlers call these; these call the domain (``flows.grievances``) and storage. Three rules hold
throughout:

- The intake's answers sit in the person's conversation row only while they are filing; the
  description is never written there. It stays in this process's memory until confirmation, so
  after a restart at the review the person is asked to type it again (and told why).
- Filing writes the grievance, the daily-limit count and the end of the conversation in one
  transaction, with nothing that joins them: the grievance has a random key and the day only,
  the count a pseudonym under a secret that changes every day.
- Nothing here logs a description, a reply, a receipt code or who did what.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from flows.conversations import Conversation
from flows.disclosure import Mark
from flows.grievances import intake
from flows.grievances.categories import (
    Catalogue,
    DefinitionError,
    default_catalogue,
    with_custom_categories,
)
from flows.grievances.digest import Digest, build_digest, digest_periods
from flows.grievances.early_warning import TRAILING_WEEKS, alerts_to_raise
from flows.grievances.intake_events import Done, Effect, GrievanceDraft, Input, Step
from flows.grievances.intake_state import IntakeState, config_for
from flows.grievances.limits import LimitDecision, check_daily_limit, pseudonym
from flows.grievances.receipts import RANDOM_BYTES, GrievanceStatus, receipt_code, receipt_key
from flows.grievances.records import (
    MAX_AREAS,
    Area,
    Grievance,
    clean_area_names,
    clean_reply,
)
from flows.notices import GrievanceAlert
from flows.roles import Role
from services.daily_key import daily_secret
from services.runtime import Runtime
from storage import Database
from storage.repositories import Transaction

FLOW = "grievance"
REPLY_FLOW = "grievance_reply"
AREAS_FLOW = "grievance_areas"


# Definitions -----------------------------------------------------------------------------------


async def catalogue_of(tx: Transaction, dialogue_id: int) -> Catalogue:
    """The dialogue's categories: its own list if it has one, else the shipped defaults."""
    base = default_catalogue()
    custom = await tx.grievance_areas.categories(dialogue_id)
    if custom is None:
        return base
    try:
        return with_custom_categories(base, tomllib.loads(custom))
    except (DefinitionError, tomllib.TOMLDecodeError):
        return base  # validated when saved; a later Palabre may read it differently


def parse_categories(text: str) -> Catalogue:
    """Validate a dialogue's own category list (raises DefinitionError with what is wrong)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"not valid TOML: {exc}") from None
    return with_custom_categories(default_catalogue(), data)


async def set_categories(db: Database, dialogue_id: int, text: str | None) -> Catalogue:
    """Give a dialogue its own categories (TOML text), or back the defaults with None."""
    catalogue = parse_categories(text) if text is not None else default_catalogue()
    async with db.transaction() as tx:
        if await tx.dialogues.get(dialogue_id) is None:
            raise DefinitionError(f"there is no dialogue {dialogue_id}")
        await tx.grievance_areas.set_categories(dialogue_id, text)
    return catalogue


async def areas_of(rt: Runtime, dialogue_id: int, *, retired: bool = False) -> list[Area]:
    async with rt.db.read() as tx:
        return await tx.grievance_areas.of_dialogue(dialogue_id, retired=retired)


async def add_areas(rt: Runtime, dialogue_id: int, text: str) -> list[Area] | None:
    """Add the places typed (one per line); None, adding nothing, when that would make more
    than :data:`MAX_AREAS`."""
    names = clean_area_names(text)
    async with rt.db.transaction() as tx:
        active = {a.name.casefold() for a in await tx.grievance_areas.of_dialogue(dialogue_id)}
        if len(active | {n.casefold() for n in names}) > MAX_AREAS:
            return None
        return await tx.grievance_areas.add(dialogue_id, names) if names else []


async def retire_area(rt: Runtime, dialogue_id: int, area_id: str) -> bool:
    async with rt.db.transaction() as tx:
        return await tx.grievance_areas.retire(dialogue_id, area_id)


async def labels(rt: Runtime, dialogue_id: int, language: str) -> tuple[Catalogue, dict[str, str]]:
    """The dialogue's categories and what to show for each area id (retired ones too)."""
    async with rt.db.read() as tx:
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id, retired=True)
    return catalogue, area_names(catalogue, areas, language)


def area_names(catalogue: Catalogue, areas: list[Area], language: str) -> dict[str, str]:
    """Area id → what to show, the "not saying" choice included."""
    names = {a.id: a.name for a in areas}
    names[catalogue.unspecified_area.id] = catalogue.unspecified_area.label(language)
    return names


# The daily limit -------------------------------------------------------------------------------


def _pseudonym(rt: Runtime, telegram_id: int) -> tuple[date, str]:
    day = rt.today()
    cached = rt.daily_secret
    if cached is None or cached[0] != day:
        path = rt.settings.secret_path.with_name(rt.settings.secret_path.name + ".daily")
        cached = (day, daily_secret(path, day, rt.random_bytes))
        rt.daily_secret = cached
    return day, pseudonym(cached[1], telegram_id, day)


async def limit_today(rt: Runtime, tx: Transaction, telegram_id: int) -> LimitDecision:
    day, name = _pseudonym(rt, telegram_id)
    return check_daily_limit(
        await tx.grievance_limits.filed(day, name), rt.settings.grievances_per_day
    )


# The intake ------------------------------------------------------------------------------------


@dataclass
class Intake:
    """One person's open /grievance, as loaded for the next input."""

    dialogue_id: int
    state: IntakeState
    #: Ids of the person's description messages, deleted from the chat once filed.
    messages: list[int] = field(default_factory=list)
    #: The description was lost in a restart (it is never written to the database).
    description_lost: bool = False
    #: Ids of the bot's messages that showed this intake (questions, reviews quoting the
    #: description), deleted from the chat if the person cancels.
    screens: list[int] = field(default_factory=list)


def _memory(rt: Runtime) -> dict[int, IntakeState]:
    return rt.intake_drafts


def _conversation(intake_: Intake) -> Conversation:
    return Conversation(
        FLOW,
        intake_.state.step.value,
        {
            "dialogue": intake_.dialogue_id,
            "state": intake_.state.to_dict(),
            "messages": intake_.messages,
            "screens": intake_.screens,
        },
    )


async def begin(
    rt: Runtime, person_id: int, telegram_id: int, dialogue_id: int
) -> tuple[Intake, tuple[Effect, ...]] | LimitDecision:
    """Start an intake, unless today's limit is reached (then the refusal)."""
    async with rt.db.transaction() as tx:
        decision = await limit_today(rt, tx, telegram_id)
        if not decision.allowed:
            return decision
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id)
        config = config_for(catalogue, tuple(a.id for a in areas), max_length=_length(rt))
        state, effects = intake.start(config)
        opened = Intake(dialogue_id, state)
        await tx.conversations.put(person_id, _conversation(opened), rt.now())
    _memory(rt)[person_id] = state
    return opened, effects


def _length(rt: Runtime) -> int:
    return rt.settings.grievance_length


def restore(rt: Runtime, person_id: int, conversation: Conversation) -> Intake | None:
    """The open intake from its conversation row (and this process's memory), or None."""
    payload = conversation.payload
    dialogue_id = payload.get("dialogue")
    messages, screens = payload.get("messages", []), payload.get("screens", [])
    if not isinstance(dialogue_id, int) or not isinstance(messages, list):
        return None
    try:
        stored = IntakeState.from_dict(payload.get("state"))  # type: ignore[arg-type]
    except ValueError:
        return None
    typed = [m for m in messages if isinstance(m, int)]
    shown = [m for m in screens if isinstance(m, int)] if isinstance(screens, list) else []
    remembered = _memory(rt).get(person_id)
    if remembered is not None and remembered.to_dict() == stored.to_dict():
        return Intake(dialogue_id, remembered, typed, screens=shown)
    # Not in memory: the process restarted. At the review that means the description is gone.
    lost = conversation.step == Step.REVIEW.value
    return Intake(dialogue_id, stored, typed, lost, shown)


async def apply(
    rt: Runtime, person_id: int, intake_: Intake, event: Input, message_id: int | None = None
) -> tuple[Intake, tuple[Effect, ...]]:
    """Feed one input to the intake and keep the result (the description only in memory)."""
    state, effects = intake.step(intake_.state, event)
    if any(isinstance(e, Done) for e in effects):
        return replace(intake_, state=state), effects
    if state.finished:  # cancelled
        await end(rt, person_id)
        return replace(intake_, state=state), effects
    messages = list(intake_.messages)
    if message_id is not None:
        messages.append(message_id)
    lost = intake_.description_lost and state is intake_.state
    moved = replace(intake_, state=state, messages=messages, description_lost=lost)
    if state is not intake_.state or messages != intake_.messages:
        async with rt.db.transaction() as tx:
            await tx.conversations.put(person_id, _conversation(moved), rt.now())
        _memory(rt)[person_id] = state
    return moved, effects


async def shown(rt: Runtime, person_id: int, intake_: Intake, message_id: int) -> Intake:
    """Remember that the bot's message ``message_id`` shows the intake (see ``screens``)."""
    moved = replace(intake_, screens=[*intake_.screens, message_id])
    async with rt.db.transaction() as tx:
        current = await tx.conversations.get(person_id)
        if current is not None and current.flow == FLOW:
            await tx.conversations.put(person_id, _conversation(moved), rt.now())
    return moved


async def end(rt: Runtime, person_id: int) -> None:
    """Leave the intake, keeping nothing."""
    _memory(rt).pop(person_id, None)
    async with rt.db.transaction() as tx:
        await tx.conversations.clear(person_id)


def forget_draft(rt: Runtime, person_id: int) -> None:
    """Drop a description held in memory (after /cancel or /forgetme)."""
    _memory(rt).pop(person_id, None)


@dataclass(frozen=True)
class Filed:
    code: str
    remaining: int


class NotFiled(Exception):
    """The grievance could not be filed: ``reason`` is "limit" or "changed"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def file(
    rt: Runtime, person_id: int, telegram_id: int, dialogue_id: int, draft: GrievanceDraft
) -> Filed:
    """Store a confirmed grievance and end the intake; returns the receipt code to show.

    Raises NotFiled("limit") when today's limit was reached meanwhile, NotFiled("changed") when
    the person left the dialogue or a choice is no longer offered.
    """
    day, name = _pseudonym(rt, telegram_id)
    code = receipt_code(rt.random_bytes(RANDOM_BYTES))
    key = rt.random_bytes(16).hex()
    async with rt.db.transaction() as tx:
        if await tx.people.membership(person_id, dialogue_id) is None:
            raise NotFiled("changed")
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = {a.id for a in await tx.grievance_areas.of_dialogue(dialogue_id)}
        areas.add(catalogue.unspecified_area.id)
        if (
            draft.category not in catalogue.category_ids
            or draft.area not in areas
            or draft.when not in catalogue.when_ids
        ):
            raise NotFiled("changed")
        decision = check_daily_limit(
            await tx.grievance_limits.filed(day, name), rt.settings.grievances_per_day
        )
        if not decision.allowed:
            await tx.conversations.clear(person_id)
            raise NotFiled("limit")
        grievance = Grievance(
            key, dialogue_id, day, draft.category, draft.area, draft.when, draft.description
        )
        await tx.grievances.add(grievance, _receipt_key(rt, code))
        await tx.grievance_limits.count_one(day, name)
        await tx.conversations.clear(person_id)
    _memory(rt).pop(person_id, None)
    return Filed(code, decision.remaining)


def _receipt_key(rt: Runtime, code: str) -> str:
    found = receipt_key(rt.secret, code)
    assert found is not None
    return found


# Receipts --------------------------------------------------------------------------------------


async def by_receipt(rt: Runtime, code: str) -> Grievance | None:
    key = receipt_key(rt.secret, code)
    if key is None:
        return None
    async with rt.db.read() as tx:
        return await tx.grievances.by_receipt(key)


# The facilitators' side ------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestView:
    digest: Digest
    catalogue: Catalogue
    areas: list[Area]
    total: int
    alerts: list  # RaisedAlert, this week


async def digest(rt: Runtime, dialogue_id: int) -> DigestView:
    """Counts by category and area, this week and month against the previous, suppressed."""
    day = rt.today()
    periods = digest_periods(day)
    counts: dict[tuple[str, str, object], int] = {}
    async with rt.db.read() as tx:
        for period, span in periods.items():
            for (category, area), n in (
                await tx.grievances.counts(dialogue_id, span.start, span.end)
            ).items():
                counts[(category, area, period)] = n
        catalogue = await catalogue_of(tx, dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(dialogue_id, retired=True)
        total = await tx.grievances.count(dialogue_id)
        alerts = await tx.grievance_alerts.since(dialogue_id, day - timedelta(days=6))
    built = build_digest(
        counts,  # type: ignore[arg-type]
        categories=catalogue.category_ids,
        areas=[a.id for a in areas if not a.retired] + [catalogue.unspecified_area.id],
        periods=periods,
        k=rt.settings.min_group_size,
    )
    return DigestView(built, catalogue, areas, total, alerts)


async def page(rt: Runtime, dialogue_id: int, index: int) -> tuple[Grievance | None, int, int]:
    """The grievance at ``index`` (clamped), its index and the count."""
    async with rt.db.read() as tx:
        found, total = await tx.grievances.page(dialogue_id, index)
        if found is None and total:
            index = total - 1
            found, total = await tx.grievances.page(dialogue_id, index)
    return found, max(min(index, total - 1), 0), total


async def locate(rt: Runtime, dialogue_id: int, key: str) -> tuple[Grievance | None, int, int]:
    """A grievance of this dialogue by key, with its index and the count."""
    async with rt.db.read() as tx:
        found = await tx.grievances.get(key)
        if found is None or found.dialogue_id != dialogue_id:
            return None, 0, await tx.grievances.count(dialogue_id)
        return found, await tx.grievances.position(found), await tx.grievances.count(dialogue_id)


async def set_status(
    rt: Runtime, dialogue_id: int, key: str, status: GrievanceStatus
) -> Grievance | None:
    async with rt.db.transaction() as tx:
        found = await tx.grievances.get(key)
        if found is None or found.dialogue_id != dialogue_id:
            return None
        if status is GrievanceStatus.ON_AGENDA:
            return None  # through the agenda button, which knows confidential categories
        await tx.grievances.set_status(key, status)
        return await tx.grievances.get(key)


class Confidential(Exception):
    """This category never goes to police or official participants."""


async def set_agenda(rt: Runtime, dialogue_id: int, key: str, on: bool) -> Grievance | None:
    async with rt.db.transaction() as tx:
        found = await tx.grievances.get(key)
        if found is None or found.dialogue_id != dialogue_id:
            return None
        catalogue = await catalogue_of(tx, dialogue_id)
        if on and found.category in catalogue.confidential_ids:
            raise Confidential()
        status = found.status
        if on and status is GrievanceStatus.RECEIVED:
            status = GrievanceStatus.ON_AGENDA
        if not on and status is GrievanceStatus.ON_AGENDA:
            status = GrievanceStatus.RECEIVED
        await tx.grievances.set_agenda(key, on, status)
        return await tx.grievances.get(key)


async def set_reply(rt: Runtime, dialogue_id: int, key: str, text: str) -> Grievance | None:
    """Store a public reply (None when the text is empty or too long, or the key unknown)."""
    reply = clean_reply(text)
    if reply is None:
        return None
    async with rt.db.transaction() as tx:
        found = await tx.grievances.get(key)
        if found is None or found.dialogue_id != dialogue_id:
            return None
        await tx.grievances.set_reply(key, reply)
        return await tx.grievances.get(key)


async def agenda(
    rt: Runtime, dialogue_id: int, role: Role | None, catalogue: Catalogue
) -> list[Grievance]:
    """What a member of ``role`` may read of the agenda (None: program staff); confidential
    categories of ``catalogue`` stay with facilitators."""
    open_to_all = role is Role.FACILITATOR or role is None
    hidden = frozenset() if open_to_all else catalogue.confidential_ids
    async with rt.db.read() as tx:
        return await tx.grievances.on_agenda(dialogue_id, hidden)


# Early warning ---------------------------------------------------------------------------------


async def raise_alerts(rt: Runtime) -> int:
    """Check every dialogue for surges and urgent reports; queue alerts to its facilitators.

    Also forgets earlier days' limit counts. Returns how many alerts were raised.
    """
    day, now, k = rt.today(), rt.now(), rt.settings.min_group_size
    raised = 0
    async with rt.db.transaction() as tx:
        await tx.grievance_limits.prune(day)
        for dialogue in await tx.dialogues.all():
            weekly = await tx.grievances.weekly_counts(dialogue.id, day, TRAILING_WEEKS)
            current = {key: counts[0] for key, counts in weekly.items() if counts[0]}
            if not current:
                continue
            catalogue = await catalogue_of(tx, dialogue.id)
            totals = await tx.grievances.totals(dialogue.id, catalogue.urgent_ids)
            seen = await tx.grievance_alerts.seen(dialogue.id)
            alerts = alerts_to_raise(
                current,
                {key: counts[1:] for key, counts in weekly.items()},
                urgent_categories=catalogue.urgent_ids,
                already_alerted_today=await tx.grievance_alerts.raised_on(dialogue.id, day),
                k=k,
                new_since_last_alert={
                    key for key, total in totals.items() if total > seen.get(key, 0)
                },
            )
            if not alerts:
                continue
            facilitators = await tx.people.members(dialogue.id, (Role.FACILITATOR,))
            for alert in alerts:
                reasons = frozenset(r.value for r in alert.reasons)
                await tx.grievance_alerts.record(
                    dialogue.id, day, alert.category, alert.area, reasons, totals.get(alert.key, 0)
                )
                raised += 1
                count = alert.count.value if alert.count.mark is not Mark.SMALL else None
                for person in facilitators:
                    notice = GrievanceAlert(
                        person.id,
                        dialogue.id,
                        day,
                        alert.category,
                        alert.area,
                        tuple(sorted(reasons)),
                        count,
                    )
                    await tx.outbox.enqueue(notice, now)
    return raised


@dataclass(frozen=True)
class AlertSeen:
    """An early warning as its facilitator reads it: names rather than ids."""

    dialogue_name: str
    category: str
    area: str


async def alert_for(rt: Runtime, notice: GrievanceAlert, language: str) -> AlertSeen | None:
    """What the alert shows its recipient, or None when they no longer facilitate there."""
    async with rt.db.read() as tx:
        membership = await tx.people.membership(notice.person_id, notice.dialogue_id)
        if membership is None or membership.role is not Role.FACILITATOR:
            return None
        catalogue = await catalogue_of(tx, notice.dialogue_id)
        areas = await tx.grievance_areas.of_dialogue(notice.dialogue_id, retired=True)
    category = catalogue.category(notice.category)
    names = area_names(catalogue, areas, language)
    return AlertSeen(
        membership.dialogue_name,
        category.label(language) if category else notice.category,
        names.get(notice.area, notice.area),
    )
