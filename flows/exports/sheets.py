"""The sheets of an export: their names, columns and what each column means.

Sheet names and column headers are English and stable (scripts read them); the README sheet
repeats every meaning given here. An XLSX workbook holds the sheets in this order, README
first; a CSV export holds one file per sheet, named after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.exports.cells import CellValue

NOT_RELEASED = "not released (wave open)"


def suppressed(k: int) -> str:
    """What a cell says when its figure would rest on fewer than k people."""
    return f"suppressed (<{k})"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    meaning: str


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    about: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet ready to write: headers and rows of cells (already made safe)."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]


@dataclass(frozen=True, slots=True)
class Workbook:
    sheets: tuple[Sheet, ...]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


_DIALOGUE = (
    Column("dialogue_id", "the dialogue's number (palabre export --dialogue ID)"),
    Column("dialogue", "the dialogue's name"),
)
_WAVE = (
    Column("instrument", "the survey instrument's id (trends compare waves of one instrument)"),
    Column("wave_id", "the survey wave's id"),
    Column("wave_date", "the day the wave opened (YYYY-MM-DD, in PALABRE_TIMEZONE)"),
)
ITEM_PREFIX = "mean_"

TRUST_TRENDS = SheetSpec(
    "trust_trends",
    "One row per dialogue, survey wave and group asked.",
    (
        *_DIALOGUE,
        *_WAVE,
        Column("wave_status", "closed, or open (an open wave's results are not released)"),
        Column("role", "the group: community, police or official"),
        Column("invited", "people of the group the survey was sent to (always shown)"),
        Column("blocked", "invited people who blocked the bot without answering"),
        Column("answered", "surveys stored for the group (always shown)"),
        Column("response_rate", "answered / (invited - blocked), from 0 to 1"),
        Column(
            "index_n",
            "community rows: respondents with a trust index (at least one index item answered)",
        ),
        Column(
            "index",
            "community rows only: the community's own trust index, 0-100 (mean of its "
            "respondents' indices); empty on police and official rows",
        ),
        Column("index_low", "lower bound of the index's 95 % Student-t interval"),
        Column("index_high", "upper bound of the index's 95 % Student-t interval"),
        Column("index_change", "index minus the previous wave's (both shown), in points"),
        Column("estimate_n", "police and official rows: respondents with an estimate"),
        Column(
            "estimate",
            "police and official rows only: the group's estimate of the community's trust, "
            "0-100 (their index over items about the community: what they believe the "
            "community answers, and whether it cooperates); never the group's own trust, and "
            "empty on community rows",
        ),
        Column("estimate_low", "lower bound of the estimate's 95 % Student-t interval"),
        Column("estimate_high", "upper bound of the estimate's 95 % Student-t interval"),
        Column("estimate_change", "estimate minus the previous wave's (both shown), in points"),
        Column(
            "uncertain_items",
            "items where more than 30 % said don't know, refused or skipped",
        ),
        Column(
            f"{ITEM_PREFIX}<item>",
            "one column per survey item: the group's mean answer on 0-100 (100 = most trust, "
            "safety or agreement); empty when the item is not asked of the group. A mirrored "
            "item (mean_m_...) is the police's or officials' estimate of the community's "
            "answer, not their own trust",
        ),
    ),
)

PERCEPTION_GAP = SheetSpec(
    "perception_gap",
    "One row per wave, mirrored item and group estimating the community's answer.",
    (
        *_DIALOGUE,
        *_WAVE,
        Column("item", "the community's item"),
        Column("mirror_item", "the item asking police or officials to estimate it"),
        Column("role", "the group estimating: police or official"),
        Column("community_mean", "what the community says, 0-100"),
        Column("estimate", "what the group believes the community says, 0-100"),
        Column("gap", "estimate minus community_mean, in points (positive: they overestimate)"),
        Column(
            "gap_low",
            "lower bound of the gap's 95 % Welch interval (empty when either group answered "
            "all alike)",
        ),
        Column("gap_high", "upper bound of the gap's 95 % Welch interval"),
    ),
)

GRIEVANCES = SheetSpec(
    "grievances",
    "One row per grievance, anonymous fields only (no receipt, no key, nothing about the "
    "person who filed it).",
    (
        *_DIALOGUE,
        Column("filed_on", "the day it was received (YYYY-MM-DD, no time of day)"),
        Column("category", "the subject's id"),
        Column("category_label", "the subject in English"),
        Column("confidential", "yes for a category kept with the facilitators"),
        Column("area", "the place chosen, or 'I prefer not to say'"),
        Column("happened", "when it happened: this_week, this_month or earlier"),
        Column("status", "received, on_agenda, action_taken or closed"),
        Column("on_agenda", "yes when facilitators put it on the dialogue's agenda"),
        Column("description", "the person's words, as sent"),
        Column("public_reply", "the facilitators' public reply, if any"),
    ),
)

ROUNDS = SheetSpec(
    "rounds",
    "One row per dialogue round.",
    (
        *_DIALOGUE,
        Column("round_id", "the round's id"),
        Column("opened_on", "the day the round opened"),
        Column("closed_on", "the day it closed (empty while open)"),
        Column("phase", "collecting, moderating, voting or closed"),
        Column("template", "the question template's id (empty for a facilitator's question)"),
        Column("question", "the template's title, or the facilitator's question as typed"),
        Column("groups_asked", "the groups the round addressed"),
        Column("moderation", "yes when statements were reviewed before anyone read them"),
        Column("statements", "statements put to the vote"),
        Column("common_ground", "statements a majority of every group agreed with"),
        Column(
            "partial_ground",
            "statements a majority of every shown group agreed with while a group was not "
            "shown (fewer than k votes): not common ground, counted apart",
        ),
        Column(
            "divides",
            "statements on which two shown groups that took a side differ in agree share",
        ),
        Column("uncertain", "statements more than 30 % of the shown votes passed on"),
    ),
)

ROLE_COLUMNS = ("votes", "agree", "disagree", "pass", "agree_rate")

STATEMENTS = SheetSpec(
    "statements",
    "One row per statement put to the vote in a closed round, with votes by group. A round's "
    "votes are released when it closes.",
    (
        *_DIALOGUE,
        Column("round_id", "the round's id"),
        Column("closed_on", "the day the round closed"),
        Column("position", "the statement's place in the voting order"),
        Column(
            "author_group",
            "the group of the person who wrote it; empty when fewer than k members share its "
            "group and language",
        ),
        Column(
            "language",
            "the language it was written in; empty when fewer than k members write in it",
        ),
        Column("text", "the statement as approved"),
        Column(
            "<group>_votes, _agree, _disagree, _pass, _agree_rate",
            "per group (community, police, official): votes, agrees, disagrees, passes and "
            "agrees / votes; empty for a group the round did not address",
        ),
        Column(
            "consensus",
            "product over every addressed group of (agrees + 1) / (votes + 2) (Pol.is); empty "
            "when a group was not shown",
        ),
        Column(
            "partial_consensus",
            "the same product over the shown groups only, when a group was not shown: larger "
            "than a full consensus would be, so never ranked with the consensus column",
        ),
        Column(
            "common_ground",
            "yes when a majority of every addressed group agrees; no when a shown group has no "
            "agreeing majority (or one group was asked); unknown when every shown group agrees "
            "but a group was not shown",
        ),
        Column(
            "divide_gap",
            "largest difference in agree share among those who took a side, agrees / (agrees "
            "+ disagrees), between two shown groups where at most half passed",
        ),
        Column("divide_higher", "the group agreeing more"),
        Column("divide_lower", "the group agreeing less"),
        Column("mostly_passed", "shown groups where more than half of the votes were passes"),
        Column("uncertain", "yes when more than 30 % of the shown votes passed"),
    ),
)

ACTIONS = SheetSpec(
    "action_items",
    "One row per action item.",
    (
        *_DIALOGUE,
        Column("created_on", "the day it was added"),
        Column("action", "what was agreed, in one sentence"),
        Column("owner_group", "the group that owns it"),
        Column("due_on", "the due day"),
        Column("status", "open, in_progress, done or dropped"),
        Column("last_asked_on", "the last day facilitators were asked for a status"),
    ),
)

SPECS: tuple[SheetSpec, ...] = (
    TRUST_TRENDS,
    PERCEPTION_GAP,
    GRIEVANCES,
    ROUNDS,
    STATEMENTS,
    ACTIONS,
)
README = "README"
