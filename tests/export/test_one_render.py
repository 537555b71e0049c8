"""One render per version of an IDD, however many downloads and workers ask for it at once."""

import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from idd.export import NOTIFICATION, document_for, once, pdf_for
from idd.export.storage import FOLDER, fingerprint
from idd.tasks import render_download, render_pdf_ahead
from tests.export.concurrency import at_once, count_renders, run_threads
from tests.export.pdftools import flat, pdf_text
from tests.export.stored import exports_of
from tests.export.worker import run_the_worker

# Downloads released together; IDD_CONCURRENT_DOWNLOADS=20 gives the figure in the README.
DOWNLOADS = int(os.environ.get("IDD_CONCURRENT_DOWNLOADS", "6"))


@pytest.mark.django_db(transaction=True)  # each thread commits on its own connection
def test_concurrent_downloads_of_a_changed_idd_render_it_once(fresh_maritime, monkeypatch):
    renders = count_renders(monkeypatch)
    url = reverse("initiative_pdf", args=[fresh_maritime.pk])

    asked = at_once(fresh_maritime.owner, [url] * DOWNLOADS)

    assert [d.status for d in asked] == [202] * DOWNLOADS, "each answered at once"
    assert renders.count == 0, "no web request rendered"
    run_the_worker()
    downloads = at_once(fresh_maritime.owner, [url] * DOWNLOADS)
    assert [d.status for d in downloads] == [200] * DOWNLOADS
    assert len({d.body for d in downloads}) == 1, "every download got the one stored PDF"
    assert "Kestrela coastal patrol capability" in flat(" ".join(pdf_text(downloads[0].body)))
    print(f"\n{DOWNLOADS} concurrent downloads of a changed IDD: {renders.count} render(s)")
    assert renders.count == 1
    assert len(exports_of(fresh_maritime)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_rendering_one_version_render_it_once(fresh_maritime, monkeypatch):
    """The render ahead and a download's render, run by two workers at once."""
    renders = count_renders(monkeypatch)
    name = pdf_name(fresh_maritime)

    run_threads(
        [
            lambda: in_a_worker(render_pdf_ahead.call, fresh_maritime.pk, fresh_maritime.version),
            lambda: in_a_worker(render_download.call, fresh_maritime.pk, "idd", name),
        ]
    )

    assert renders.count == 1
    assert exports_of(fresh_maritime) == [name.rsplit("/", 1)[1]]


def in_a_worker(task, *args) -> None:
    try:
        task(*args)
    finally:
        connection.close()


def pdf_name(initiative) -> str:
    return f"{FOLDER}/initiative-{initiative.pk}/{fingerprint(document_for(initiative))}.pdf"


def test_a_newer_pdf_leaves_one_being_rendered_alone(fresh_maritime):
    """Removing the older PDFs skips a render under way (of another version, say)."""
    folder = f"{FOLDER}/initiative-{fresh_maritime.pk}"
    under_way, older = f"{folder}/{'0' * 32}.pdf", f"{folder}/{'1' * 32}.pdf"
    default_storage.save(older, ContentFile(b"%PDF-1.7 an older version"))
    assert once._claim(under_way, fresh_maritime.pk)  # a render has begun...
    default_storage.save(under_way, ContentFile(b"%PDF-1.7 its first bytes"))  # ...and writes

    newest = pdf_for(fresh_maritime)

    kept = sorted(exports_of(fresh_maritime))
    assert kept == sorted(
        [newest.name.rsplit("/", 1)[1], "0" * 32 + ".pdf", "0" * 32 + ".pdf.rendering"]
    )


def test_a_render_that_died_is_taken_over(fresh_maritime, monkeypatch):
    name = pdf_name(fresh_maritime)
    assert once._claim(name, fresh_maritime.pk)  # its renderer was killed: the marker stays
    default_storage.save(name, ContentFile(b"%PDF-1.7 cut short"))
    monkeypatch.setattr(once, "LEASE", timedelta(0))  # its lease is over

    stored = pdf_for(fresh_maritime)

    assert stored.name == name
    with stored.open() as file:
        assert "Kestrela coastal patrol capability" in flat(" ".join(pdf_text(file.read())))
    assert exports_of(fresh_maritime) == [name.rsplit("/", 1)[1]]


def test_a_download_while_the_worker_renders_it_waits_for_nothing(
    client, fresh_maritime, monkeypatch
):
    renders = count_renders(monkeypatch)
    assert once._claim(pdf_name(fresh_maritime), fresh_maritime.pk)  # the worker's render under way
    client.force_login(fresh_maritime.owner)

    response = client.get(reverse("initiative_pdf", args=[fresh_maritime.pk]))

    assert response.status_code == 202
    assert "Preparing the PDF" in response.content.decode()
    assert renders.count == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_downloads_of_the_notification_draft_render_it_once(fresh_maritime, monkeypatch):
    renders = count_renders(monkeypatch, NOTIFICATION)
    idd_renders = count_renders(monkeypatch)
    url = reverse("notification_pdf", args=[fresh_maritime.pk])

    assert [d.status for d in at_once(fresh_maritime.owner, [url] * DOWNLOADS)] == [202] * DOWNLOADS
    run_the_worker()
    downloads = at_once(fresh_maritime.owner, [url] * DOWNLOADS)

    assert [d.status for d in downloads] == [200] * DOWNLOADS
    assert len({d.body for d in downloads}) == 1, "every download got the one stored PDF"
    assert "Recipient country and unit" in flat(pdf_text(downloads[0].body)[0])
    assert renders.count == 1
    assert idd_renders.count == 0 and exports_of(fresh_maritime) == [], "the IDD's PDF is its own"
    assert len(exports_of(fresh_maritime, NOTIFICATION)) == 1
