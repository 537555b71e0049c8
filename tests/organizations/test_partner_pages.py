"""Partner nations in the product (issue 27): each is kept by one command, whose
administrators add it, change it and its units; another command's administrators find none
of it (404), planners are refused; a name listed already (any case) is an error on its
field with what was typed kept; a unit an initiative targets is not removed; a stale page
is refused as a conflict."""

import pytest
from django.urls import reverse

from idd.models import AuditRecord, Organization, Partner, PartnerUnit
from idd.models.access import may_keep
from idd.reference import roles
from idd.services import partners
from tests import factories
from tests.staffing.conftest import command  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eucom(db) -> Organization:
    return Organization.add("U.S. European Command")


@pytest.fixture
def kestrela(command) -> Partner:  # noqa: F811
    partner = Partner.objects.create(country="Kestrela", ccmd="AFRICOM", kept_by=command.africom)
    PartnerUnit.objects.create(partner=partner, name="2nd Coastal Patrol Company", service="Navy")
    return partner


def administrator(username: str, organization: Organization):
    return factories.UserFactory(
        username=username, role=roles.ADMINISTRATOR, organization=organization
    )


@pytest.fixture
def africom_admin(client, command):  # noqa: F811
    user = administrator("africomadmin", command.africom)
    assert not user.is_superuser
    client.force_login(user)
    return user


def text(response) -> str:
    return response.content.decode()


def partner_data(partner: Partner, **fields) -> dict:
    """The partner's form as its page shows it, with `fields` typed over it."""
    seen = partners.partner_token(partner)
    return {"action": "change", "country": partner.country, "ccmd": partner.ccmd, "seen": seen,
            **fields}  # fmt: skip


def unit_data(unit: PartnerUnit, **fields) -> dict:
    return {"name": unit.name, "service": unit.service, "seen": partners.unit_token(unit), **fields}


def actions() -> list[str]:
    found = AuditRecord.objects.filter(event=AuditRecord.Event.ADMIN_ACTION).order_by("pk")
    return [r.details["action"] for r in found]


def test_the_commands_administrator_adds_a_partner_and_a_unit_and_renames_them(
    client,
    command,  # noqa: F811
    africom_admin,
):
    response = client.post(
        reverse("partner_add", args=[command.africom.pk]), {"country": "Solmara", "ccmd": "AFRICOM"}
    )
    made = Partner.objects.get(country="Solmara")
    assert response.status_code == 302 and response.url == reverse("partner_page", args=[made.pk])
    assert made.kept_by == command.africom
    page = reverse("partner_page", args=[made.pk])
    response = client.post(
        page, {"action": "add-unit", "add-unit-name": "Riverine Company", "add-unit-service": ""}
    )
    assert response.status_code == 302
    unit = made.units.get()
    assert unit.name == "Riverine Company"
    assert client.post(page, partner_data(made, country="Solmara Republic")).status_code == 302
    made.refresh_from_db()
    assert (made.country, made.ccmd) == ("Solmara Republic", "AFRICOM")
    response = client.post(
        reverse("partner_unit", args=[unit.pk]), unit_data(unit, name="1st Riverine Company")
    )
    assert response.status_code == 302 and response.url == page
    unit.refresh_from_db()
    assert unit.name == "1st Riverine Company"
    assert actions() == [
        "partner nation added",
        "partner unit added",
        "partner nation changed",
        "partner unit changed",
    ]
    # The command's organization page lists it, with its unit.
    shown = text(client.get(reverse("organization_page", args=[command.africom.pk])))
    assert "Partner nations" in shown
    assert "Solmara Republic" in shown and "1st Riverine Company" in shown


def test_another_commands_administrator_finds_none_of_it(client, command, eucom, kestrela):  # noqa: F811
    client.force_login(administrator("eucomadmin", eucom))
    unit = kestrela.units.get()
    pages = [
        reverse("partner_add", args=[command.africom.pk]),
        reverse("partner_page", args=[kestrela.pk]),
        reverse("partner_unit", args=[unit.pk]),
    ]
    for page in pages:
        assert client.get(page).status_code == 404
    assert client.post(pages[0], {"country": "Elsewhere", "ccmd": "EUCOM"}).status_code == 404
    assert client.post(pages[1], partner_data(kestrela, country="Taken")).status_code == 404
    assert client.post(pages[2], unit_data(unit, name="Taken")).status_code == 404
    removing = reverse("partner_unit_remove", args=[unit.pk])
    assert client.post(removing, {"seen": partners.unit_token(unit)}).status_code == 404
    assert not Partner.objects.filter(country="Elsewhere").exists()
    assert Partner.objects.get(pk=kestrela.pk).country == "Kestrela"
    assert list(kestrela.units.values_list("name", flat=True)) == ["2nd Coastal Patrol Company"]
    # Their own command's page lists their partners, not AFRICOM's.
    shown = text(client.get(reverse("organization_page", args=[eucom.pk])))
    assert "Partner nations" in shown and "Kestrela" not in shown


