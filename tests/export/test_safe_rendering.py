"""Whatever a planner types is printed as text: never fetched, never executed."""

import pytest

from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.export.fetcher import BASE_URL, RefusedURL, StaticFilesOnly
from tests import factories
from tests.export.pdftools import pdf_text

IMAGE = '<img src="file:///etc/passwd">'
STYLESHEET = '<link rel="stylesheet" href="http://attacker.example/steal.css">'
CSS_URL = '<div style="background: url(http://attacker.example/pixel.png)">x</div>'
IMPORT = "<style>@import url(file:///etc/shadow);</style>"
SVG = '<svg><image href="file:///etc/hostname"/></svg>'


def unspaced(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def typed_in(initiative):
    """An initiative whose text fields carry markup that would fetch files if rendered."""
    initiative.problem_statement = IMAGE
    initiative.theory_of_change = STYLESHEET
    initiative.sustainment_plan = IMPORT
    initiative.save()
    factories.PartnerDeliverableFactory(initiative=initiative, title=CSS_URL)
    factories.USInputFactory(initiative=initiative, title=SVG)
    factories.RiskFactory(initiative=initiative, mitigation=IMAGE, owner=STYLESHEET)
    return initiative


def test_urls_typed_into_text_fields_are_neither_fetched_nor_executed(typed_in):
    fetcher = StaticFilesOnly()
    pdf = render_pdf(snapshot(load(typed_in.pk)), url_fetcher=fetcher)

    # Nothing the planner typed was even asked for: only our stylesheet and fonts were.
    assert fetcher.refused == []
    assert fetcher.served
    assert all(url.startswith(f"{BASE_URL}static/") for url in fetcher.served)
    assert any(url.endswith("css/print.css") for url in fetcher.served)
    assert all(url.endswith((".css", ".ttf")) for url in fetcher.served)

    # ...and the PDF shows what was typed, as text (lines may wrap after a "/").
    text = unspaced(" ".join(pdf_text(pdf)))
    for typed in (IMAGE, STYLESHEET, CSS_URL, IMPORT, SVG):
        assert unspaced(typed) in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://attacker.example/steal.css",
        "https://attacker.example/static/css/print.css",
        "data:text/css,body{background:url(file:///etc/passwd)}",
        f"{BASE_URL}etc/passwd",
        f"{BASE_URL}static/../config/settings.py",
        f"{BASE_URL}static/%2e%2e/config/settings.py",
        f"{BASE_URL}static//etc/passwd",
        f"{BASE_URL}static/css/no-such-file.css",
    ],
)
def test_the_fetcher_refuses_everything_but_our_static_files(url):
    fetcher = StaticFilesOnly()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_our_stylesheet_and_fonts():
    fetcher = StaticFilesOnly()
    css = fetcher.fetch(f"{BASE_URL}static/css/print.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    font = fetcher.fetch(
        f"{BASE_URL}static/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.ttf"
    )
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
