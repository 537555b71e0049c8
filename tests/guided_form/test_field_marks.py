"""Fields needed to save are required in code, not only by their asterisk; fields needed
before submitting say so; one legend per form explains both (issue 16 item 2)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from idd.guided_form.steps import STEPS
from tests.factories import complete_initiative

pytestmark = pytest.mark.django_db

LEGEND = "A field marked with an asterisk (*) is required to save."


class _Controls(HTMLParser):
    """Each form control of the page (name -> attributes), and each label's text by `for`."""

    def __init__(self):
        super().__init__()
        self.controls: dict[str, list[dict]] = {}
        self.labels: dict[str, str] = {}
        self.fieldsets: list[dict] = []
        self._label: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("input", "select", "textarea") and a.get("name"):
            if a.get("type") not in ("hidden", "submit"):
                self.controls.setdefault(a["name"], []).append(a)
        elif tag == "label" and a.get("for"):
            self._label = a["for"]
            self.labels[self._label] = ""
        elif tag == "fieldset":
            self.fieldsets.append(a)

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None


def text(html: str) -> str:
    """The page's text, as read: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def controls(html: str) -> _Controls:
    parser = _Controls()
    parser.feed(html)
    return parser


def _step_page(client, initiative, slug: str) -> str:
    response = client.get(reverse("wizard_step", args=[initiative.pk, slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def test_every_step_marks_required_fields_in_code_rows_included(planner_client, owner):
    initiative = complete_initiative(owner=owner)
    marked_rows = 0
    for step in STEPS:
        if step.slug == "review":
            continue
        html = _step_page(planner_client, initiative, step.slug)
        page = controls(html)
        assert html.count("required-legend") == 1, step.slug  # once per form
        assert LEGEND in text(html), step.slug
        # Every control shown with an asterisk is required in code, and the reverse.
        for name, found in page.controls.items():
            for control in found:
                if control.get("type") in ("checkbox",) and "DELETE" in name:
                    continue
                label = page.labels.get(control.get("id", ""), "")
                has_star = "*" in label
                if control.get("type") == "radio":
                    continue  # checked below, on the group
                required = "required" in control and control.get("aria-required") == "true"
                assert has_star == required, (step.slug, name)
                marked_rows += required and "-" in name and name.split("-")[1].isdigit()
    # The formset rows of the deliverables, U.S. inputs, objectives, risks and context
    # steps, which Django leaves unmarked, are marked now.
    assert marked_rows >= 5 * 2


def test_radio_groups_needed_to_save_are_required_radiogroups(client, owner):
    """The delivery-record radios: a radiogroup with aria-required, each radio required."""
    initiative = complete_initiative(owner=owner)
    deliverable = initiative.partner_deliverables.first()
    client.force_login(owner)
    response = client.get(reverse("deliverable_record", args=[initiative.pk, deliverable.pk]))
    assert response.status_code == 200
    page = controls(response.content.decode())
    status = page.controls["status"]
    assert status and all("required" in radio for radio in status)
    groups = [f for f in page.fieldsets if f.get("id") == "id_status"]
    assert groups[0].get("role") == "radiogroup" and groups[0].get("aria-required") == "true"
    assert "A field marked with an asterisk (*) is required." in text(response.content.decode())


def test_fields_needed_to_submit_say_so_and_are_not_required_to_save(planner_client, owner):
    initiative = complete_initiative(owner=owner)
    html = _step_page(planner_client, initiative, "context")
    page = controls(html)
    label = " ".join(page.labels["id_problem_statement"].split())
    assert label == "Problem statement (needed to submit)"
    assert "required" not in page.controls["problem_statement"][0]
    assert "must be filled in before you submit the IDD for review" in html
    risks = controls(_step_page(planner_client, initiative, "risks"))
    assert "(needed to submit)" in risks.labels["id_risks-0-mitigation"]
    basics = _step_page(planner_client, initiative, "basics")
    assert "Targeted partner units (needed to submit)" in text(basics)
