"""In Chromium: a reviewer downloads the initiative's data and its deliverables CSV from
the initiative page; the buttons fit a phone's width; axe finds nothing."""

import csv
import io
import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from idd.exchange.csv import BOM
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_downloads_the_data_and_the_csv(page, live_server, login, tmp_path):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    initiative = factories.InitiativeFactory(title="Harbor patrol")
    factories.PartnerDeliverableFactory(initiative=initiative, title="=Budget line")
    login(factories.reviewer())
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / "initiative-downloads.png")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download data (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["initiative"]["title"] == "Harbor patrol"
    assert download.value.suggested_filename == f"initiative-harbor-patrol-{initiative.pk}.json"

    with page.expect_download() as download:
        page.get_by_role("link", name="Deliverables (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[2][:2] == ["D1", "'=Budget line"]  # after the marking and the header

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, "the buttons must not make the page scroll sideways"
    page.screenshot(path=shots / "initiative-downloads-320.png", full_page=False)
