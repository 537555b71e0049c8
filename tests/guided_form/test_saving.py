"""Every button of the guided form saves to the database; failed saves keep what was typed."""

import pytest
from django.urls import reverse

from idd.models import Initiative, PartnerDeliverable, USInput, YearlyObjective
from idd.services.locking import CONFLICT_MESSAGE, claim_version
from tests import factories
from tests.guided_form.forms import page_fields, submit

pytestmark = pytest.mark.django_db


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


def refreshed(initiative) -> Initiative:
    return Initiative.objects.get(pk=initiative.pk)


def deliverable_row(n: int, **values) -> dict:
    row = {
        "title": f"Assign sailors, batch {n}",
        "category": "personnel",
        "due_fiscal_year": 2027,
        "due_quarter": 2,
        "verification_method": "Unit roster checked against payroll",
        "political_risk": 2,
    } | values
    return {f"deliverables-{n}-{name}": value for name, value in row.items()}


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def test_create_makes_the_planner_owner_and_asks_for_the_partners_units(
    planner_client, owner, teammate
):
    partner = factories.PartnerFactory(country="Kestrela", ccmd="AFRICOM")
    response = planner_client.post(
        reverse("initiative_create"),
        {
            "title": "Coastal patrol",
            "partner": partner.country,
            "ccmd": "",
            "funding_authority": "333",
            "first_fiscal_year": 2027,
            "last_fiscal_year": 2031,
            "team_members": [teammate.pk],
            "action": "continue",
        },
    )
    created = Initiative.objects.get(title="Coastal patrol")
    assert response["Location"] == step_url(created, "basics") + "#div_id_targeted_units"
    assert created.owner == owner
    assert created.ccmd == "AFRICOM"  # the partner's command when none is chosen
    assert list(created.team_members.all()) == [teammate]
    assert created.last_step == "basics"


