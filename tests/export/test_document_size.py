"""The printed length estimated from a snapshot (`idd.export.size`) is near the real one,
so the bound on one PDF refuses what it says it refuses."""

import pytest
from django.db import transaction

from demo.large_initiative import SIZE, ReferenceSize, build_reference_initiative
from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.export.size import printed_size
from tests.export.pdftools import pdfinfo

# Long text where it prints narrow (a deliverable's verification) and wide (a risk's).
LONG_TEXT = ReferenceSize(deliverables=24, risks=12, long_text=2_000)


@pytest.mark.parametrize("size", [SIZE, LONG_TEXT], ids=["reference", "long-text"])
def test_the_estimate_is_within_15_percent_of_the_printed_pages(db, size):
    with transaction.atomic():
        doc = snapshot(load(build_reference_initiative(size=size).pk))
        transaction.set_rollback(True)

    pages = int(pdfinfo(render_pdf(doc))["Pages"])

    estimate = printed_size(doc).pages
    print(f"\n{size}: {pages} pages printed, {estimate} estimated")
    assert abs(estimate - pages) <= 0.15 * pages
