"""The empty row each formset keeps in a <template> for "Add another" in place
(static/js/add-row.js; the browser side is tests/browser/test_add_row.py): named with
`__prefix__`, worded with `__number__`, nested rows inside it; none once a formset is full."""

import re

import pytest
from django.urls import reverse

from idd.forms.risks import RiskRows
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

TEMPLATE = re.compile(r'<template class="formset-row-template">(.*?)</template>', re.S)


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def page(client, initiative, slug: str) -> str:
    response = client.get(reverse("wizard_step", args=[initiative.pk, slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_deliverables_step_keeps_an_empty_row_named_for_the_script(planner_client, initiative):
    html = page(planner_client, initiative, "deliverables")

    [row] = TEMPLATE.findall(html)
    assert 'id="row-deliverables-__prefix__"' in row
    assert 'name="deliverables-__prefix__-title"' in row
    assert "Partner deliverable __number__</legend>" in row
    assert "Remove partner deliverable __number__" in row
    assert "- Select -" in row  # prompts as in any other row
    assert 'name="add" value="deliverables"' in html
    # The browser sends none of it: only the one row the page shows.
    assert not [name for name in page_fields(html) if "__prefix__" in name]


def test_a_new_objective_brings_its_own_indicator_rows_and_their_template(
    planner_client, initiative
):
    html = page(planner_client, initiative, "objectives")

    year = initiative.first_fiscal_year
    # Inside the empty objective: its first indicator, and the template of the next ones.
    assert f'name="fy{year}-__prefix__-objective"' in html
    assert f'name="fy{year}-__prefix__-ind-0-description"' in html
    assert f'name="fy{year}-__prefix__-ind-__prefix__-description"' in html
    assert f'name="add" value="fy{year}-__prefix__-ind"' in html
    assert f"to FY{year} objective __number__</span>" in html


def test_a_full_formset_keeps_no_row_to_add_and_says_why(planner_client, initiative, monkeypatch):
    factories.RiskFactory.create_batch(2, initiative=initiative)
    monkeypatch.setattr(RiskRows, "max_num", 2)
    monkeypatch.setattr(RiskRows, "absolute_max", 2)

    html = page(planner_client, initiative, "risks")

    assert "formset-row-template" not in html
    assert 'name="add"' not in html
    assert "An IDD holds at most 2 of these rows here." in html


def test_the_row_the_script_adds_is_the_row_the_server_adds(planner_client, owner, teammate):
    """The template, numbered as the script numbers it, against the row "Add another"
    shows without JavaScript: the same fields, words, ids and marks."""
    draft = factories.complete_initiative(owner, teammate)  # two deliverables
    url = reverse("wizard_step", args=[draft.pk, "deliverables"])
    html = planner_client.get(f"{url}?add=deliverables").content.decode()

    served = re.search(r'<fieldset[^>]*id="new-row".*?</fieldset>', html, re.S).group(0)
    [kept] = TEMPLATE.findall(html)
    scripted = kept.replace("deliverables-__prefix__", "deliverables-2")
    scripted = scripted.replace("__number__", "3").replace("row-deliverables-2", "new-row")

    def words(markup: str) -> list[str]:
        return re.sub(r"\s+", " ", markup).strip().split("><")

    assert words(scripted) == words(served)
