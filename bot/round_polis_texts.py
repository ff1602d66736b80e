"""What Pol.is would report about a closed round, rendered for one reader: what sets each
group apart and the majority opinion (``flows/rounds/polis.py``; shown groups only).

Each function takes ``line``, which renders a statement's bullet from its id (the results'
and the summary's own), and returns lines to join into their message.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n import Translator
from bot.texts import group_name
from flows.roles import STAKEHOLDER_ROLES, Role
from flows.rounds.polis import Majority, PolisLists, Representative, Side

Line = Callable[[str], str]
#: How many statements the facilitators' results show per group.
PER_GROUP = 3


def _apart(t: Translator, role: Role, r: Representative[str]) -> str:
    values = {
        "group": group_name(t, role),
        "share": t.percent(r.shown_share),
        "others": t.percent(r.shown_others_share),
    }
    if r.shown_side is Side.AGREE:
        return t._("{group}: {share} agree, against {others} in the other groups", **values)
    return t._("{group}: {share} disagree, against {others} in the other groups", **values)


def _majority(t: Translator, m: Majority[str], side: Side) -> str:
    share, n = t.percent(m.share), t.number(m.trials)
    if side is Side.AGREE:
        return t.ngettext(
            "{share} agree, of {n} vote", "{share} agree, of {n} votes", m.trials, share=share, n=n
        )
    return t.ngettext(
        "{share} disagree, of {n} vote",
        "{share} disagree, of {n} votes",
        m.trials,
        share=share,
        n=n,
    )


def _sets_apart(t: Translator, polis: PolisLists[str, Role], line: Line, each: int) -> list[str]:
    found = [
        f"{line(r.statement)}\n  {_apart(t, role, r)}"
        for role in STAKEHOLDER_ROLES
        for r in polis.representative.get(role, ())[:each]
    ]
    return found or [t._("None this time.")]


def _majorities(polis: PolisLists[str, Role]) -> list[tuple[Side, Majority[str]]]:
    return [(side, m) for side in Side for m in polis.majority[side]]


def for_facilitators(t: Translator, polis: PolisLists[str, Role], line: Line) -> list[str]:
    """The results' two sections, each opened by a blank line."""
    lines = ["", t._("<b>What sets each group apart</b> (compared with the other groups)")]
    lines += _sets_apart(t, polis, line, PER_GROUP)
    lines += ["", t._("<b>Majority opinion</b> (all the groups shown, together)")]
    lines += [f"{line(m.statement)}\n  {_majority(t, m, side)}" for side, m in _majorities(polis)]
    if not any(polis.majority.values()):
        lines.append(t._("None this time."))
    return lines


def for_summary(t: Translator, polis: PolisLists[str, Role], line: Line, shown: int) -> list[str]:
    """/summary's lines: each group's most representative statement, and the ``shown``
    strongest majority opinions (Pol.is's pa·pat, agreeing and disagreeing together)."""
    lines = [t._("What sets each group apart:"), *_sets_apart(t, polis, line, 1)]
    strongest = sorted(_majorities(polis), key=lambda sm: -(sm[1].p_success * sm[1].p_test))
    lines.append(t._("Majority opinion:"))
    lines += [f"{line(m.statement)}\n  {_majority(t, m, side)}" for side, m in strongest[:shown]]
    if not strongest:
        lines.append(t._("None this time."))
    return lines
