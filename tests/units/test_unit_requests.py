"""Partner units requested in the product (issue 24, item 8): a planner asks from the
basics step without losing what they typed, an administrator accepts or declines on the
dashboard, the planner is told, and the unit can then be ticked."""

import pytest
from django.urls import reverse

from idd.models import AuditRecord, Initiative, PartnerUnit, PartnerUnitRequest
from idd.reference import roles
from idd.services import unit_requests
from tests import factories
from tests.guided_form.forms import page_fields, submit

pytestmark = pytest.mark.django_db
REQUEST = reverse("unit_request")


def basics(initiative) -> str:
    return reverse("wizard_step", args=[initiative.pk, "basics"])


def request_url(initiative) -> str:
    return f"{REQUEST}?initiative={initiative.pk}"


def decide_url(asked) -> str:
    return reverse("unit_request_decide", args=[asked.pk])


@pytest.fixture
def administrator(db):
    return factories.UserFactory(
        username="admin", role=roles.ADMINISTRATOR, first_name="Alex", last_name="Reyes"
    )


@pytest.fixture
def planner_client(client, owner):
    owner.email = "owner@example.mil"
    owner.save()
    client.force_login(owner)
    return client


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def ask(owner, initiative, name="3rd Riverine Company", service="Navy") -> PartnerUnitRequest:
    return PartnerUnitRequest.objects.create(
        partner=initiative.partner,
        name=name,
        service=service,
        reason="It crews the boats.",
        requested_by=owner,
        initiative=initiative,
    )


def send(client, initiative, **fields):
    data = {"name": "3rd Riverine Company", "service": "Navy", "reason": "It crews the boats."}
    return client.post(request_url(initiative), {**data, **fields})


# --- Asking ----------------------------------------------------------------------------


def test_the_basics_step_offers_the_request_as_a_button_of_its_form(planner_client, initiative):
    html = planner_client.get(basics(initiative)).content.decode()
    assert page_fields(html)  # the step's form
    assert 'name="action" value="request_unit"' in html
    assert "My unit is not listed: request it" in html


def test_the_request_button_saves_the_step_first_then_opens_the_form(planner_client, initiative):
    response = submit(
        planner_client, basics(initiative), {"title": "Renamed first"}, ("action", "request_unit")
    )
    assert response.status_code == 302
    assert response.url == request_url(initiative)
    assert Initiative.objects.get(pk=initiative.pk).title == "Renamed first"
    page = planner_client.get(response.url).content.decode()
    assert str(initiative.partner) in page  # the partner is the initiative's: not asked
    assert 'name="partner"' not in page
    assert basics(initiative) in page  # a way back to the step


def test_what_does_not_validate_on_the_step_is_kept_for_the_planner(planner_client, initiative):
    """An invalid step is not saved, but kept (like "Save and exit") and given back."""
    response = submit(
        planner_client,
        basics(initiative),
        {"title": "Kept title", "last_fiscal_year": "1999"},
        ("action", "request_unit"),
    )
    assert response.status_code == 302
    assert response.url == request_url(initiative)
    assert Initiative.objects.get(pk=initiative.pk).title != "Kept title"
    step = planner_client.get(basics(initiative)).content.decode()
    assert "Kept title" in step


def test_a_request_is_stored_and_the_planner_goes_back_to_the_step(
    planner_client, owner, initiative
):
    response = send(planner_client, initiative)
    assert response.status_code == 302
    assert response.url == basics(initiative)
    asked = PartnerUnitRequest.objects.get()
    assert (asked.partner, asked.name, asked.service) == (
        initiative.partner,
        "3rd Riverine Company",
        "Navy",
    )
    assert (asked.requested_by, asked.initiative, asked.status) == (owner, initiative, "open")
    dashboard = planner_client.get(reverse("dashboard")).content.decode()
    assert "Your unit requests" in dashboard and "Waiting for an administrator" in dashboard


def test_the_basics_step_says_which_units_are_awaiting_an_administrator(
    planner_client, initiative, administrator
):
    send(planner_client, initiative)
    step = planner_client.get(basics(initiative)).content.decode()
    said = f"Requested, awaiting an administrator: “3rd Riverine Company” ({initiative.partner})."
    assert said in step
    unit_requests.decline(PartnerUnitRequest.objects.get().pk, administrator, reason="Listed.")
    assert "Requested, awaiting" not in planner_client.get(basics(initiative)).content.decode()


def test_a_request_without_an_initiative_names_its_partner(planner_client, initiative):
    response = planner_client.post(
        REQUEST,
        {"partner": str(initiative.partner), "name": "Coast Guard HQ", "reason": "Needed."},
    )
    assert response.status_code == 302
    assert PartnerUnitRequest.objects.get().initiative is None


