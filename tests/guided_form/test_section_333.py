"""What 10 U.S.C. 333 asks of a program (issue 28): given on the guided-form steps where a
planner would give it, needed to submit only under Section 333, each element named when
missing."""

import datetime as dt

import pytest
from django.urls import reverse

from idd.document.completeness import missing_parts
from idd.document.snapshot import load, snapshot
from idd.guided_form.steps import STEP_BY_SLUG
from idd.models import Initiative, ProgramComponent
from idd.reference.choices import FundingAuthority
from tests import factories
from tests.guided_form.forms import submit

pytestmark = pytest.mark.django_db


def missing(initiative, slug: str) -> list[str]:
    return STEP_BY_SLUG[slug].missing(snapshot(load(initiative.pk)))


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


@pytest.fixture
def complete(owner, teammate) -> Initiative:
    return factories.complete_initiative(owner, teammate)


def changed(initiative: Initiative, **values) -> Initiative:
    Initiative.objects.filter(pk=initiative.pk).update(**values)
    return Initiative.objects.get(pk=initiative.pk)


# --- Completeness, element by element ------------------------------------------------------


def test_the_complete_initiative_lacks_no_statutory_element(complete):
    assert missing_parts(complete) == []


def test_333a_the_statutory_purposes_are_needed(complete):
    changed(complete, statutory_purposes=[])
    assert missing(complete, "basics") == ["the statutory purposes (333(a))"]


def test_333b_states_office_official_and_joint_planning_are_needed(complete):
    changed(complete, state_concurrence_office="", state_concurrence_person="")
    assert missing(complete, "context") == [
        "the State office that concurs (333(b))",
        "the State official who concurs (333(b))",
    ]
    changed(complete, state_joint_planning=" ")
    assert missing(complete, "context")[-1] == (
        "how the program is planned jointly with State (333(b))"
    )


def test_333b_the_day_state_concurred_or_was_asked_is_needed(complete):
    changed(complete, state_concurred_on=None)
    assert missing(complete, "context") == [
        "the day State concurred, or the day its concurrence was requested"
    ]
    changed(complete, state_concurrence_requested_on=dt.date(2026, 2, 1))
    assert missing(complete, "context") == [], "asked and awaiting State's answer is enough"


def test_333c2_each_component_needs_its_what_who_and_when(complete):
    ProgramComponent.objects.filter(initiative=complete, kind="loac").update(who="", when="")
    ProgramComponent.objects.filter(initiative=complete, kind="icb").delete()
    assert missing(complete, "us-inputs") == [
        "the law of armed conflict, human rights and civilian harm training component: who, when",
        "the institutional capacity building component: what, who, when",
    ]


def test_333e6_the_integrated_country_strategy_objective_is_needed(complete):
    changed(complete, ics_objective="")
    assert missing(complete, "context") == ["the integrated country strategy objective it serves"]


def test_333e_a_construction_input_needs_its_site_title_cost_and_documents(complete):
    pier = factories.USInputFactory(
        initiative=complete, title="Pier", category="construction", estimated_cost=None
    )
    pier.matched_deliverables.set(complete.partner_deliverables.all())
    assert missing(complete, "us-inputs") == [
        f"construction {pier.reference} “Pier”: its site, its project title, its cost, its "
        "DD Form 1391, its master plan"
    ]
    factories.USInputFactory._meta.model.objects.filter(pk=pier.pk).update(
        construction_location="Port Vell",
        construction_project_title="Patrol pier",
        estimated_cost=900_000,
        dd1391_reference="1391.pdf",
        master_plan_reference="Port Vell master plan, 2025",
    )
    assert missing(complete, "us-inputs") == []


def test_other_authorities_are_not_asked_for_any_of_it(complete):
    fmf = changed(
        complete,
        funding_authority=FundingAuthority.FMF,
        statutory_purposes=[],
        ics_objective="",
        state_concurrence_office="",
        state_concurred_on=None,
    )
    fmf.program_components.all().delete()
    factories.USInputFactory(initiative=fmf, category="construction").matched_deliverables.set(
        fmf.partner_deliverables.all()
    )
    assert missing_parts(fmf) == []


