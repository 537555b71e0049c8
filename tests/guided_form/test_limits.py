"""The largest step a planner can build saves: the row caps and Django's limit on posted
fields (DATA_UPLOAD_MAX_NUMBER_FIELDS) come from the same numbers (idd.reference.limits)."""

import pytest
from django.conf import settings
from django.urls import reverse

from idd.forms.context import PriorAssistanceRows
from idd.forms.deliverables import DeliverableRows
from idd.forms.objectives import IndicatorRows, ObjectiveRows
from idd.forms.risks import RiskRows
from idd.forms.us_inputs import USInputRows
from idd.models import Indicator, PartnerDeliverable, USInput, YearlyObjective
from idd.reference import choices, limits
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


def test_the_settings_and_the_formsets_read_the_same_caps():
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == limits.MAX_POSTED_FIELDS, (
        f"Set DATA_UPLOAD_MAX_NUMBER_FIELDS in config/settings.py to {limits.MAX_POSTED_FIELDS}"
    )
    assert limits.MAX_SPAN_YEARS == choices.MAX_SPAN_YEARS
    caps = {
        PriorAssistanceRows: limits.PRIOR_ASSISTANCE,
        DeliverableRows: limits.DELIVERABLES,
        USInputRows: limits.US_INPUTS,
        ObjectiveRows: limits.OBJECTIVES,
        IndicatorRows: limits.INDICATORS,
        RiskRows: limits.RISKS,
    }
    for formset, kind in caps.items():
        assert formset.max_num == formset.absolute_max == kind.most


def rows(prefix: str, count: int, **values) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(count), f"{prefix}-INITIAL_FORMS": "0"}
    for i in range(count):
        data |= {f"{prefix}-{i}-{name}": value for name, value in values.items()}
    return data


def posted_fields(html: str) -> int:
    """Fields the page posts with every box ticked, plus a conflict's choice per field."""
    fields = page_fields(html)
    own = sum(len(v) for k, v in fields.items() if "-" in k and not k.endswith(("-id", "FORMS")))
    return sum(len(v) for v in fields.values()) + own * limits.CONFLICT_FIELDS_PER_FIELD


def test_a_step_with_every_deliverable_row_allowed_saves(planner_client, initiative):
    data = rows(
        "deliverables",
        limits.DELIVERABLES.most,
        title="Assign sailors",
        category="personnel",
        due_fiscal_year="2027",
        due_quarter="2",
        verification_method="Unit roster checked against payroll",
        political_risk="2",
    )
    url = step_url(initiative, "deliverables")
    response = planner_client.post(url, data | {"action": "continue", "lock-version": 1})
    assert response.status_code == 302
    assert PartnerDeliverable.objects.filter(initiative=initiative).count() == 200
    page = planner_client.get(url).content.decode()
    assert posted_fields(page) + limits.PAGE_CONTROLS <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_the_objectives_step_at_every_cap_saves_with_its_indicators(planner_client, initiative):
    data = {}
    for year in initiative.fiscal_years:
        prefix = f"fy{year}"
        data |= rows(prefix, limits.OBJECTIVES.most, objective="Patrol on its own budget")
        for i in range(limits.OBJECTIVES.most):
            data |= rows(
                f"{prefix}-{i}-ind",
                limits.INDICATORS.most,
                description="Patrol days",
                baseline="2",
                target="20",
                how_measured="Logs",
            )
    assert len(initiative.fiscal_years) == limits.MAX_SPAN_YEARS
    url = step_url(initiative, "objectives")
    response = planner_client.post(url, data | {"action": "continue", "lock-version": 1})
    assert response.status_code == 302
    assert YearlyObjective.objects.filter(initiative=initiative).count() == 100
    assert Indicator.objects.filter(objective__initiative=initiative).count() == 1000
    page = planner_client.get(url).content.decode()
    assert posted_fields(page) + limits.PAGE_CONTROLS <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_us_inputs_each_matched_to_every_deliverable_reach_the_form(planner_client, initiative):
    """200 inputs, each ticking all 200 deliverables: the request is read, not refused
    with 400 (one row is left invalid so the test does not write 40,000 links)."""
    deliverables = factories.PartnerDeliverableFactory.create_batch(200, initiative=initiative)
    data = rows(
        "inputs",
        limits.US_INPUTS.most,
        title="Patrol boats",
        category="equipment",
        fiscal_year="2027",
        authority="333",
        estimated_cost="1000",
    )
    posted = {k: [v] for k, v in data.items()}
    for i in range(limits.US_INPUTS.most):
        posted[f"inputs-{i}-matched_deliverables"] = [str(d.pk) for d in deliverables]
    posted["inputs-199-estimated_cost"] = ["-1"]
    response = planner_client.post(step_url(initiative, "us-inputs"), posted | {"action": ["x"]})
    assert response.status_code == 200
    assert "The estimated cost cannot be negative." in response.content.decode()
    assert not USInput.objects.filter(initiative=initiative).exists()
