"""Shared fixtures: the three kinds of user every view test needs, and the browser."""

import os

import pytest

from idd.export.chromium import CHROMIUM, CHROMIUM_ARGS
from tests import factories

# Django's live_server runs in a thread; sync Playwright drives it from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Stored PDFs go to a folder of the test's own, never the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def owner(db):
    return factories.planner(username="owner", first_name="Olive", last_name="Owner")


@pytest.fixture
def teammate(db):
    return factories.planner(username="teammate")


@pytest.fixture
def outsider(db):
    """A planner who is neither owner nor team member."""
    return factories.planner(username="outsider")


@pytest.fixture
def reviewer(db):
    return factories.reviewer(username="reviewer")


@pytest.fixture
def no_role_user(db):
    return factories.UserFactory(username="norole")


@pytest.fixture
def initiative(owner, teammate):
    return factories.InitiativeFactory(owner=owner, team_members=[teammate])


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM} (make system installs it)."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}


@pytest.fixture
def login(page, live_server):
    """Sign in through the real login form; returns the page."""

    def sign_in(user, password: str = factories.PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return sign_in


def pytest_terminal_summary(terminalreporter):
    """What the bounded proofs covered: the access matrix's cells and the fuzz's hostile
    requests, from the properties each test recorded (they travel back from xdist workers)."""
    totals: dict[str, list[int]] = {}
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []
    ):
        if report.when == "call":
            for name, value in report.user_properties:
                totals.setdefault(name, []).append(value)
    for name, label in (
        ("access_matrix_cells", "access matrix: {total} cells over {tests} URL patterns"),
        ("fuzz_examples", "fuzz: {total} hostile requests over {tests} forms and steps"),
    ):
        if values := totals.get(name):
            terminalreporter.write_line(label.format(total=sum(values), tests=len(values)))
