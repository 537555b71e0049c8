"""The print view and the PDF download in Chromium, with and without JavaScript."""

import os
import re
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from playwright.sync_api import expect

from demo.scenario import DEMO_USERS
from tests.export.pdftools import flat, pdf_text, pdfinfo
from tests.export.worker import run_the_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("EXPORT_SHOTS", "/tmp/export-shots"))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def worker(live_server):
    """`manage.py db_worker` beside the live server: it renders the PDFs, never the server."""
    stop = threading.Event()

    def work() -> None:
        try:
            while not stop.wait(0.2):
                run_the_worker()
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=120)


@pytest.fixture
def reviewer_page(page, live_server, fresh_maritime):
    """Signed in as the demo reviewer, who may read but not edit the initiative."""
    spec = next(user for user in DEMO_USERS if user.username == "reviewer")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(spec.username)
    page.get_by_label("Password").fill(spec.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_accessible_as_shown(browser, live_server, page) -> None:
    """axe over what a page without JavaScript shows: axe itself is a script, so it runs
    on a copy of that page, styled, with our scripts kept out."""
    context = browser.new_context()
    context.route("**/*.js", lambda route: route.abort())
    copy = context.new_page()
    copy.goto(f"{live_server.url}/accounts/login/")  # the site's origin, for its stylesheets
    copy.set_content(page.content())
    assert_accessible(copy)
    context.close()


def assert_is_the_maritime_pdf(path: Path) -> None:
    pdf = path.read_bytes()
    assert pdfinfo(pdf)["Tagged"] == "yes"
    assert "Kestrela coastal patrol capability" in flat(pdf_text(pdf)[0])


def test_print_view_shows_the_whole_document_and_is_accessible(
    reviewer_page, live_server, fresh_maritime
):
    page = reviewer_page
    page.goto(f"{live_server.url}/initiatives/{fresh_maritime.pk}/")
    page.get_by_role("link", name="Print view").click()
    expect(page).to_have_url(f"{live_server.url}/initiatives/{fresh_maritime.pk}/print/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kestrela coastal patrol capability")
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_count(13)
    contents.get_by_role("link", name=re.compile("Commitment assessment")).click()
    expect(page).to_have_url(re.compile("#section-commitment$"))
    expect(page.get_by_role("heading", name="Commitment assessment")).to_be_in_viewport()
    markings = page.get_by_role("region", name=re.compile("Classification marking"))
    expect(markings).to_have_count(2)
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "print-view.png", full_page=True)


def test_the_print_view_printed_by_the_browser_is_marked_on_every_page(
    reviewer_page, live_server, fresh_maritime
):
    page = reviewer_page
    page.goto(f"{live_server.url}/initiatives/{fresh_maritime.pk}/print/")
    pdf = page.pdf(prefer_css_page_size=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "print-view-printed-by-chromium.pdf").write_bytes(pdf)
    pages = pdf_text(pdf, layout=True)
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == "UNCLASSIFIED", f"page {number} starts with {lines[0]!r}"
        assert "UNCLASSIFIED" in lines[-1] and f"Page {number} of {len(pages)}" in lines[-1]
    assert "Back to the initiative" not in " ".join(pages)  # the toolbar is not printed


def test_download_says_it_is_preparing_then_hands_over_the_pdf(
    reviewer_page, live_server, fresh_maritime, tmp_path
):
    page = reviewer_page
    page.goto(f"{live_server.url}/initiatives/{fresh_maritime.pk}/")
    # The IDD's own status region (the notification draft's PDF has one beside it).
    status = page.locator(".initiative-actions [data-export-pdf-status]")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
        expect(page.get_by_role("link", name="Preparing PDF…")).to_have_attribute(
            "aria-disabled", "true"
        )
        expect(status).to_have_text("Preparing PDF…")
    expect(status).to_have_text("PDF ready: the download has started.")
    expect(status).to_have_attribute("role", "status")
    expect(page.get_by_role("link", name="Download PDF")).to_be_enabled()
    assert download.value.suggested_filename == "IDD-kestrela-coastal-patrol-capability-rev1.pdf"
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert_is_the_maritime_pdf(target)
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "initiative-page-after-download.png", full_page=True)


def test_without_javascript_the_link_says_preparing_and_check_again_downloads(
    browser, live_server, fresh_maritime, tmp_path
):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    spec = next(user for user in DEMO_USERS if user.username == "planner")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(spec.username)
    page.get_by_label("Password").fill(spec.password)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/initiatives/{fresh_maritime.pk}/print/")
    page.get_by_role("link", name="Download PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing the PDF")
    assert_accessible_as_shown(browser, live_server, page)
    status = f"{live_server.url}/initiatives/{fresh_maritime.pk}/pdf/status/"
    for _ in range(300):  # the worker beside the server renders it
        if page.request.get(status).json()["state"] == "ready":
            break
        page.wait_for_timeout(500)
    with page.expect_download() as download:
        page.get_by_role("link", name="Check again").click()
    target = tmp_path / "idd.pdf"
    download.value.save_as(target)
    assert_is_the_maritime_pdf(target)
    context.close()


def test_the_initiative_page_offers_the_notification_draft_beside_download_pdf(
    reviewer_page, live_server, fresh_maritime, tmp_path
):
    page = reviewer_page
    page.goto(f"{live_server.url}/initiatives/{fresh_maritime.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Notification draft PDF").click()
    assert download.value.suggested_filename == (
        "Sec333-notification-kestrela-coastal-patrol-capability-rev1.pdf"
    )
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    pdf = target.read_bytes()
    assert pdfinfo(pdf)["Tagged"] == "yes"
    assert "Recipient country and unit" in flat(pdf_text(pdf)[0])
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".initiative-downloads").screenshot(path=SHOTS / "notification-offer.png")
    page.screenshot(path=SHOTS / "initiative-page-with-notification.png")

    page.get_by_role("link", name="Read the notification draft").click()
    expect(page).to_have_url(f"{live_server.url}/initiatives/{fresh_maritime.pk}/notification/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kestrela coastal patrol capability")
    expect(page.get_by_role("heading", name="Missing elements")).to_be_visible()
    expect(page.locator(".notification-answers")).to_have_count(17)
    assert_accessible(page)
    page.screenshot(path=SHOTS / "notification-print-view.png", full_page=True)
