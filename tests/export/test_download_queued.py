"""Downloads never render in a web worker (issue 23): a PDF not stored yet is queued to the
worker, the download answers at once with "Preparing the PDF", and its status URL says
when the PDF is ready to serve."""

import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from idd.export import IDD, NOTIFICATION, size
from idd.tasks import render_download, store_revision_pdf
from tests.export.concurrency import count_renders
from tests.export.pdftools import flat, pdf_text
from tests.export.worker import run_the_worker
from tests.staffing.demo_route import approve_on_the_route

DOCUMENTS = [
    ("initiative_pdf", "initiative_pdf_status", "Kestrela coastal patrol capability"),
    ("notification_pdf", "notification_pdf_status", "Recipient country and unit"),
]


def renders_asked() -> int:
    """Renders queued by downloads (the demo's daily refresh waits in the queue too)."""
    paths = (render_download.module_path, store_revision_pdf.module_path)
    return DBTaskResult.objects.filter(task_path__in=paths).count()


def state(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return json.loads(response.content)["state"]


@pytest.mark.parametrize(("name", "status_name", "printed"), DOCUMENTS)
def test_a_download_queues_the_render_answers_at_once_and_serves_the_file_once_stored(
    client, maritime, monkeypatch, name, status_name, printed
):
    renders = count_renders(monkeypatch, *([NOTIFICATION] if name == "notification_pdf" else []))
    client.force_login(maritime.owner)
    url, status_url = reverse(name, args=[maritime.pk]), reverse(status_name, args=[maritime.pk])

    response = client.get(url)

    assert response.status_code == 202
    page = response.content.decode()
    assert '<h1 class="margin-top-4">Preparing the PDF</h1>' in page
    assert 'aria-label="Breadcrumbs"' in page, "in the site's frame"
    assert f'data-status-url="{status_url}"' in page and "js/export-pdf.js" in page
    assert f'href="{url}" data-pdf-check-again>Check again</a>' in page, "works without scripts"
    assert renders.count == 0, "the web request rendered nothing"
    assert state(client, status_url) == "preparing"
    assert client.get(url).status_code == 202
    assert renders_asked() == 1, "asked three times, queued once"

    run_the_worker()

    assert renders.count == 1
    assert state(client, status_url) == "ready"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert printed in flat(" ".join(pdf_text(b"".join(response.streaming_content))))
    assert renders.count == 1, "served from storage"


def test_a_revisions_download_is_queued_too(client, maritime, monkeypatch):
    revision = approve_on_the_route(maritime)  # not committed: its PDF is not stored
    renders = count_renders(monkeypatch)
    client.force_login(maritime.owner)
    status_url = reverse("revision_pdf_status", args=[maritime.pk, 1])

    for url in (
        reverse("revision_pdf", args=[maritime.pk, 1]),
        reverse("initiative_pdf", args=[maritime.pk]),
    ):
        assert client.get(url).status_code == 202
    assert renders.count == 0
    assert state(client, status_url) == "preparing"

    run_the_worker()

    assert renders.count == 1
    assert state(client, status_url) == "ready"
    assert default_storage.exists(revision.pdf.name)
    assert client.get(reverse("initiative_pdf", args=[maritime.pk])).status_code == 200


def test_a_failed_render_is_said_and_the_next_download_tries_again(client, maritime, monkeypatch):
    client.force_login(maritime.owner)
    url, status_url = (
        reverse(n, args=[maritime.pk]) for n in ("initiative_pdf", "initiative_pdf_status")
    )
    monkeypatch.setattr(IDD, "pdf", lambda doc: 1 / 0)  # a render that raises
    client.get(url)
    run_the_worker()

    answer = json.loads(client.get(status_url).content)
    assert answer["state"] == "failed"
    assert "could not be prepared" in answer["message"]
    assert state(client, status_url) == "failed", "polling retries nothing"
    assert renders_asked() == 1

    monkeypatch.undo()
    assert client.get(url).status_code == 202, "pressing Download again tries again"
    run_the_worker()
    assert state(client, status_url) == "ready"


def test_a_document_too_long_to_print_is_refused_with_its_size_and_never_queued(
    client, maritime, monkeypatch
):
    monkeypatch.setattr(size, "MAX_PAGES", 5)
    renders = count_renders(monkeypatch)
    client.force_login(maritime.owner)

    response = client.get(reverse("initiative_pdf", args=[maritime.pk]))

    assert response.status_code == 422
    page = flat(response.content.decode())
    assert "This document is too long to print as one PDF" in page
    assert "The Initiative Design Document would print about" in page
    assert "one PDF holds at most 5, so it is not made" in page
    assert "The longest parts: Partner deliverables (about" in page
    assert reverse("initiative_print", args=[maritime.pk]) in page
    assert state(client, reverse("initiative_pdf_status", args=[maritime.pk])) == "too-long"
    assert renders_asked() == 0
    run_the_worker()
    assert renders.count == 0