# --- The guided form ------------------------------------------------------------------------


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def test_the_basics_step_saves_the_purposes_in_the_statutes_order(planner_client, complete):
    response = submit(
        planner_client,
        step_url(complete, "basics"),
        {"statutory_purposes": ["coalition", "counterterrorism"]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Initiative.objects.get(pk=complete.pk)
    assert saved.statutory_purposes == ["counterterrorism", "coalition"]
    page = planner_client.get(step_url(complete, "basics")).content.decode()
    assert "Counter-weapons of mass destruction operations" in page
    assert "Statutory purposes (10 U.S.C. 333(a))" in page


def test_the_context_step_saves_states_concurrence(planner_client, complete):
    response = submit(
        planner_client,
        step_url(complete, "context"),
        {
            "ics_objective": "Mission Goal 1",
            "state_concurrence_office": "AF/SPG",
            "state_concurred_on": "",
            "state_concurrence_requested_on": "2026-01-05",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Initiative.objects.get(pk=complete.pk)
    assert (saved.ics_objective, saved.state_concurrence_office) == ("Mission Goal 1", "AF/SPG")
    assert saved.state_concurred_on is None
    assert saved.state_concurrence_requested_on == dt.date(2026, 1, 5)


def test_state_cannot_concur_in_the_future_nor_before_it_was_asked(planner_client, complete):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    page = submit(
        planner_client,
        step_url(complete, "context"),
        {"state_concurred_on": tomorrow.isoformat()},
    ).content.decode()
    assert "The date State concurred cannot be in the future" in page
    page = submit(
        planner_client,
        step_url(complete, "context"),
        {"state_concurred_on": "2026-01-01", "state_concurrence_requested_on": "2026-02-01"},
    ).content.decode()
    assert "State cannot concur before its concurrence was requested" in page
    assert Initiative.objects.get(pk=complete.pk).state_concurred_on == dt.date(2026, 3, 2)


def test_another_authority_is_not_shown_states_concurrence_nor_the_components(
    planner_client, complete
):
    changed(complete, funding_authority=FundingAuthority.FMF)
    context = planner_client.get(step_url(complete, "context")).content.decode()
    inputs = planner_client.get(step_url(complete, "us-inputs")).content.decode()
    assert "state_concurrence_office" not in context
    assert "Integrated country strategy objective" in context  # useful to any authority
    assert "loac-what" not in inputs


def test_the_us_inputs_step_saves_the_components_linked_to_inputs(planner_client, complete):
    ProgramComponent.objects.filter(initiative=complete).delete()
    boats = complete.us_inputs.get()
    response = submit(
        planner_client,
        step_url(complete, "us-inputs"),
        {
            "loac-what": "Use of force at sea",
            "loac-who": "DIILS, for the boarding teams",
            "loac-when": "FY2027 Q2",
            "loac-us_inputs": [str(boats.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = ProgramComponent.objects.get(initiative=complete)
    assert (saved.kind, saved.what, saved.when) == ("loac", "Use of force at sea", "FY2027 Q2")
    assert list(saved.us_inputs.all()) == [boats]
    assert not ProgramComponent.objects.filter(kind="icb").exists(), "left empty, not stored"
    doc = snapshot(load(complete.pk))
    assert doc["program_components"][0]["us_inputs"] == [{"ref": "U1", "title": boats.title}]


def test_a_component_cannot_be_delivered_by_another_initiatives_input(planner_client, complete):
    other = factories.USInputFactory()
    page = submit(
        planner_client, step_url(complete, "us-inputs"), {"icb-us_inputs": [str(other.pk)]}
    ).content.decode()
    assert "Match only U.S. inputs of this initiative" in page
    assert not ProgramComponent.objects.filter(us_inputs=other).exists()


def test_construction_particulars_belong_to_construction_inputs_only(planner_client, complete):
    page = submit(
        planner_client,
        step_url(complete, "us-inputs"),
        {"inputs-0-construction_location": "Port Vell"},
    ).content.decode()
    assert "Only a construction input has this" in page
    response = submit(
        planner_client,
        step_url(complete, "us-inputs"),
        {
            "inputs-0-category": "construction",
            "inputs-0-construction_location": "Port Vell",
            "inputs-0-construction_project_title": "Patrol pier",
            "inputs-0-dd1391_reference": "1391.pdf",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pier = complete.us_inputs.get()
    assert (pier.construction_location, pier.dd1391_reference) == ("Port Vell", "1391.pdf")
    assert missing(complete, "us-inputs") == [
        f"construction {pier.reference} “{pier.title}”: its master plan"
    ]


# --- Shown on the page and compared between revisions --------------------------------------


def test_the_initiative_page_shows_each_element(client, owner, complete):
    client.force_login(owner)
    page = client.get(reverse("initiative_detail", args=[complete.pk])).content.decode()
    for shown in (
        "Statutory purposes (10 U.S.C. 333(a))",
        "Maritime and border security operations",
        "Integrated country strategy objective",
        "Planned with the Department of State (10 U.S.C. 333(b))",
        "Jane Roe, Deputy Assistant Secretary",
        "2 Mar 2026",
        "Components every Section 333 program includes (10 U.S.C. 333(c)(2))",
        "Institutional capacity building",
    ):
        assert shown in page, shown