def test_a_unit_that_exists_is_refused_by_name_in_any_case_and_the_typing_kept(
    planner_client, initiative
):
    factories.PartnerUnitFactory(partner=initiative.partner, name="3rd Riverine Company")
    response = send(planner_client, initiative, name="3RD riverine company", reason="Typed why")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "already has the unit “3rd Riverine Company”" in page
    assert "3RD riverine company" in page and "Typed why" in page
    assert not PartnerUnitRequest.objects.exists()


def test_a_unit_already_requested_and_open_is_refused_naming_who_asked(
    planner_client, owner, teammate, initiative
):
    ask(teammate, initiative, name="3rd Riverine Company")
    response = send(planner_client, initiative, name=" 3rd riverine COMPANY ")
    assert response.status_code == 200
    page = response.content.decode()
    assert "“3rd Riverine Company”" in page and "already requested by" in page
    assert PartnerUnitRequest.objects.count() == 1


def test_a_declined_request_may_be_asked_again(planner_client, owner, initiative, administrator):
    asked = ask(owner, initiative)
    asked.status, asked.decline_reason = "declined", "Not a unit"
    asked.save()
    assert send(planner_client, initiative).status_code == 302


def test_an_empty_request_is_answered_with_its_errors(planner_client, initiative):
    response = planner_client.post(request_url(initiative), {})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_reviewers_do_not_request_units(client, reviewer):
    client.force_login(reviewer)
    assert client.get(REQUEST).status_code == 403


# --- Deciding --------------------------------------------------------------------------


def test_the_administrators_dashboard_lists_open_requests_oldest_first(
    admin_client, owner, initiative
):
    first = ask(owner, initiative, name="Alpha Company")
    second = ask(owner, initiative, name="Bravo Company")
    decided = ask(owner, initiative, name="Charlie Company")
    decided.status, decided.decline_reason = "declined", "No"
    decided.save()
    page = admin_client.get(reverse("dashboard")).content.decode()
    assert "Partner unit requests" in page
    assert page.index(first.name) < page.index(second.name)
    assert "Charlie Company" not in page
    assert decide_url(first) in page


def test_accepting_adds_the_unit_under_the_corrected_name_and_tells_the_planner(
    admin_client, administrator, owner, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    owner.email = "owner@example.mil"
    owner.save()
    asked = ask(owner, initiative, name="3rd riverine coy")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            decide_url(asked),
            {"decision": "accept", f"request-{asked.pk}-name": "3rd Riverine Company"},
        )
    assert response.status_code == 302
    unit = PartnerUnit.objects.get(partner=initiative.partner, name="3rd Riverine Company")
    assert unit.service == "Navy"
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by, asked.unit) == ("accepted", administrator, unit)
    assert asked.decided_at is not None
    [mail] = mailoutbox
    assert mail.to == ["owner@example.mil"]
    assert "accepted" in mail.subject
    assert "3rd Riverine Company" in mail.body and basics(initiative) in mail.body
    record = AuditRecord.objects.get(event="admin_action", object_id=str(asked.pk))
    assert record.details["action"] == "partner unit request accepted"


def test_the_accepted_unit_can_then_be_ticked_on_the_basics_step(
    client, admin_client, owner, initiative
):
    asked = ask(owner, initiative)
    admin_client.post(
        decide_url(asked), {"decision": "accept", f"request-{asked.pk}-name": asked.name}
    )
    client.force_login(owner)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Tick it on the basics step" in page
    unit = PartnerUnit.objects.get(name=asked.name)
    response = submit(client, basics(initiative), {"targeted_units": [str(unit.pk)]})
    assert response.status_code == 302
    assert unit in Initiative.objects.get(pk=initiative.pk).targeted_units.all()


def test_declining_needs_a_reason_and_tells_the_planner_why(
    admin_client, owner, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    owner.email = "owner@example.mil"
    owner.save()
    asked = ask(owner, initiative)
    field = f"request-{asked.pk}-reason"
    refused = admin_client.post(decide_url(asked), {"decision": "decline", field: "  "})
    assert refused.status_code == 400
    assert "Say why the request is declined" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            decide_url(asked), {"decision": "decline", field: "It is part of the navy's HQ."}
        )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.decline_reason) == ("declined", "It is part of the navy's HQ.")
    assert not PartnerUnit.objects.filter(name=asked.name).exists()
    [mail] = mailoutbox
    assert "declined" in mail.subject and "It is part of the navy's HQ." in mail.body


def test_the_planner_reads_the_decline_reason_on_their_dashboard(
    client, admin_client, owner, initiative
):
    asked = ask(owner, initiative)
    admin_client.post(
        decide_url(asked), {"decision": "decline", f"request-{asked.pk}-reason": "Duplicate"}
    )
    client.force_login(owner)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Declined: “Duplicate”" in page


