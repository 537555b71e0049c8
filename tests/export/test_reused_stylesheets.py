"""The print stylesheet and fonts kept per thread (idd.export.stylesheets) change nothing in
the PDF: a render with them is the PDF WeasyPrint makes on its own, object for object, and
no document carries anything of the one rendered before it."""

import io
import threading

import pikepdf
import pytest
from weasyprint import HTML

from idd.document.snapshot import load, snapshot
from idd.export import render_html
from idd.export.fetcher import BASE_URL, StaticFilesOnly
from idd.export.pdf_tags import fix_tags, table_cells
from idd.export.render import PDF_OPTIONS, html_to_pdf
from idd.export.stylesheets import forget
from tests.export.pdftools import flat, pdf_text

PRINT_CSS = '<link rel="stylesheet" href="/static/css/print.css">'


def page(title: str, parts: list[str], head: str = PRINT_CSS) -> str:
    """A small print document: numbered parts (a CSS counter), a table, the print fonts."""
    sections = "".join(
        f'<section class="idd-section" id="section-{n}"><h2>{part}</h2>'
        f"<table><thead><tr><th scope='col'>Ref.</th><th scope='col'>{part}</th></tr></thead>"
        f"<tbody><tr><th scope='row'>D{n}</th><td>{part} detail</td></tr></tbody></table>"
        "</section>"
        for n, part in enumerate(parts, start=1)
    )
    return (
        f'<!DOCTYPE html><html lang="en" data-marking="UNCLASSIFIED" data-title="{title}">'
        f"<head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f'<body><main class="document"><h1 class="cover__title">{title}</h1>{sections}'
        "</main></body></html>"
    )


def weasyprint_alone(html: str) -> bytes:
    """The PDF as WeasyPrint makes it when it parses the stylesheet and loads the fonts
    itself (what html_to_pdf did before keeping them), with the same tag pass."""
    source = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    document = source.render(**PDF_OPTIONS)
    return fix_tags(document.write_pdf(**PDF_OPTIONS), table_cells(document))


def objects(pdf: bytes) -> list[tuple]:
    """Every object of the PDF (content streams as stored), less the file's random /ID."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        return [
            (o.objgen, o.read_raw_bytes(), repr(dict(o.stream_dict)))
            if isinstance(o, pikepdf.Stream)
            else (o.objgen, o.unparse())
            for o in opened.objects
            if not (isinstance(o, pikepdf.Stream) and o.get("/Type") == "/XRef")
        ]


@pytest.fixture(autouse=True)
def nothing_kept():
    forget()
    yield
    forget()


def test_the_demo_idd_with_the_kept_stylesheet_is_the_pdf_weasyprint_makes_alone(maritime):
    html = render_html(snapshot(load(maritime.pk)), media="print")

    first, second = html_to_pdf(html), html_to_pdf(html)  # parsed, then kept

    alone = objects(weasyprint_alone(html))
    assert objects(first) == alone
    assert objects(second) == alone


def test_a_document_carries_nothing_of_the_one_rendered_before():
    patrol = page("Coastal patrol", ["Context", "Partner deliverables", "Risks"])
    border = page("Border battalion", ["Budget"])

    patrol_first = html_to_pdf(patrol)
    border_after = html_to_pdf(border)
    patrol_again = html_to_pdf(patrol)

    # The part counter starts again, no title or row of the other document shows.
    text = flat(" ".join(pdf_text(border_after)))
    assert "1. Budget" in text
    assert "Coastal patrol" not in text and "Risks" not in text
    assert objects(border_after) == objects(weasyprint_alone(border))
    assert objects(patrol_again) == objects(patrol_first)


def test_another_stylesheet_gets_its_own_set_and_leaves_the_print_one_as_it_was():
    plain = page("Coastal patrol", ["Context"])
    with_screen_rules = page(
        "Coastal patrol",
        ["Context"],
        head=PRINT_CSS + '<link rel="stylesheet" href="/static/css/review.css">',
    )

    html_to_pdf(plain)
    html_to_pdf(with_screen_rules)

    assert objects(html_to_pdf(plain)) == objects(weasyprint_alone(plain))


def test_each_thread_renders_with_its_own_set():
    html = page("Coastal patrol", ["Context", "Risks"])
    here = html_to_pdf(html)
    there: list[bytes] = []

    thread = threading.Thread(target=lambda: there.append(html_to_pdf(html)))
    thread.start()
    thread.join(timeout=120)

    assert objects(there[0]) == objects(here)


@pytest.mark.parametrize(
    "link",
    [
        "http://attacker.example/steal.css",
        "file:///etc/passwd",
        f"{BASE_URL}static/../config/settings.py",
        f"{BASE_URL}static/css/no-such-file.css",
    ],
)
def test_a_stylesheet_not_ours_is_still_refused_after_kept_renders(link):
    html_to_pdf(page("Coastal patrol", ["Context"]))  # the print stylesheet is now kept
    fetcher = StaticFilesOnly()
    html = page(
        "Coastal patrol", ["Context"], head=f'{PRINT_CSS}<link rel="stylesheet" href="{link}">'
    )

    pdf = html_to_pdf(html, url_fetcher=fetcher)

    assert fetcher.refused == [link]
    assert "Coastal patrol" in flat(" ".join(pdf_text(pdf)))


def test_an_image_not_ours_is_still_refused_after_kept_renders():
    html_to_pdf(page("Coastal patrol", ["Context"]))
    fetcher = StaticFilesOnly()
    html = page("Coastal patrol", ['Context <img src="file:///etc/passwd" alt="">'])

    html_to_pdf(html, url_fetcher=fetcher)

    assert set(fetcher.refused) == {"file:///etc/passwd"}
    assert any(url.endswith("css/print.css") for url in fetcher.served)