def test_a_failed_create_keeps_what_was_typed(planner_client):
    response = planner_client.post(
        reverse("initiative_create"),
        {"title": "Coastal patrol", "first_fiscal_year": 2031, "last_fiscal_year": 2027},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The last fiscal year (FY2027) cannot come before the first (FY2031)." in page
    assert 'value="Coastal patrol"' in page
    assert not Initiative.objects.filter(title="Coastal patrol").exists()


def test_save_and_continue_saves_and_goes_to_the_next_step(planner_client, initiative):
    response = submit(
        planner_client,
        step_url(initiative, "context"),
        {"problem_statement": "Illegal fishing goes unchallenged."},
    )
    assert response["Location"] == step_url(initiative, "deliverables")
    saved = refreshed(initiative)
    assert saved.problem_statement == "Illegal fishing goes unchallenged."
    assert saved.version == initiative.version + 1
    assert saved.last_step == "deliverables"


def test_back_saves_too(planner_client, initiative):
    response = submit(
        planner_client,
        step_url(initiative, "context"),
        {"theory_of_change": "If the partner pays, it lasts."},
        button=("action", "back"),
    )
    assert response["Location"] == step_url(initiative, "basics")
    assert refreshed(initiative).theory_of_change == "If the partner pays, it lasts."


def test_save_and_exit_remembers_the_step_for_resume(planner_client, initiative):
    response = submit(
        planner_client,
        step_url(initiative, "sustainment"),
        {"sustainment_plan": "The navy pays from FY2029."},
        button=("action", "exit"),
    )
    assert response["Location"] == reverse("dashboard")
    saved = refreshed(initiative)
    assert saved.sustainment_plan == "The navy pays from FY2029."
    assert saved.last_step == "sustainment"
    dashboard = planner_client.get(reverse("dashboard")).content.decode()
    assert step_url(initiative, "sustainment") in dashboard
    assert "Resume at Absorptive capacity and sustainment" in dashboard


def test_going_to_another_step_saves_first(planner_client, initiative):
    response = submit(
        planner_client,
        step_url(initiative, "context"),
        {"desired_end_state": "Two boats at sea daily."},
        button=("goto", "risks"),
    )
    assert response["Location"] == step_url(initiative, "risks")
    assert refreshed(initiative).desired_end_state == "Two boats at sea daily."


def test_navigating_without_changes_keeps_the_version(planner_client, initiative):
    submit(planner_client, step_url(initiative, "context"))
    saved = refreshed(initiative)
    assert saved.version == initiative.version
    assert saved.last_step == "deliverables"


def test_add_another_saves_and_shows_one_more_empty_row(planner_client, initiative):
    url = step_url(initiative, "deliverables")
    response = submit(planner_client, url, deliverable_row(0), button=("add", "deliverables"))
    assert response["Location"] == f"{url}?add=deliverables#new-row"
    assert PartnerDeliverable.objects.filter(initiative=initiative).count() == 1
    page = planner_client.get(response["Location"]).content.decode()
    assert 'name="deliverables-TOTAL_FORMS" value="2"' in page
    assert 'id="new-row"' in page
    assert "Partner deliverable 2" in page


def test_add_another_over_a_row_that_needs_fixing_says_no_row_was_added(planner_client, initiative):
    url = step_url(initiative, "deliverables")
    half = deliverable_row(0, title="")  # a required field left empty
    response = submit(planner_client, url, half, button=("add", "deliverables"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "No new row was added: the rows below need fixing first." in page
    assert 'name="deliverables-TOTAL_FORMS" value="1"' in page
    assert not PartnerDeliverable.objects.filter(initiative=initiative).exists()


def test_rows_are_removed_with_the_remove_checkbox(planner_client, initiative):
    kept, removed = factories.PartnerDeliverableFactory.create_batch(2, initiative=initiative)
    url = step_url(initiative, "deliverables")
    submit(planner_client, url, {"deliverables-1-DELETE": "on"})
    assert list(PartnerDeliverable.objects.filter(initiative=initiative)) == [kept]


def test_removing_a_matched_deliverable_explains_what_happens(planner_client, initiative):
    deliverable = factories.PartnerDeliverableFactory(initiative=initiative)
    us_input = factories.USInputFactory(initiative=initiative, title="Four patrol boats")
    us_input.matched_deliverables.add(deliverable)
    url = step_url(initiative, "deliverables")
    page = planner_client.get(url).content.decode()
    assert "Matched to U.S. input “Four patrol boats”" in page
    response = submit(planner_client, url, {"deliverables-0-DELETE": "on"})
    followed = planner_client.get(response["Location"]).content.decode()
    assert "U.S. input “Four patrol boats” is no longer matched to any partner deliverable" in (
        followed
    )
    assert not us_input.matched_deliverables.exists()


def test_raising_the_risk_of_a_recorded_delivery_asks_for_it_to_be_recorded_again(
    planner_client, initiative
):
    """A gift delivered at political risk 2 must not turn into a costly act by a dropdown."""
    delivered = factories.PartnerDeliverableFactory(
        initiative=initiative, title="Name a liaison officer", political_risk=2
    )
    PartnerDeliverable.objects.filter(pk=delivered.pk).update(
        status="delivered", evidence="Appointment letter", delivered_on="2026-05-01"
    )
    url = step_url(initiative, "deliverables")
    response = submit(planner_client, url, {"deliverables-0-political_risk": "4"})
    delivered.refresh_from_db()
    assert (delivered.political_risk, delivered.status) == (4, "planned")
    assert delivered.delivered_on is None
    assert delivered.evidence == "Appointment letter"
    followed = planner_client.get(response["Location"]).content.decode()
    assert "“Name a liaison officer” was recorded as delivered at a lower political risk" in (
        followed
    )


def test_lowering_the_risk_of_a_recorded_delivery_keeps_the_delivery(planner_client, initiative):
    delivered = factories.PartnerDeliverableFactory(initiative=initiative, political_risk=4)
    PartnerDeliverable.objects.filter(pk=delivered.pk).update(status="delivered")
    submit(
        planner_client, step_url(initiative, "deliverables"), {"deliverables-0-political_risk": "3"}
    )
    delivered.refresh_from_db()
    assert (delivered.political_risk, delivered.status) == (3, "delivered")


def test_move_up_reorders_rows(planner_client, initiative):
    first, second = factories.PartnerDeliverableFactory.create_batch(2, initiative=initiative)
    url = step_url(initiative, "deliverables")
    response = submit(planner_client, url, button=("move", "deliverables:1:up"))
    assert response["Location"] == f"{url}#rows-deliverables"
    ordered = list(PartnerDeliverable.objects.filter(initiative=initiative))
    assert ordered == [second, first]
    assert [d.position for d in ordered] == [0, 1]


def test_a_failed_step_keeps_everything_typed(planner_client, initiative):
    url = step_url(initiative, "deliverables")
    response = submit(
        planner_client,
        url,
        deliverable_row(0, title="Fund fuel in the budget", verification_method=""),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Say how delivery will be verified" in page
    assert 'value="Fund fuel in the budget"' in page
    assert not PartnerDeliverable.objects.filter(initiative=initiative).exists()


def test_a_forged_match_to_another_initiatives_deliverable_is_refused(planner_client, initiative):
    other = factories.PartnerDeliverableFactory()  # belongs to another initiative
    url = step_url(initiative, "us-inputs")
    response = submit(
        planner_client,
        url,
        {
            "inputs-0-title": "Patrol boats",
            "inputs-0-category": "equipment",
            "inputs-0-fiscal_year": 2027,
            "inputs-0-authority": "333",
            "inputs-0-matched_deliverables": [other.pk],
        },
    )
    assert response.status_code == 200
    assert "Match only partner deliverables of this initiative" in response.content.decode()
    assert not USInput.objects.filter(initiative=initiative).exists()


def test_objectives_are_saved_per_fiscal_year_with_their_indicators(planner_client, initiative):
    url = step_url(initiative, "objectives")
    submit(
        planner_client,
        url,
        {
            "fy2028-0-objective": "The company patrols on its own budget.",
            "fy2028-0-ind-0-description": "Patrol days a month",
            "fy2028-0-ind-0-baseline": "2",
            "fy2028-0-ind-0-target": "20",
            "fy2028-0-ind-0-how_measured": "Patrol logs",
        },
    )
    objective = YearlyObjective.objects.get(initiative=initiative)
    assert objective.fiscal_year == 2028
    assert [i.description for i in objective.indicators.all()] == ["Patrol days a month"]


def test_an_indicator_under_no_objective_is_an_error(planner_client, initiative):
    response = submit(
        planner_client,
        step_url(initiative, "objectives"),
        {"fy2027-0-ind-0-description": "Patrol days a month"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not YearlyObjective.objects.filter(initiative=initiative).exists()


def test_changing_the_span_names_the_rows_left_outside(planner_client, initiative):
    factories.PartnerDeliverableFactory(
        initiative=initiative, title="Designate the company", due_fiscal_year=2027
    )
    response = submit(
        planner_client,
        step_url(initiative, "basics"),
        {"first_fiscal_year": 2028, "last_fiscal_year": 2032},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "partner deliverable “Designate the company” (due FY2027)" in page
    assert refreshed(initiative).first_fiscal_year == 2027


def test_commitment_ratings_are_created_on_first_save(planner_client, initiative):
    response = submit(
        planner_client,
        step_url(initiative, "commitment"),
        {"physical_risk": 4, "physical_risk_justification": "Armed smugglers fire on patrols."},
    )
    assert response.status_code == 302
    ratings = initiative.commitment_ratings
    assert (ratings.physical_risk, ratings.motivation) == (4, None)


def test_two_concurrent_saves_one_conflict_and_no_lost_data(client, initiative, owner, teammate):
    """Owner and teammate open the same step; the owner saves first. The teammate's save is
    refused with the conflict message, their input stays on screen, and the owner's text is
    kept. Both changed the problem statement, so saving again asks which to keep; keeping
    the teammate's, now against the stored version, succeeds."""
    url = step_url(initiative, "context")
    client.force_login(owner)
    owners_page = page_fields(client.get(url).content.decode())
    client.force_login(teammate)
    teammates_page = page_fields(client.get(url).content.decode())

    client.force_login(owner)
    owners_page |= {"problem_statement": ["Owner's statement"], "action": ["continue"]}
    assert client.post(url, owners_page).status_code == 302

    client.force_login(teammate)
    teammates_page |= {"problem_statement": ["Teammate's statement"], "action": ["continue"]}
    refused = client.post(url, teammates_page)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert CONFLICT_MESSAGE.split(":")[0] in page
    assert "Teammate&#x27;s statement" in page
    assert refreshed(initiative).problem_statement == "Owner's statement"

    again = client.post(
        url, page_fields(page) | {"keep-problem_statement": ["mine"], "action": ["continue"]}
    )
    assert again.status_code == 302
    assert refreshed(initiative).problem_statement == "Teammate's statement"


def test_a_row_removed_by_someone_else_is_explained_not_a_dead_end(
    client, initiative, owner, teammate
):
    """The teammate edits a deliverable the owner has just removed: they are told of the
    conflict and what happened to the row, with their text kept, and can go on."""
    kept = factories.PartnerDeliverableFactory(initiative=initiative, title="Designate the unit")
    removed = factories.PartnerDeliverableFactory(initiative=initiative, title="Pass the law")
    url = step_url(initiative, "deliverables")
    client.force_login(teammate)
    teammates_page = page_fields(client.get(url).content.decode())
    removed_row = next(
        k for k, v in teammates_page.items() if k.endswith("-id") and v == [str(removed.pk)]
    )
    prefix = removed_row.removesuffix("-id")

    client.force_login(owner)
    assert submit(client, url, {f"{prefix}-DELETE": "on"}).status_code == 302
    assert list(initiative.partner_deliverables.values_list("pk", flat=True)) == [kept.pk]

    client.force_login(teammate)
    teammates_page |= {f"{prefix}-title": ["Pass the maritime law"], "action": ["continue"]}
    refused = client.post(url, teammates_page)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert CONFLICT_MESSAGE.split(":")[0] in page
    assert "someone else removed it after you opened this page" in page
    assert "Pass the maritime law" in page  # their text stays on screen

    # Ticking Remove on the gone row, as the message says, saves the rest.
    retry = page_fields(page) | {f"{prefix}-DELETE": ["on"], "action": ["continue"]}
    assert client.post(url, retry).status_code == 302


def test_a_forged_row_count_is_capped_and_refused(planner_client, initiative):
    """A request claiming 100,000 rows gets a bounded page and a message, not minutes of work."""
    url = step_url(initiative, "deliverables")
    data = page_fields(planner_client.get(url).content.decode())
    data |= {"deliverables-TOTAL_FORMS": ["100000"], "action": ["continue"]}
    response = planner_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "An IDD holds at most 200 of these rows here." in page
    assert page.count('class="usa-legend formset-row__legend"') <= 200
    assert not PartnerDeliverable.objects.filter(initiative=initiative).exists()


def test_text_typed_while_the_idd_was_submitted_is_shown_to_copy(
    client, initiative, owner, teammate
):
    """The teammate types on a step; meanwhile the IDD leaves the draft state. Their save is
    refused, and what they typed is on the refusal page, labeled, to copy."""
    deliverable = factories.PartnerDeliverableFactory(initiative=initiative, title="Pass the law")
    url = step_url(initiative, "deliverables")
    client.force_login(teammate)
    page = page_fields(client.get(url).content.decode())
    Initiative.objects.filter(pk=initiative.pk).update(status="submitted")
    row = next(k for k, v in page.items() if k.endswith("-id") and v == [str(deliverable.pk)])
    page |= {
        row.replace("-id", "-title"): ["Pass the maritime zones law"],
        row.replace("-id", "-verification_method"): ["Law published in the gazette"],
        "action": ["continue"],
    }
    refused = client.post(url, page)
    text = refused.content.decode()
    assert refused.status_code == 403
    assert "This initiative is submitted" in text
    assert "What you typed was not saved" in text
    assert "Partner deliverable 1: What the partner delivers" in text
    assert ">Pass the maritime zones law</textarea>" in text
    assert ">Law published in the gazette</textarea>" in text
    assert refreshed(initiative).partner_deliverables.get().title == "Pass the law"


def test_an_objective_removed_by_someone_else_keeps_the_indicators_typed_under_it(
    client, initiative, owner, teammate
):
    year = initiative.first_fiscal_year
    objective = factories.YearlyObjectiveFactory(initiative=initiative, fiscal_year=year)
    factories.IndicatorFactory(objective=objective, description="Patrols a month")
    url = step_url(initiative, "objectives")
    client.force_login(teammate)
    teammates_page = page_fields(client.get(url).content.decode())
    row = next(
        k for k, v in teammates_page.items() if k.endswith("-id") and v == [str(objective.pk)]
    )
    prefix, indicators = row.removesuffix("-id"), f"ind{objective.pk}"
    objective.delete()  # the owner removed it meanwhile
    claim_version(initiative, initiative.version)

    teammates_page |= {
        f"{indicators}-0-description": ["Patrols a month, logged"],
        "action": ["continue"],
    }
    page = client.post(url, teammates_page).content.decode()
    assert CONFLICT_MESSAGE.split(":")[0] in page
    assert "someone else removed it after you opened this page" in page
    assert "ManagementForm" not in page
    assert "Patrols a month, logged" in page
    assert f'name="{prefix}-id"' in page


def test_a_planner_who_posts_a_new_unit_changes_nothing_and_reads_whom_to_ask(
    planner_client, owner
):
    """A partner's units are shared by every initiative with it: only administrators add
    them. A page that still sends one (an old tab, a crafted request) saves nothing."""
    initiative = factories.InitiativeFactory(owner=owner, title="Coastal patrol")
    response = submit(
        planner_client,
        step_url(initiative, "basics"),
        {"title": "Renamed", "new_unit": "Port police"},
        button=("action", "save"),
    )
    assert response.status_code == 200
    assert "“Port police” was not added." in response.content.decode()
    assert "request it with “My unit is not listed” below" in response.content.decode()
    assert not initiative.partner.units.exists()
    assert refreshed(initiative).title == "Coastal patrol"