def test_an_administrator_under_the_command_does_not_keep_its_partners(client, command, kestrela):  # noqa: F811
    """The command keeps them: an administrator of J5 manages J5's subtree, not the command."""
    client.force_login(administrator("j5admin", command.j5))
    assert client.get(reverse("partner_page", args=[kestrela.pk])).status_code == 404
    assert client.get(reverse("partner_add", args=[command.j5.pk])).status_code == 404
    assert "Partner nations" not in text(
        client.get(reverse("organization_page", args=[command.j5.pk]))
    )


def test_a_planner_is_refused(client, command, kestrela):  # noqa: F811
    client.force_login(command.planner)
    unit = kestrela.units.get()
    assert client.get(reverse("partner_add", args=[command.africom.pk])).status_code == 403
    assert client.get(reverse("partner_page", args=[kestrela.pk])).status_code == 403
    response = client.post(
        reverse("partner_page", args=[kestrela.pk]), partner_data(kestrela, country="Mine")
    )
    assert response.status_code == 403
    removing = reverse("partner_unit_remove", args=[unit.pk])
    assert client.post(removing, {"seen": partners.unit_token(unit)}).status_code == 403
    assert Partner.objects.get(pk=kestrela.pk).country == "Kestrela" and kestrela.units.exists()


def test_who_keeps_a_partner(command, eucom, kestrela):  # noqa: F811
    assert may_keep(administrator("a", command.africom), kestrela)
    assert not may_keep(administrator("e", eucom), kestrela)
    assert not may_keep(factories.planner(organization=command.africom), kestrela)
    unkept = Partner.objects.create(country="Nobody's", ccmd="AFRICOM")
    assert not may_keep(administrator("a2", command.africom), unkept)
    assert may_keep(factories.UserFactory(is_superuser=True), unkept)


def test_a_country_listed_already_in_any_case_is_an_error_with_what_was_typed_kept(
    client,
    command,  # noqa: F811
    eucom,
    kestrela,
    africom_admin,
):
    Partner.objects.create(country="Lindmark", ccmd="EUCOM", kept_by=eucom)
    adding = reverse("partner_add", args=[command.africom.pk])
    response = client.post(adding, {"country": "kestrela", "ccmd": "AFRICOM"})
    shown = text(response)
    assert response.status_code == 200 and 'id="error-summary"' in shown
    assert "<title>Error: Add a partner nation" in shown
    assert "“Kestrela” is already one of U.S. Africa Command&#x27;s partner nations" in shown
    assert 'value="kestrela"' in shown
    response = client.post(adding, {"country": "LINDMARK", "ccmd": "EUCOM"})
    shown = text(response)
    assert "“Lindmark” is already listed as a partner nation, kept by another command" in shown
    assert 'value="LINDMARK"' in shown
    # Renaming one to another's name, likewise.
    other = Partner.objects.create(country="Solmara", ccmd="AFRICOM", kept_by=command.africom)
    response = client.post(
        reverse("partner_page", args=[other.pk]), partner_data(other, country="KESTRELA")
    )
    assert response.status_code == 200 and 'value="KESTRELA"' in text(response)
    assert "<h1>Solmara</h1>" in text(response)  # the page still names the stored partner
    assert Partner.objects.get(pk=other.pk).country == "Solmara"
    assert Partner.objects.filter(country__iexact="kestrela").count() == 1
    assert Partner.objects.filter(country__iexact="lindmark").count() == 1


