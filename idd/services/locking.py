"""Optimistic locking: two people editing one initiative never overwrite each other.

Every form that edits an initiative or its rows carries the version it was read at.
Saving claims the next version in one UPDATE ... WHERE version = read version; if
someone saved in between, nothing is written and the editor gets a conflict message.
The services that save (`idd.services.editing.new_version`) also queue the new
version's PDF to be rendered ahead; this helper only locks.
"""

from django.db.models import F
from django.utils import timezone

from idd.models import Initiative

CONFLICT_MESSAGE = (
    "Someone else saved changes to this initiative while you were editing. "
    "Nothing of yours was saved: your entries are still on the form, and what they "
    "changed is shown with them. Check it, then save again."
)


class StaleEdit(Exception):
    """The initiative changed since the editor read it."""


def claim_version(initiative: Initiative, read_version: int) -> None:
    """Move the initiative to its next version, or raise StaleEdit if it moved already.

    Call inside the transaction that writes the edit (ATOMIC_REQUESTS gives one per
    request): the UPDATE locks the row until commit, so a concurrent save waits, then
    finds the version changed.
    """
    claimed = Initiative.objects.filter(pk=initiative.pk, version=read_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        raise StaleEdit(CONFLICT_MESSAGE)
    initiative.version = read_version + 1
