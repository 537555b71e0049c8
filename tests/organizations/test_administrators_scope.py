"""An organization's administrator manages their own subtree, not another's (issue 27): the
Django admin, which is not scoped by organization, is the site administrators' tool
(superusers) only; partner unit requests are decided by the administrators of the command
keeping the partner nation, as its units are (a superuser, any)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from idd.models import Organization, PartnerUnitRequest
from idd.reference import roles
from idd.services import unit_requests
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    africom = Organization.add("U.S. Africa Command")
    return {
        "africom": africom,
        "j5": Organization.add("J5", africom),
        "j4": Organization.add("J4", africom),
    }


def test_a_staff_administrator_who_is_not_a_superuser_cannot_reach_the_admin(client, tree):
    j5_admin = factories.UserFactory(
        role=roles.ADMINISTRATOR, organization=tree["j5"], is_staff=True
    )
    j5_admin.user_permissions.add(*Permission.objects.filter(codename__endswith="routetemplate"))
    client.force_login(j5_admin)
    for path in ("/admin/", "/admin/idd/routetemplate/", "/admin/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert "Administration" not in client.get(reverse("dashboard")).content.decode()


def test_a_superuser_still_uses_the_admin(client, tree):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/idd/routetemplate/").status_code == 200
    assert "Administration" in client.get(reverse("dashboard")).content.decode()


def _asked_for(keeper, name: str, asker_in) -> PartnerUnitRequest:
    """A planner of `asker_in` asks for a unit of a partner nation `keeper` keeps."""
    return PartnerUnitRequest.objects.create(
        partner=factories.PartnerFactory(kept_by=keeper),
        name=name,
        reason="Why",
        requested_by=factories.planner(organization=asker_in),
    )


def test_unit_requests_are_decided_by_the_command_keeping_the_partner(client, tree):
    eucom = Organization.add("U.S. European Command")
    # A EUCOM planner asks for a unit of AFRICOM's partner: AFRICOM keeps its units.
    ours = _asked_for(tree["africom"], "Ours Company", asker_in=eucom)
    theirs = _asked_for(eucom, "Theirs Company", asker_in=tree["j5"])
    africom_admin = factories.UserFactory(role=roles.ADMINISTRATOR, organization=tree["africom"])
    assert list(unit_requests.open_requests(africom_admin)) == [ours]
    j5_admin = factories.UserFactory(role=roles.ADMINISTRATOR, organization=tree["j5"])
    assert list(unit_requests.open_requests(j5_admin)) == []  # a directorate keeps none
    client.force_login(africom_admin)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Ours Company" in page and "Theirs Company" not in page
    decide = reverse("unit_request_decide", args=[theirs.pk])
    assert client.get(decide).status_code == 404
    response = client.post(decide, {"decision": "decline", f"request-{theirs.pk}-reason": "No"})
    assert response.status_code == 404
    assert PartnerUnitRequest.objects.get(pk=theirs.pk).is_open
    superuser = factories.UserFactory(is_superuser=True, organization=False)
    assert set(unit_requests.open_requests(superuser)) == {ours, theirs}