@pytest.mark.parametrize("who", ["owner", "reviewer", "no_role_user"])
def test_only_administrators_decide(request, client, who, owner, initiative):
    client.force_login(request.getfixturevalue(who))
    asked = ask(owner, initiative)
    data = {"decision": "accept", f"request-{asked.pk}-name": asked.name}
    assert client.post(decide_url(asked), data).status_code == 403
    assert client.get(decide_url(asked)).status_code == 403
    asked.refresh_from_db()
    assert asked.status == "open"
    assert not PartnerUnit.objects.filter(name=asked.name).exists()
    assert "Partner unit requests" not in client.get(reverse("dashboard")).content.decode()


def test_a_second_decision_is_refused_with_who_decided_first(admin_client, owner, initiative):
    asked = ask(owner, initiative)
    accept = {"decision": "accept", f"request-{asked.pk}-name": asked.name}
    decline = {"decision": "decline", f"request-{asked.pk}-reason": "Late tab"}
    assert admin_client.post(decide_url(asked), accept).status_code == 302
    again = admin_client.post(decide_url(asked), decline, follow=True)
    assert again.status_code == 200
    assert "was already accepted by Alex Reyes" in again.content.decode()
    asked.refresh_from_db()
    assert asked.status == "accepted" and asked.decline_reason == ""
    assert PartnerUnit.objects.filter(name=asked.name).count() == 1


def test_accepting_under_a_name_already_listed_is_refused_with_the_typing_kept(
    admin_client, owner, initiative
):
    asked = ask(owner, initiative, name="Riverine coy")
    factories.PartnerUnitFactory(partner=initiative.partner, name="3rd Riverine Company")
    response = admin_client.post(
        decide_url(asked),
        {"decision": "accept", f"request-{asked.pk}-name": "3rd riverine company"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    # Named as listed, at the field (linked from the summary), the typing kept in it.
    assert "already has the unit “3rd Riverine Company”" in page
    assert f'href="#id_request-{asked.pk}-name"' in page
    assert 'value="3rd riverine company"' in page
    asked.refresh_from_db()
    assert asked.status == "open"


def test_a_decision_without_a_choice_is_answered_not_taken(admin_client, owner, initiative):
    asked = ask(owner, initiative)
    assert admin_client.post(decide_url(asked), {}).status_code == 400
    asked.refresh_from_db()
    assert asked.status == "open"


def test_from_a_new_initiative_the_request_creates_it_first(planner_client, owner):
    partner = factories.PartnerFactory(country="Kestrela", ccmd="AFRICOM")
    typed = {
        "title": "Coastal patrol",
        "partner": partner.country,
        "funding_authority": "333",
        "first_fiscal_year": 2027,
        "last_fiscal_year": 2031,
        "action": "request_unit",
    }
    response = planner_client.post(reverse("initiative_create"), typed)
    initiative = Initiative.objects.get(title="Coastal patrol", owner=owner)
    assert response.url == request_url(initiative)


def test_from_a_new_initiative_that_does_not_validate_nothing_typed_is_lost(planner_client):
    response = planner_client.post(
        reverse("initiative_create"),
        {"title": "Coastal patrol", "first_fiscal_year": 2031, "action": "request_unit"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "then the request opens" in page and 'value="Coastal patrol"' in page
    assert not Initiative.objects.exists()


def test_two_requests_for_one_unit_at_the_same_moment_leave_one_open(
    monkeypatch, owner, teammate, initiative
):
    """The check passed for both (neither saw the other): the database keeps one open."""
    ask(teammate, initiative, name="3rd Riverine Company")
    monkeypatch.setattr(unit_requests, "clash", lambda partner, name: None)
    with pytest.raises(unit_requests.Refused):
        unit_requests.request_unit(
            owner,
            initiative.partner,
            name="3RD RIVERINE COMPANY",
            service="",
            reason="Why",
            initiative=None,
        )
    assert PartnerUnitRequest.objects.count() == 1


def test_the_service_itself_refuses_a_decision_by_anyone_but_an_administrator(owner, initiative):
    asked = ask(owner, initiative)
    with pytest.raises(unit_requests.Refused, match="Only administrators"):
        unit_requests.accept(asked.pk, owner, name=asked.name)
    asked.refresh_from_db()
    assert asked.status == "open"


def test_a_unit_removed_while_the_planner_had_the_step_open_is_said_in_words(
    planner_client, initiative
):
    unit = factories.PartnerUnitFactory(partner=initiative.partner, name="Harbor Police")
    page = page_fields(planner_client.get(basics(initiative)).content.decode())
    ticked = str(unit.pk)
    unit.delete()  # an administrator removes it meanwhile
    typed = "Coastal patrol, renamed"
    response = planner_client.post(
        basics(initiative),
        page | {"title": [typed], "targeted_units": [ticked], "action": ["continue"]},
    )
    html = response.content.decode()
    assert "A unit you ticked is no longer listed: an administrator removed it" in html
    assert "not one of the available choices" not in html
    assert f'value="{typed}"' in html  # what was typed is kept
