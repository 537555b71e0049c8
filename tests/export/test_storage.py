"""Stored PDFs: rendered once while unchanged, never stale after an edit."""

import statistics
import time

from idd.export import document_for, pdf_for, storage
from idd.models import PartnerDeliverable
from idd.services.locking import claim_version
from tests.export.pdftools import flat, pdf_text
from tests.export.stored import exports_of
from tests.staffing.demo_route import APPROVER, approve_on_the_route

FETCHES = 25


def read(stored) -> bytes:
    with stored.open() as file:
        return file.read()


def test_an_unchanged_idd_is_served_from_storage_never_rendered_again(maritime):
    first = pdf_for(maritime)
    assert read(first).startswith(b"%PDF-")
    assert first.download_name == "IDD-kestrela-coastal-patrol-capability-rev1.pdf"

    # The work of a fetch, in this process's CPU time: a render costs seconds of it, a
    # fetch from storage a few hundredths (`make bench` reports the figures on a quiet
    # machine; this bound only tells the two apart, on a busy one too).
    timings = []
    for _ in range(FETCHES):
        start = time.process_time()
        again = pdf_for(maritime)
        read(again)
        timings.append(time.process_time() - start)
        assert again.name == first.name
    assert statistics.median(timings) < 0.5, sorted(timings)
    assert len(exports_of(maritime)) == 1


def test_editing_a_deliverable_gives_a_new_pdf_with_the_new_text(maritime):
    before = pdf_for(maritime)
    deliverable = maritime.partner_deliverables.get(position=0)
    claim_version(maritime, maritime.version)
    deliverable.title = "Designate the 3rd Riverine Company as the receiving unit"
    deliverable.save()

    after = pdf_for(maritime)
    assert after.name != before.name
    text = flat(" ".join(pdf_text(read(after))))
    assert "Designate the 3rd Riverine Company as the receiving unit" in text
    assert "Designate the 2nd Coastal Patrol Company" not in text
    assert exports_of(maritime) == [after.name.rsplit("/", 1)[1]]  # the stale one is gone


def test_any_change_to_what_the_pdf_shows_gives_a_new_pdf(maritime, settings):
    """Not only the rows: the partner's name, a new row, the marking."""
    names = {pdf_for(maritime).name}
    maritime.partner.country = "Kestrela (renamed)"
    maritime.partner.save()
    names.add(pdf_for(maritime).name)
    PartnerDeliverable.objects.create(
        initiative=maritime,
        title="Publish the patrol schedule",
        category="other",
        due_fiscal_year=2027,
        due_quarter=1,
        political_risk=2,
    )
    names.add(pdf_for(maritime).name)
    settings.MARKING = "CUI"
    names.add(pdf_for(maritime).name)
    assert len(names) == 4


def test_an_approved_revision_is_served_as_stored_at_approval(maritime):
    revision = approve_on_the_route(maritime, "Ready for staffing.")  # the demo's route

    stored = pdf_for(maritime)
    assert stored.name == revision.pdf.name
    text = flat(" ".join(pdf_text(read(stored))))
    assert "APPROVED REVISION 1" in text
    assert "Revision 1 was approved on" in text and f"by {APPROVER}." in text
    # The route's approval, with the approver's title and remarks (printed once).
    assert f"J5 {APPROVER}, Director, Strategy, Plans and Programs Approved revision 1" in text
    assert "approval authority: Ready for staffing." in text
    approved_on = revision.approved_at.strftime("%-d %b %Y")
    assert f"1 Approved (this document) {approved_on} {APPROVER}" in text  # revision history
    # The print view shows the same frozen snapshot.
    assert document_for(maritime) == revision.snapshot


def test_a_changed_template_gives_a_new_pdf(maritime, settings, monkeypatch, tmp_path):
    """The fingerprint covers the files the PDF is rendered from, not only the data."""
    template = tmp_path / "document.html"
    monkeypatch.setattr(storage, "RENDERED_FROM", ((tmp_path, "*.html"),))
    settings.DEBUG = True  # development: files are read again on every export
    doc = document_for(maritime)
    template.write_text("<p>one</p>")
    before = storage.fingerprint(doc)
    template.write_text("<p>two</p>")
    assert storage.fingerprint(doc) != before
