"""PDFs rendered ahead by the background worker, so a download is a fetch from storage."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from idd.export import NOTIFICATION, pdf_for
from idd.reference.choices import FundingAuthority
from idd.services import review
from idd.services.editing import new_version
from idd.tasks import render_pdf_ahead
from tests import factories
from tests.export.concurrency import count_renders
from tests.export.stored import exports_of


def queued_renders(initiative) -> list[DBTaskResult]:
    return [
        task
        for task in DBTaskResult.objects.filter(task_path="idd.tasks.render_pdf_ahead")
        if task.args_kwargs["args"][0] == initiative.pk
    ]


def test_a_save_queues_its_version_to_render_once_left_alone(
    fresh_maritime, settings, django_capture_on_commit_callbacks
):
    settings.PDF_RENDER_DELAY = 30
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        new_version(fresh_maritime, fresh_maritime.version)
    assert queued_renders(fresh_maritime) == [], "nothing is queued before the save commits"

    for callback in callbacks:
        callback()
    (queued,) = queued_renders(fresh_maritime)
    assert queued.args_kwargs["args"] == [fresh_maritime.pk, fresh_maritime.version]
    wait = queued.run_after - timezone.now()
    assert timedelta(seconds=25) < wait <= timedelta(seconds=30)


def test_a_review_transition_queues_a_render_of_the_new_status(
    fresh_maritime, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = review.withdraw(fresh_maritime, fresh_maritime.owner)
    (queued,) = queued_renders(fresh_maritime)
    assert queued.args_kwargs["args"] == [fresh_maritime.pk, withdrawn.version]


@pytest.mark.django_db(transaction=True)  # the worker commits, and reconnects, as deployed
def test_the_worker_stores_the_pdf_the_download_then_serves(
    fresh_maritime, settings, client, django_capture_on_commit_callbacks
):
    settings.PDF_RENDER_DELAY = 0
    with django_capture_on_commit_callbacks(execute=True):
        new_version(fresh_maritime, fresh_maritime.version)
    assert exports_of(fresh_maritime) == []

    call_command("db_worker", batch=True, interval=0, verbosity=0)

    (this_version,) = (
        t
        for t in queued_renders(fresh_maritime)
        if t.args_kwargs["args"][1] == fresh_maritime.version
    )
    assert (this_version.status, this_version.return_value) == ("SUCCESSFUL", True)
    (stored,) = exports_of(fresh_maritime)
    # The download finds this file and renders nothing.
    assert pdf_for(fresh_maritime).name.endswith(stored)
    client.force_login(fresh_maritime.owner)
    response = client.get(reverse("initiative_pdf", args=[fresh_maritime.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert exports_of(fresh_maritime) == [stored]


def test_a_render_queued_before_a_later_save_does_nothing(fresh_maritime):
    older = fresh_maritime.version
    new_version(fresh_maritime, older)
    assert render_pdf_ahead.call(fresh_maritime.pk, older) is False
    assert exports_of(fresh_maritime) == []
    assert render_pdf_ahead.call(fresh_maritime.pk, fresh_maritime.version) is True
    assert len(exports_of(fresh_maritime)) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_stores_the_notification_draft_too_and_its_download_renders_nothing(
    fresh_maritime, settings, client, django_capture_on_commit_callbacks, monkeypatch
):
    settings.PDF_RENDER_DELAY = 0
    with django_capture_on_commit_callbacks(execute=True):
        new_version(fresh_maritime, fresh_maritime.version)

    call_command("db_worker", batch=True, interval=0, verbosity=0)

    (stored,) = exports_of(fresh_maritime, NOTIFICATION)
    renders = count_renders(monkeypatch, NOTIFICATION)
    client.force_login(fresh_maritime.owner)
    response = client.get(reverse("notification_pdf", args=[fresh_maritime.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert renders.count == 0, "the download served what the worker stored"
    assert exports_of(fresh_maritime, NOTIFICATION) == [stored]
    assert len(exports_of(fresh_maritime)) == 1, "and the IDD's PDF beside it"


def test_the_worker_renders_no_notification_for_another_authority(db):
    fmf = factories.InitiativeFactory(funding_authority=FundingAuthority.FMF)

    assert render_pdf_ahead.call(fmf.pk, fmf.version) is True

    assert len(exports_of(fmf)) == 1
    assert exports_of(fmf, NOTIFICATION) == []
