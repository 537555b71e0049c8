"""A stored PDF gone from storage: made again where that gives the same document, else said."""

import logging

from django.core.files.storage import default_storage
from django.urls import reverse

from idd.export import pdf_for
from tests.export.pdftools import flat, pdf_text
from tests.export.worker import download
from tests.staffing.demo_route import APPROVER, approve_on_the_route


def text_of(pdf: bytes) -> str:
    return flat(" ".join(pdf_text(pdf)))


def approved(maritime, django_capture_on_commit_callbacks):
    """Approve the maritime IDD and let the approval commit: its PDF is stored."""
    with django_capture_on_commit_callbacks(execute=True):
        revision = approve_on_the_route(maritime)  # the demo's route, to its end
    assert default_storage.exists(revision.pdf.name)
    return revision


def test_a_drafts_pdf_deleted_from_storage_is_rendered_again(client, maritime):
    client.force_login(maritime.owner)
    first = download(client, "initiative_pdf", maritime.pk)
    default_storage.delete(pdf_for(maritime).name)

    again = download(client, "initiative_pdf", maritime.pk)
    assert text_of(again) == text_of(first)


def test_a_lost_revision_pdf_is_stored_again_from_its_frozen_snapshot(
    client, maritime, django_capture_on_commit_callbacks, caplog
):
    revision = approved(maritime, django_capture_on_commit_callbacks)
    client.force_login(maritime.owner)
    as_approved = pdf_text(download(client, "revision_pdf", maritime.pk, 1))
    default_storage.delete(revision.pdf.name)  # lost: a restore that missed it, say

    with caplog.at_level(logging.INFO, logger="idd.export"):
        again = download(client, "revision_pdf", maritime.pk, 1)
    # The same document: the snapshot, marking, templates and code are the approved ones.
    assert pdf_text(again) == as_approved
    assert "APPROVED REVISION 1" in text_of(again) and f"by {APPROVER}." in text_of(again)
    assert default_storage.exists(revision.pdf.name), "stored back under the record's name"
    assert "Stored the PDF of revision 1 of initiative" in caplog.text
    assert "from its frozen snapshot" in caplog.text
    # The initiative's own download serves the approved revision's PDF too.
    default_storage.delete(revision.pdf.name)
    assert pdf_text(download(client, "initiative_pdf", maritime.pk)) == as_approved


def test_a_lost_revision_pdf_that_cannot_be_made_again_as_it_was_is_explained(
    client, maritime, django_capture_on_commit_callbacks, settings
):
    revision = approved(maritime, django_capture_on_commit_callbacks)
    default_storage.delete(revision.pdf.name)
    settings.MARKING = "CUI"  # the record was printed with another marking
    client.force_login(maritime.owner)

    for url in (
        reverse("revision_pdf", args=[maritime.pk, 1]),
        reverse("initiative_pdf", args=[maritime.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        page = response.content.decode()
        assert '<h1 class="margin-top-4">The PDF of revision 1 is missing</h1>' in page
        assert "cannot be made again exactly as it was" in page
        assert "Ask an administrator to restore it from the backup" in page
        assert reverse("revision_detail", args=[maritime.pk, 1]) in page
        assert 'aria-label="Breadcrumbs"' in page  # in the site's frame
    assert not default_storage.exists(revision.pdf.name), "no other document in its place"
