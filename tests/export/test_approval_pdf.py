"""The approval stores its frozen snapshot under the lock, and its PDF just after it commits."""

import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from idd.export import revision_pdf_stored
from idd.services import staffing
from idd.tasks import store_revision_pdf
from tests.export.concurrency import count_renders
from tests.export.pdftools import flat, pdf_text
from tests.export.worker import run_the_worker
from tests.staffing.demo_route import APPROVER, concur_to_the_end, director

BEING_STORED = "The PDF of revision 1 is being stored."


@pytest.fixture
def reviewer(db):
    """Who approves the demo's IDD: the J5 director, at the end of its staffing route."""
    return director()


@pytest.fixture
def in_review(fresh_maritime, reviewer):
    return concur_to_the_end(fresh_maritime)


def text_of(pdf: bytes) -> str:
    return flat(" ".join(pdf_text(pdf)))


def assert_is_the_approved_pdf(pdf: bytes) -> None:
    text = text_of(pdf)
    assert "APPROVED REVISION 1" in text
    assert "Revision 1 was approved on" in text and f"by {APPROVER}." in text


@pytest.mark.django_db(transaction=True)  # the approval commits, as in production
def test_the_approval_renders_its_pdf_after_it_commits_not_under_the_lock(
    in_review, reviewer, monkeypatch
):
    renders = count_renders(monkeypatch)
    started = time.perf_counter()

    revision = staffing.approve(in_review, reviewer, "Ready for staffing.")

    took = time.perf_counter() - started
    assert renders.count == 1
    assert renders.in_transaction == [False], "rendered after the commit, with no row locked"
    committed = renders.started_at[0] - started
    print(f"\napproval committed (lock released) within {committed:.2f} s of {took:.2f} s")
    assert revision_pdf_stored(revision), "approved means its PDF is stored"
    with default_storage.open(revision.pdf.name) as file:
        assert_is_the_approved_pdf(file.read())


def test_a_download_right_after_approval_gets_the_approved_pdf(client, in_review, reviewer):
    """The approval committed, its PDF is not stored yet: the pages say so, the download
    queues it (before the approval's own delayed fallback), the worker stores it once."""
    revision = staffing.approve(in_review, reviewer, "Ready for staffing.")  # no commit here
    client.force_login(in_review.owner)
    pages = (
        reverse("initiative_review", args=[in_review.pk]),
        reverse("revision_detail", args=[in_review.pk, 1]),
    )
    for page in pages:
        assert BEING_STORED in client.get(page).content.decode()

    assert client.get(reverse("revision_pdf", args=[in_review.pk, 1])).status_code == 202
    run_the_worker()
    response = client.get(reverse("revision_pdf", args=[in_review.pk, 1]))

    assert response.status_code == 200
    assert_is_the_approved_pdf(b"".join(response.streaming_content))
    for page in pages:
        assert BEING_STORED not in client.get(page).content.decode()
    assert store_revision_pdf.call(revision.pk) is False, "nothing left for the delayed one"


def test_the_worker_stores_the_pdf_if_the_approving_request_did_not(in_review, reviewer):
    revision = staffing.approve(in_review, reviewer)  # its process stopped before the render
    assert not revision_pdf_stored(revision)

    assert store_revision_pdf.call(revision.pk) is True

    assert revision_pdf_stored(revision)
    with default_storage.open(revision.pdf.name) as file:
        assert_is_the_approved_pdf(file.read())
