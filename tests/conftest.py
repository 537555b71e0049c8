"""The suite's shared fixtures, in one place: the kinds of user every view test needs, a
complete initiative in any state of the workflow, the demo scenario, and the browser.
Builders are in tests/factories.py; the settings (a fast password hasher) in tests/settings.py.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template.base import Template
from django.test.utils import instrumented_test_render

from idd.export.chromium import CHROMIUM, CHROMIUM_ARGS
from idd.models import Initiative, Profile
from idd.services import password_rules
from tests import factories

# Django's live_server runs in a thread; sync Playwright drives it from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# How Django renders a template, before its test environment instruments it (below).
PLAIN_RENDER = Template._render


@pytest.fixture(scope="session", autouse=True)
def templates_rendered_plainly(django_test_environment):
    """Templates render as in production. Django's test environment makes every render,
    each include of each field too, send a signal whose receiver copies the context, for
    `response.context`: a third of a long form's rendering time, in every view test. The
    tests that read `response.context` ask for `rendered_context`."""
    assert PLAIN_RENDER is not instrumented_test_render
    Template._render = PLAIN_RENDER
    yield
    Template._render = instrumented_test_render


@pytest.fixture
def rendered_context(monkeypatch):
    """The test client records the templates rendered and their context, as in Django's
    own test runner: `response.context` (None without this fixture)."""
    monkeypatch.setattr(Template, "_render", instrumented_test_render)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Stored PDFs go to a folder of the test's own, never the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, made as createsuperuser makes one (a temporary password,
    to change at the first sign-in), with its password recorded as its own instead."""
    password_rules.renew(admin_user)
    # Like everyone in the tests, a member of the test command (tests/factories.py).
    Profile.objects.get_or_create(
        user=admin_user, defaults={"member_of": factories.home_organization()}
    )
    return admin_user


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


@pytest.fixture
def make_initiative(owner, teammate):
    """A complete IDD of the owner and teammate, in the status asked (a draft by default)."""

    def make(status: str = "draft"):
        return factories.complete_initiative(owner, teammate, status)

    return make


@pytest.fixture
def draft(make_initiative):
    """A complete draft, never submitted."""
    return make_initiative()


@pytest.fixture
def user_of(request):
    """The user playing a role: owner, teammate, outsider, reviewer or no_role_user."""

    def user(role: str):
        return request.getfixturevalue(role)

    return user


# --- The demo scenario -----------------------------------------------------------------------

MARITIME = "Kestrela coastal patrol capability"


def _commits(item) -> bool:
    """Does this test commit (transaction=True, the live server): a TransactionTestCase?"""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    """The demo scenario (seed_demo), seeded once for the test module and rolled back after
    it; the module's tests that run after the first that asks for it see it too. Each test
    runs in a savepoint inside it (pytest-django's `db`), so what a test changes is undone
    before the next. No test of the module commits (this transaction would hold what it
    commits, out of the other connections' sight): those take `fresh_demo`, in a module of
    their own."""
    tests = [i for i in request.session.items if i.nodeid.startswith(request.node.nodeid + "::")]
    if commits := [i.name for i in tests if _commits(i)]:
        pytest.fail(f"{request.node.nodeid} shares the demo; move these elsewhere: {commits}")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def fresh_demo(db):
    """The demo scenario seeded for this test alone: committed if the test commits (the
    live server's tests), when the tables are emptied after it (the roles' groups too:
    seeding makes them again)."""
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())


@pytest.fixture
def maritime(demo, db) -> Initiative:
    """The demo's maritime initiative (the planner's, submitted), from the shared demo."""
    return Initiative.objects.get(title=MARITIME)


@pytest.fixture
def fresh_maritime(fresh_demo) -> Initiative:
    """The demo's maritime initiative, from a demo of this test's own."""
    return Initiative.objects.get(title=MARITIME)


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