def test_a_unit_listed_already_in_any_case_is_an_error_with_what_was_typed_kept(
    client,
    kestrela,
    africom_admin,
):
    page = reverse("partner_page", args=[kestrela.pk])
    response = client.post(
        page, {"action": "add-unit", "add-unit-name": "2ND COASTAL PATROL COMPANY"}
    )
    shown = text(response)
    assert response.status_code == 200 and 'id="error-summary"' in shown
    assert "Kestrela already has the unit “2nd Coastal Patrol Company”" in shown
    assert 'value="2ND COASTAL PATROL COMPANY"' in shown
    other = PartnerUnit.objects.create(partner=kestrela, name="Defense Budget Office")
    response = client.post(
        reverse("partner_unit", args=[other.pk]),
        unit_data(other, name="2nd coastal patrol company"),
    )
    shown = text(response)
    assert response.status_code == 200 and "already has the unit" in shown
    assert 'value="2nd coastal patrol company"' in shown
    assert sorted(kestrela.units.values_list("name", flat=True)) == [
        "2nd Coastal Patrol Company",
        "Defense Budget Office",
    ]


def test_a_unit_an_initiative_targets_is_not_removed(client, kestrela, africom_admin):
    unit = kestrela.units.get()
    for _ in range(2):
        factories.InitiativeFactory(partner=kestrela).targeted_units.add(unit)
    page = reverse("partner_unit", args=[unit.pk])
    assert "cannot be removed while an initiative targets it" in text(client.get(page))
    response = client.post(
        reverse("partner_unit_remove", args=[unit.pk]),
        {"seen": partners.unit_token(unit)},
        follow=True,
    )
    assert "“2nd Coastal Patrol Company” is targeted by 2 initiatives" in text(response)
    assert PartnerUnit.objects.filter(pk=unit.pk).exists()
    # One no initiative targets is removed.
    spare = PartnerUnit.objects.create(partner=kestrela, name="Spare")
    response = client.post(
        reverse("partner_unit_remove", args=[spare.pk]), {"seen": partners.unit_token(spare)}
    )
    assert response.status_code == 302
    assert not PartnerUnit.objects.filter(pk=spare.pk).exists()
    assert actions() == ["partner unit removed"]


def test_a_partner_no_initiative_names_is_removed(client, command, kestrela, africom_admin):  # noqa: F811
    initiative = factories.InitiativeFactory(partner=kestrela)
    remove = reverse("partner_remove", args=[kestrela.pk])
    assert "is the partner of 1 initiative, so it stays listed" in text(
        client.get(reverse("partner_page", args=[kestrela.pk]))
    )
    response = client.post(remove, {"seen": partners.partner_token(kestrela)}, follow=True)
    assert "Kestrela is the partner of 1 initiative: it stays listed." in text(response)
    assert Partner.objects.filter(pk=kestrela.pk).exists()

    initiative.delete()
    response = client.post(remove, {"seen": partners.partner_token(kestrela)}, follow=True)
    assert "Kestrela removed." in text(response)
    assert response.redirect_chain[-1][0].endswith(f"/{command.africom.pk}/#partner-nations")
    assert not Partner.objects.filter(pk=kestrela.pk).exists()
    assert not PartnerUnit.objects.filter(name="2nd Coastal Patrol Company").exists()
    assert actions() == ["partner nation removed"]


def test_a_stale_page_is_refused_and_changes_nothing(client, kestrela, africom_admin):
    page = reverse("partner_page", args=[kestrela.pk])
    read = partner_data(kestrela)  # the page as opened
    Partner.objects.filter(pk=kestrela.pk).update(country="Kestrela Republic")  # another tab
    response = client.post(page, {**read, "country": "Kestrela (fictional)"}, follow=True)
    assert "was changed by someone else after you opened this page" in text(response)
    assert Partner.objects.get(pk=kestrela.pk).country == "Kestrela Republic"
    unit = kestrela.units.get()
    read = unit_data(unit)
    PartnerUnit.objects.filter(pk=unit.pk).update(service="Coast guard")
    response = client.post(
        reverse("partner_unit", args=[unit.pk]), {**read, "name": "2nd Patrol"}, follow=True
    )
    assert "was changed by someone else after you opened this page" in text(response)
    removing = reverse("partner_unit_remove", args=[unit.pk])
    client.post(removing, {"seen": read["seen"]})
    unit.refresh_from_db()
    assert (unit.name, unit.service) == ("2nd Coastal Patrol Company", "Coast guard")
    assert actions() == []


def test_only_a_command_keeps_partners(client, command, africom_admin):  # noqa: F811
    """Partners are kept by a command: the pages of the organizations under it list none."""
    assert client.get(reverse("partner_add", args=[command.j5.pk])).status_code == 404
    assert "Partner nations" not in text(
        client.get(reverse("organization_page", args=[command.j5.pk]))
    )
    shown = text(client.get(reverse("organization_page", args=[command.africom.pk])))
    assert "keeps no partner nation yet" in shown
