"""Issue 24 item 10: the U.S. cost by fiscal year and in total, in the IDD's basics (its
summary) and U.S. inputs sections, on the initiative and review pages, the print view and
the PDF, each from the same figures (idd.document.costs)."""

import re

from django.urls import reverse

from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from tests.export.pdftools import flat, pdf_text
from tests.factories import USInputFactory


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def costed(draft) -> None:
    """Beside the complete draft's boats ($100,000, its first year): radios in its second
    year ($250,000) and training there not estimated yet."""
    second = draft.first_fiscal_year + 1
    USInputFactory(initiative=draft, title="Radios", fiscal_year=second, estimated_cost=250_000)
    USInputFactory(initiative=draft, title="Training", fiscal_year=second, estimated_cost=None)


def test_every_view_of_the_idd_gives_the_us_cost_by_year_and_in_total(client, draft, reviewer):
    costed(draft)
    first, second = draft.first_fiscal_year, draft.first_fiscal_year + 1
    summary = (
        f"Estimated U.S. cost $350,000 in total (1 U.S. input not estimated): "
        f"FY{first} $100,000; FY{second} $250,000"
    )
    by_year = (
        f"Estimated U.S. cost by fiscal year Fiscal year U.S. inputs Estimated cost "
        f"FY{first} 1 $100,000 FY{second} 2 $250,000 (1 not estimated)"
    )
    total = "Total 3 $350,000 (1 not estimated)"
    client.force_login(draft.owner)
    for name in ("initiative_detail", "initiative_print"):
        page = plain(client.get(reverse(name, args=[draft.pk])).content.decode())
        assert summary in page, name
        assert by_year in page and total in page, name
    pdf = flat(" ".join(pdf_text(render_pdf(snapshot(load(draft.pk))))))
    assert summary in pdf and by_year in pdf and total in pdf
    client.force_login(reviewer)
    page = plain(client.get(reverse("initiative_review", args=[draft.pk])).content.decode())
    assert summary in page and total in page
