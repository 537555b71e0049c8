"""The initiative page's data downloads: the JSON file and the deliverables CSV."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse

from idd.exchange.csv import BOM, csv_text, safe_cell
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(initiative, owner):
    first = factories.PartnerDeliverableFactory(
        initiative=initiative,
        title='=HYPERLINK("http://evil")',
        due_quarter=3,
        political_risk=4,
        evidence="-2 boats; Décret n° 12–4",
    )
    later = factories.PartnerDeliverableFactory(
        initiative=initiative,
        title="Budget line",
        due_fiscal_year=2028,
        due_quarter=1,
        status="delivered",
        delivered_on="2027-12-01",
    )
    boats = factories.USInputFactory(initiative=initiative, title="Boats", fiscal_quarter=4)
    boats.matched_deliverables.set([first, later])
    factories.USInputFactory(initiative=initiative, title="@Training").matched_deliverables.set(
        [first]
    )
    return first, later


def read_csv(response) -> list[list[str]]:
    """The header and rows, once the file is seen to carry the marking top and bottom."""
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    lines = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert lines[0] == lines[-1] == [settings.MARKING], "marked top and bottom"
    return lines[1:-1]


@pytest.mark.parametrize("who", ["owner", "teammate", "reviewer", "outsider"])
def test_every_reader_downloads_the_data_and_the_csv(client, request, initiative, rows, who):
    client.force_login(request.getfixturevalue(who))
    data = client.get(reverse("initiative_data_json", args=[initiative.pk]))
    assert data.status_code == 200
    assert data["Content-Disposition"].startswith('attachment; filename="initiative-')
    assert json.loads(data.content)["initiative"]["title"] == initiative.title
    assert json.loads(data.content)["marking"] == settings.MARKING
    sheet = client.get(reverse("initiative_deliverables_csv", args=[initiative.pk]))
    assert sheet.status_code == 200 and sheet["Content-Type"] == "text/csv; charset=utf-8"


def test_a_user_without_a_role_gets_neither(client, no_role_user, initiative):
    client.force_login(no_role_user)
    for name in ("initiative_data_json", "initiative_deliverables_csv"):
        assert client.get(reverse(name, args=[initiative.pk])).status_code == 404


def test_the_initiative_page_offers_both_downloads(client, reviewer, initiative):
    client.force_login(reviewer)
    page = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert f'href="{reverse("initiative_data_json", args=[initiative.pk])}"' in page
    assert "Download data (JSON)" in page and "Deliverables (CSV)" in page


def test_the_csv_lists_each_deliverable_as_a_staff_officer_needs_it(
    client, owner, initiative, rows
):
    client.force_login(owner)
    table = read_csv(client.get(reverse("initiative_deliverables_csv", args=[initiative.pk])))
    header, first, later = table
    assert header[:5] == ["Reference", "Partner deliverable", "Category", "Quantity", "Due"]
    row = dict(zip(header, first, strict=True))
    assert row["Reference"] == "D1"
    assert row["Partner deliverable"] == '\'=HYPERLINK("http://evil")'
    assert row["Due"] == "FY2027 Q3" and row["Political risk (1-5)"] == "4"
    assert row["Evidence recorded"] == "'-2 boats; Décret n° 12–4"
    assert row["U.S. inputs gated on it"] == "U1 Boats (FY2027 Q4); U2 @Training (FY2027)"
    row = dict(zip(header, later, strict=True))
    expected = ("D2", "Delivered", "2027-12-01")
    assert (row["Reference"], row["Status"], row["Delivered on"]) == expected
    assert row["U.S. inputs gated on it"] == "U1 Boats (FY2027 Q4)"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_would_start_a_formula_is_quoted(text):
    assert safe_cell(text) == "'" + text
    written = csv_text(["h"], [[text]]).removeprefix(BOM)
    marking = [settings.MARKING]
    assert list(csv.reader(io.StringIO(written))) == [marking, ["h"], ["'" + text], marking]


def test_other_cells_are_left_as_they_are():
    assert [safe_cell(v) for v in ("Boats", " =not first", 5, -3, None)] == [
        "Boats",
        " =not first",
        5,
        -3,
        "",
    ]
