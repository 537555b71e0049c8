"""The page refusing an action whose audit record could not be written (docs/adr/0017):
in the site's frame, and axe finds nothing on it. What it says is in
tests/security/test_audit_log.py."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories
from tests.security.audit_checks import audit_table_accepts, audit_table_refuses

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_refusal_page_passes_axe(page, live_server, login):
    user = factories.planner(username="dana")
    initiative = factories.InitiativeFactory(owner=user)
    login(user)
    audit_table_refuses()  # committed: this test's tables are emptied after it, not rolled back
    try:
        page.goto(f"{live_server.url}/initiatives/{initiative.pk}/print/")
        expect(page.get_by_role("heading", name="This could not be done")).to_be_visible()
        expect(page).to_have_title("Refused: no audit record · IDD Workbench")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        audit_table_accepts()
