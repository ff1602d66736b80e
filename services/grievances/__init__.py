"""Use cases of anonymous grievances: the intake, filing with a receipt, /status, the
facilitators' digest and desk, the agenda, places and categories, early warnings.

The edge calls these; these load in one unit of work, let the domain (``flows.grievances``)
decide and store what it decided. Three rules hold throughout:

- The intake's answers sit in the person's conversation row only while they are filing; the
  description is never written there. It stays in this process's memory until confirmation
  (``intake`` owns ``Runtime.intake_drafts``), so after a restart at the review the person is
  asked to type it again (and told why).
- Filing writes the grievance, the daily-limit count and the end of the conversation in one
  transaction, with nothing that joins them: the grievance has a random key and the day only,
  the count a pseudonym under a secret that changes every day (``limits`` owns
  ``Runtime.daily_secret``).
- Nothing here logs a description, a reply, a receipt code or who did what.

Modules: ``areas`` (categories and places), ``limits``, ``intake``, ``filing``, ``receipts``,
``digest``, ``desk`` (pages, status, agenda, reply), ``alerts``.
"""

from flows.grievances.agenda import (
    ChangeStatus,
    DeskAction,
    DeskRefusal,
    SetAgenda,
)
from flows.grievances.areas import AreasRefusal, area_names
from flows.grievances.filing import NotFiled
from services import conversations
from services.grievances.alerts import AlertSeen, alert_for, raise_alerts
from services.grievances.areas import (
    AREAS_FLOW,
    add_areas,
    areas_of,
    ask_areas,
    catalogue_of,
    labels,
    parse_categories,
    retire_area,
    set_categories,
)
from services.grievances.desk import (
    REPLY_FLOW,
    Page,
    act,
    agenda,
    ask_reply,
    locate,
    page,
    reply,
)
from services.grievances.digest import DigestView, digest
from services.grievances.filing import Filed, file
from services.grievances.intake import (
    FLOW,
    Begun,
    Intake,
    apply,
    begin,
    discard,
    end,
    forget_draft,
    forgotten_by_restart,
    open_intake,
    restore,
    shown,
)
from services.grievances.receipts import Followed, by_receipt

# A description typed in an intake is held in memory until it is sent: another flow, /cancel
# or /forgetme forgets it (``services.conversations``).
conversations.holds_pending_text(FLOW, forget_draft)

__all__ = [
    "AREAS_FLOW",
    "FLOW",
    "REPLY_FLOW",
    "AlertSeen",
    "AreasRefusal",
    "Begun",
    "ChangeStatus",
    "DeskAction",
    "DeskRefusal",
    "DigestView",
    "Filed",
    "Followed",
    "Intake",
    "NotFiled",
    "Page",
    "SetAgenda",
    "act",
    "add_areas",
    "agenda",
    "alert_for",
    "apply",
    "area_names",
    "areas_of",
    "ask_areas",
    "ask_reply",
    "begin",
    "by_receipt",
    "catalogue_of",
    "digest",
    "discard",
    "forgotten_by_restart",
    "end",
    "file",
    "forget_draft",
    "labels",
    "locate",
    "open_intake",
    "page",
    "parse_categories",
    "raise_alerts",
    "reply",
    "restore",
    "retire_area",
    "set_categories",
    "shown",
]
