"""Recent activity on the initiatives a user works on, for the dashboard.

Read from the audit trail's historical records (`idd.audit.TRACKED`): one query per
kind of record, however many initiatives the user has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from idd import roles
from idd.audit import KINDS, TRACKED
from idd.models import Indicator, Initiative


@dataclass(frozen=True)
class Activity:
    when: datetime
    who: str
    kind: str  # added, changed, removed
    group: str  # "Partner deliverable", "Initiative"…
    name: str
    reason: str  # the workflow step that made the change, if any
    initiative_id: int
    initiative_title: str

    @property
    def group_phrase(self) -> str:
        """The group inside a sentence: "partner deliverable", but "U.S. input"."""
        if self.group[1:2] in (".", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
            return self.group
        return self.group[0].lower() + self.group[1:]


def _initiative_id(record) -> int:
    return record.id if isinstance(record.instance, Initiative) else record.initiative_id


def recent_activity(user: roles.User, limit: int = 10) -> list[Activity]:
    """The latest changes, newest first, to initiatives the user owns or is a team member of."""
    mine = Initiative.objects.involving(user).values("pk")
    found = []
    for tracked in TRACKED:
        if tracked.model is Indicator:  # shown through its objective
            continue
        history = tracked.model.history  # type: ignore[attr-defined]
        records = (
            history.filter(id__in=mine)
            if tracked.model is Initiative
            else history.filter(initiative_id__in=mine)
        )
        latest = records.select_related("history_user").order_by("-history_date")[:limit]
        found += [(record, tracked) for record in latest]
    found.sort(key=lambda pair: pair[0].history_date, reverse=True)
    found = found[:limit]
    titles = dict(
        Initiative.objects.filter(pk__in={_initiative_id(r) for r, _ in found}).values_list(
            "pk", "title"
        )
    )
    return [
        Activity(
            when=record.history_date,
            who=roles.display_name(record.history_user, nobody="System"),
            kind=KINDS[record.history_type],
            group=tracked.group,
            name=tracked.name(record),
            reason=record.history_change_reason or "",
            initiative_id=_initiative_id(record),
            initiative_title=titles.get(_initiative_id(record), "a deleted initiative"),
        )
        for record, tracked in found
    ]
