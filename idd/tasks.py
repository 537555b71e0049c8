"""Work done in the background by `python manage.py db_worker` (django-tasks, ADR 0006).

Laying out a long IDD takes seconds (`make bench`), so every change to an initiative
queues its PDF to be rendered and stored once the initiative has been left unchanged for
PDF_RENDER_DELAY seconds; the download then serves the stored file. A download that comes
first queues its document at once, ahead of the renders ahead (`queue_download`), and
answers "Preparing the PDF" (`idd.services.downloads`): only the worker renders (ADR 0015).
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
INACTIVE_ACCOUNT_DAYS are disabled (STIG V-222411). So does `route_reminders_daily`: the
staffing routes' reminders before and after a suspense; `send_route_reminders` is also
queued whenever an IDD reaches an office (idd.services.staffing).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult, get_date_max

from idd.export import (
    KINDS,
    StoredPDF,
    document_for,
    find_pdf,
    offered_kinds,
    revision_pdf,
    revision_pdf_stored,
    stored_pdf,
)
from idd.export.once import LEASE
from idd.models import Initiative, Revision
from idd.services.inactive_accounts import disable_inactive
from idd.services.route_reminders import send_reminders
from idd.services.summaries import refresh_stale_summaries

# Someone is waiting for these: before the renders ahead (django-tasks' default is 0).
DOWNLOAD_PRIORITY = 10


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


@task()
def render_download(initiative_id: int, kind: str, name: str) -> bool:
    """Store the PDF a download asked for, if the initiative still shows that document;
    False if it changed meanwhile (its download asks for the new one) or is gone."""
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    if initiative is None or find_pdf(initiative, KINDS[kind]).name != name:
        return False
    stored_pdf(initiative, KINDS[kind])
    return True


def _render_of(found: StoredPDF, initiative_id: int, kind: str) -> tuple[Task, list]:
    """The task that stores `found`, and its arguments."""
    if found.revision_id is not None:
        return store_revision_pdf, [found.revision_id]
    return render_download, [initiative_id, kind, found.name]


def download_render(found: StoredPDF, initiative_id: int, kind: str) -> str:
    """Where the last render asked for `found` stands: "queued" (waiting to run now, or
    running within its lease), "failed" (it raised), or "" (none, or none that counts)."""
    task_, args = _render_of(found, initiative_id, kind)
    asked = DBTaskResult.objects.filter(
        task_path=task_.module_path, args_kwargs__args__0=args[0]
    ).order_by("-enqueued_at")
    latest = next((r for r in asked[:50] if r.args_kwargs["args"] == args), None)
    now = timezone.now()
    if latest is None:
        return ""
    if latest.status == TaskResultStatus.FAILED:
        return "failed"
    due = latest.run_after <= now or latest.run_after == get_date_max()  # max: "at once"
    waiting = latest.status == TaskResultStatus.READY and due
    started = latest.started_at
    running = latest.status == TaskResultStatus.RUNNING and started and started > now - LEASE
    return "queued" if waiting or running else ""


def queue_download(found: StoredPDF, initiative_id: int, kind: str) -> None:
    """Queue the render of `found` for a download, to run now, ahead of renders ahead."""
    task_, args = _render_of(found, initiative_id, kind)
    task_.using(priority=DOWNLOAD_PRIORITY).enqueue(*args)


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


@task()
def send_route_reminders() -> int:
    """E-mail the offices what the staffing routes owe them today (each once)."""
    return send_reminders()


@task()
def route_reminders_daily() -> int:
    """The routes' reminders of the day, and come back tomorrow; how many were sent."""
    sent = send_reminders()
    schedule_daily_route_reminders()
    return sent


def schedule_daily_route_reminders() -> bool:
    """Queue the daily reminders unless a copy is already waiting."""
    return _queue_for_midnight(route_reminders_daily)
