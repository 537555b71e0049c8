"""Work done in the background by `python manage.py db_worker` (django-tasks, ADR 0006).

Laying out a long IDD takes seconds (`make bench`), so every change to an initiative
queues its PDF to be rendered and stored once the initiative has been left unchanged for
PDF_RENDER_DELAY seconds; the download then serves the stored file. A download that comes
first still renders on the spot (`idd.export.pdf_for`): nothing depends on a worker.
Every printable document the initiative has is rendered ahead (the IDD, and the Section
333 notification draft for a Section 333 initiative).
An approval stores its revision's PDF right after it commits, and queues it here too,
in case the web process stops before it is done.

Daily: `refresh_summaries_daily` refreshes every initiative summary whose figures are as
of an earlier day (the date alone can make a deliverable due or overdue), then queues
itself again to run just after the next local midnight. At most one copy waits in the
queue: `schedule_daily_refresh` queues it only if none is waiting, and
`manage.py refresh_summaries` (run by `seed_demo`, and once on deployment) starts the cycle.
`disable_inactive_accounts_daily` runs the same way: accounts without a sign-in for
INACTIVE_ACCOUNT_DAYS are disabled (STIG V-222411).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from idd.export import document_for, offered_kinds, revision_pdf, revision_pdf_stored, stored_pdf
from idd.models import Initiative, Revision
from idd.services.inactive_accounts import disable_inactive
from idd.services.summaries import refresh_stale_summaries


@task()
def render_pdf_ahead(initiative_id: int, version: int) -> bool:
    """Store the PDFs of this version of the initiative; False if there is nothing to do:
    the initiative changed again (that change queued its own render) or is gone."""
    initiative = Initiative.objects.filter(pk=initiative_id, version=version).first()
    if initiative is None:
        return False
    for kind in offered_kinds(document_for(initiative)):
        stored_pdf(initiative, kind)
    return True


@task()
def store_revision_pdf(revision_id: int) -> bool:
    """Store the approved revision's PDF if it is not stored yet; False if it was already
    (the approving request stored it right after its commit, as it usually does)."""
    revision = Revision.objects.get(pk=revision_id)
    if revision_pdf_stored(revision):
        return False
    revision_pdf(revision)
    return True


def queue_pdf_render(initiative: Initiative) -> None:
    """Once the current transaction commits, queue the PDF of the initiative as it is now.

    A failure to queue is logged and never undoes the user's save.
    """
    initiative_id, version = initiative.pk, initiative.version

    def enqueue() -> None:
        run_after = timezone.now() + timedelta(seconds=settings.PDF_RENDER_DELAY)
        render_pdf_ahead.using(run_after=run_after).enqueue(initiative_id, version)

    transaction.on_commit(enqueue, robust=True)


@task()
def refresh_summaries_daily() -> int:
    """Refresh the summaries computed before today, and come back tomorrow; how many."""
    refreshed = refresh_stale_summaries()
    schedule_daily_refresh()
    return refreshed


def next_midnight() -> datetime:
    """The start of tomorrow, local time (settings.TIME_ZONE)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def schedule_daily_refresh() -> bool:
    """Queue the daily refresh for the next midnight unless a copy is already waiting;
    whether one was queued."""
    return _queue_for_midnight(refresh_summaries_daily)


@task()
def disable_inactive_accounts_daily() -> list[str]:
    """Disable the accounts unused too long, and come back tomorrow; whose."""
    disabled = disable_inactive()
    schedule_daily_account_check()
    return disabled


def schedule_daily_account_check() -> bool:
    """Queue the daily check of inactive accounts unless a copy is already waiting."""
    return _queue_for_midnight(disable_inactive_accounts_daily)


def _queue_for_midnight(daily) -> bool:
    waiting = DBTaskResult.objects.filter(
        task_path=daily.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    daily.using(run_after=next_midnight()).enqueue()
    return True
