"""Every page a user can reach passes axe and is valid HTML, so a new page cannot escape.

Signed in as each role of the demo (planner, reviewer, administrator), the crawler follows
every same-origin link breadth-first from the dashboard and runs axe on each page; then a
planner opens every guided-form step of a draft and saves it with an invalid row (or
invalid values), and axe runs on the page with its errors too; and on the page before
Submit of a draft with parts missing. At the end the W3C Nu HTML Checker reads the HTML
the server sent for every page scanned (tests/browser/valid_html.py).

Not followed: sign-out (it would end the crawl), PDFs and other downloads (not HTML), and
the Django admin (its markup is Django's, not ours). URLs that differ only in their ids or
query values count as one pattern, one page each per role, so the crawl stays short.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, Response

from demo import scenario as demo
from idd.guided_form.steps import STEPS
from tests.browser.valid_html import errors_in
from tests.factories import InitiativeFactory, complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PER_PATTERN = 1
SKIPPED = (
    re.compile(r"^/accounts/logout/"),
    re.compile(r"^/admin/"),
    re.compile(r"(\.pdf$|/pdf/|/docx/|/csv/|\.json$|\.csv$|/export/|/download)"),
    re.compile(r"^/(static|media)/"),
)
ROLES = ("planner", "reviewer", "admin")


def sign_in_as(page: Page, live_server, username: str) -> None:
    spec = next(u for u in demo.DEMO_USERS if u.username == username)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(spec.username)
    page.get_by_label("Password").fill(spec.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def pattern_of(path: str, query: str) -> str:
    """/initiatives/12/edit/risks/?page=2 -> /initiatives/<n>/edit/risks/?page"""
    keys = sorted({pair.split("=")[0] for pair in query.split("&") if pair})
    return re.sub(r"/\d+(?=/|$)", "/<n>", path) + ("?" + "&".join(keys) if keys else "")


class Crawl:
    def __init__(self, page: Page, origin: str):
        self.page = page
        self.origin = origin
        self.axe = Axe()
        self.failures: list[str] = []
        self.scanned: list[str] = []
        self.titles: dict[str, set[str]] = {}
        self.served: dict[str, str] = {}  # the HTML the server sent, by page
        self.document: Response | None = None
        page.on("response", self._keep_document)

    def _keep_document(self, response: Response) -> None:
        if response.request.is_navigation_request() and response.status < 300:
            self.document = response

    def scan(self, label: str) -> None:
        """axe on the page as it is now; violations are kept with the page's URL. The HTML
        the server sent for it is kept for the HTML checker."""
        results = self.axe.run(self.page)
        self.scanned.append(label)
        if self.document is not None:
            self.served[label] = self.document.text()
        # One page whatever its query (compare?old&new is the compare page): by path.
        self.titles.setdefault(self.page.title(), set()).add(pattern_of(self._split()[0], ""))
        if results.violations_count:
            lines = [
                f"  {v['id']} ({v['impact']}): {v['help']} at "
                + ", ".join(str(node["target"]) for node in v["nodes"][:5])
                for v in results.response["violations"]
            ]
            self.failures.append(f"{label}\n" + "\n".join(lines))

    def _split(self) -> tuple[str, str]:
        parts = urlsplit(self.page.url)
        return parts.path, parts.query

    def links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(a => a.href)"
        )
        return [urldefrag(href).url for href in hrefs if href.startswith(self.origin)]

    def breadth_first(self, role: str) -> None:
        start = f"{self.origin}/"
        queue, seen, per_pattern = deque([start]), {start}, {}
        while queue:
            url = queue.popleft()
            parts = urlsplit(url)
            pattern = pattern_of(parts.path, parts.query)
            if per_pattern.get(pattern, 0) >= PER_PATTERN:
                continue
            response = self.page.goto(url)
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                continue
            per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
            self.scan(f"{role}: {url} ({response.status})")
            for link in self.links():
                path = urlsplit(link).path
                if link not in seen and not any(rule.search(path) for rule in SKIPPED):
                    seen.add(link)
                    queue.append(link)


def make_rows_fail(page: Page) -> bool:
    """Add a row where the step has rows, and fill one field of it only; elsewhere put an
    out-of-range value in each number field. True if there was something to make invalid."""
    add = page.locator("#step-form button[name='add']")
    if add.count():
        add.first.click()  # in place: focus goes to the new row (the innermost one holding it)
        row = page.locator(".formset-row:focus-within").last
        field = row.locator("input[type='text'], textarea").first
        if field.count():
            field.fill("Half a row")
            return True
    odd = page.locator("#step-form").locator("input[type='number'], input[inputmode='numeric']")
    for i in range(odd.count()):
        odd.nth(i).fill("99999999999999")
    return odd.count() > 0


def test_every_page_of_every_role_and_every_step_with_errors_passes_axe_and_the_html_checker(
    page: Page, live_server, fresh_demo
):
    crawl = Crawl(page, live_server.url)
    for role in ROLES:
        sign_in_as(page, live_server, role)
        crawl.breadth_first(role)

    # Every step of a draft, as it opens and after a save that fails.
    planner = User.objects.get(username="planner")
    draft = complete_initiative(planner, User.objects.get(username="teammate"))
    sign_in_as(page, live_server, "planner")
    with_errors = []
    for step in STEPS:
        url = live_server.url + reverse("wizard_step", args=[draft.pk, step.slug])
        page.goto(url)
        crawl.scan(f"planner: step {step.slug}")
        if step.forms is None or not make_rows_fail(page):
            continue
        page.locator("#step-form button[name='action'][value='continue']").last.click()
        page.wait_for_load_state("load")
        if page.locator("#error-summary").count():
            with_errors.append(step.slug)
            crawl.scan(f"planner: step {step.slug} with errors ({page.url})")
    # The page before Submit of a draft with parts missing: it lists them instead.
    unfinished = InitiativeFactory(owner=planner)
    page.goto(live_server.url + reverse("initiative_submit_confirm", args=[unfinished.pk]))
    crawl.scan("planner: the page before Submit of a draft with parts missing")

    shared = {title: sorted(p) for title, p in crawl.titles.items() if len(p) > 1}
    print(f"{len(crawl.scanned)} pages scanned")
    assert shared == {}, f"Pages of different patterns share a title: {shared}"
    assert crawl.failures == [], f"axe violations on {len(crawl.failures)} of " + (
        f"{len(crawl.scanned)} pages:\n" + "\n".join(crawl.failures)
    )
    invalid = errors_in(crawl.served)
    assert invalid == [], f"{len(invalid)} HTML errors:\n" + "\n".join(invalid)
    # The crawl reached the whole product, and the failed saves really failed.
    assert len(crawl.scanned) > 30, crawl.scanned
    assert len(with_errors) >= 5, with_errors
