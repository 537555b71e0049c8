"""The guided form's assessment, monitoring and evaluation step, and each indicator's
monitoring plan on the objectives step: saved, typed input kept on error, stale saves
refused as a conflict."""

from datetime import date

import pytest
from django.urls import reverse

from idd.models import Indicator, Initiative
from idd.services.locking import CONFLICT_MESSAGE
from tests import factories
from tests.guided_form.forms import page_fields, submit

pytestmark = pytest.mark.django_db


def step_url(initiative, slug: str = "assessment") -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


def stored(initiative) -> Initiative:
    return Initiative.objects.get(pk=initiative.pk)


TYPED = {
    "initial_assessed_on": "2026-06-12",
    "initial_assessment_method": "Site visit and records review",
    "initial_assessment_sources": "Navy rosters; country team",
    "baseline_summary": "Two boats, two patrol days a month",
    "evaluation_questions": "Does the company patrol on its own budget?",
    "evaluation_timing": "Mid-term in FY2029, final after FY2031",
    "evaluation_kind": "independent",
}


def test_the_step_saves_the_initial_assessment_and_the_evaluation_plan(client, initiative, owner):
    client.force_login(owner)
    page = client.get(step_url(initiative)).content.decode()
    assert "Initial assessment" in page and "Evaluation plan" in page
    assert "Needed to submit" in page or "needed to submit" in page  # Section 333
    response = submit(client, step_url(initiative), TYPED)
    assert response.status_code == 302
    saved = stored(initiative)
    assert saved.initial_assessed_on == date(2026, 6, 12)
    assert saved.baseline_summary == "Two boats, two patrol days a month"
    assert saved.evaluation_kind == "independent"
    assert saved.version == initiative.version + 1


def test_a_bad_date_is_refused_and_keeps_what_was_typed(client, initiative, owner):
    client.force_login(owner)
    response = submit(client, step_url(initiative), TYPED | {"initial_assessed_on": "2027-02-31"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the date of the initial assessment as a real date" in page
    assert "Does the company patrol on its own budget?" in page
    assert "Two boats, two patrol days a month" in page
    assert stored(initiative).baseline_summary == ""


def test_an_unknown_evaluation_kind_is_refused_with_a_clear_message(client, initiative, owner):
    client.force_login(owner)
    response = submit(client, step_url(initiative), TYPED | {"evaluation_kind": "outsourced"})
    assert response.status_code == 200
    assert "Choose internal or independent from the list." in response.content.decode()
    assert stored(initiative).evaluation_kind == ""


def test_a_stale_save_is_refused_as_a_conflict(client, initiative, owner, teammate):
    url = step_url(initiative)
    client.force_login(owner)
    owners_page = page_fields(client.get(url).content.decode())
    client.force_login(teammate)
    teammates_page = page_fields(client.get(url).content.decode())

    client.force_login(owner)
    owners_page |= {"baseline_summary": ["Owner's baseline"], "action": ["continue"]}
    assert client.post(url, owners_page).status_code == 302

    client.force_login(teammate)
    teammates_page |= {"baseline_summary": ["Teammate's baseline"], "action": ["continue"]}
    refused = client.post(url, teammates_page)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert CONFLICT_MESSAGE.split(":")[0] in page
    assert "Teammate&#x27;s baseline" in page
    assert stored(initiative).baseline_summary == "Owner's baseline"


def test_the_objectives_step_saves_each_indicators_monitoring_plan(client, initiative, owner):
    objective = factories.YearlyObjectiveFactory(initiative=initiative, fiscal_year=2027)
    indicator = factories.IndicatorFactory(
        objective=objective, collected_by="", collection_frequency="", data_source=""
    )
    client.force_login(owner)
    url = step_url(initiative, "objectives")
    page = page_fields(client.get(url).content.decode())
    row = next(
        k
        for k, v in page.items()
        if k.startswith("ind") and k.endswith("-id") and v == [str(indicator.pk)]
    )
    prefix = row.removesuffix("-id")
    page |= {
        f"{prefix}-collected_by": ["SCO maritime desk"],
        f"{prefix}-collection_frequency": ["Monthly"],
        f"{prefix}-data_source": ["Patrol logs"],
        "action": ["continue"],
    }
    assert client.post(url, page).status_code == 302
    indicator = Indicator.objects.get(pk=indicator.pk)
    assert (indicator.collected_by, indicator.collection_frequency, indicator.data_source) == (
        "SCO maritime desk",
        "Monthly",
        "Patrol logs",
    )


def test_the_step_shows_each_indicators_monitoring_plan_with_a_link_to_write_it(
    client, owner, teammate
):
    initiative = factories.complete_initiative(owner, teammate)
    client.force_login(owner)
    page = client.get(step_url(initiative)).content.decode()
    assert (
        "Personnel assigned: collected by SCO maritime desk (Each quarter) from Navy personnel "
        "roster" in page
    )
    assert step_url(initiative, "objectives") in page


def test_a_new_revision_carries_the_plan(owner, teammate):
    from idd.services.drafts import copy_initiative

    source = factories.complete_initiative(owner, teammate)
    copy = copy_initiative(source, owner)
    assert copy.evaluation_questions == source.evaluation_questions
    assert copy.initial_assessed_on == source.initial_assessed_on
    assert set(
        Indicator.objects.filter(objective__initiative=copy).values_list("collected_by", flat=True)
    ) == {"SCO maritime desk"}
