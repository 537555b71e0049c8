"""The Organizations pages (issue 27): an administrator adds and renames organizations
in their own subtree, not another's; every change is in the security audit log."""

import pytest
from django.urls import reverse

from idd.models import AuditRecord, Organization
from idd.reference import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    africom = Organization.add("U.S. Africa Command")
    j5 = Organization.add("J5", africom)
    return {
        "africom": africom,
        "j5": j5,
        "j5-sc": Organization.add("J5-SC", j5),
        "j4": Organization.add("J4", africom),
    }


@pytest.fixture
def j5_admin(client, tree):
    admin = factories.UserFactory(
        username="j5admin", role=roles.ADMINISTRATOR, organization=tree["j5"]
    )
    client.force_login(admin)
    return admin


def page(pk: int) -> str:
    return reverse("organization_page", args=[pk])


def test_the_tree_shows_only_the_administrators_subtree(client, tree, j5_admin):
    text = client.get(reverse("organization_list")).content.decode()
    assert "J5-SC" in text and ">J5<" in text
    assert "J4" not in text and "U.S. Africa Command" not in text


def test_another_subtree_is_not_found(client, tree, j5_admin):
    for name in ("africom", "j4"):
        assert client.get(page(tree[name].pk)).status_code == 404
        response = client.post(page(tree[name].pk), {"action": "rename", "rename-name": "X"})
        assert response.status_code == 404
    assert Organization.objects.get(pk=tree["j4"].pk).name == "J4"


def test_only_administrators_manage_organizations(client, tree):
    client.force_login(factories.planner(organization=tree["j5"]))
    assert client.get(reverse("organization_list")).status_code == 403
    assert client.get(page(tree["j5"].pk)).status_code == 403


def test_the_page_says_where_the_organization_sits_and_what_is_managed_there(
    client, tree, j5_admin
):
    text = client.get(page(tree["j5-sc"].pk)).content.decode()
    assert "Part of U.S. Africa Command &gt; J5: its administrators and those of" in text
    assert "partner nations" not in text  # kept by a command, not by its directorates


def test_adding_under_an_organization_puts_it_in_the_subtree_and_records_it(client, tree, j5_admin):
    response = client.post(page(tree["j5"].pk), {"action": "add", "add-name": "J5-SP"})
    assert response.status_code == 302
    made = Organization.objects.get(name="J5-SP")
    assert made.parent == tree["j5"] and tree["j5"].contains(made)
    record = AuditRecord.objects.get(event=AuditRecord.Event.ADMIN_ACTION, object_id=str(made.pk))
    assert record.details["action"] == "organization added"
    assert record.username == "j5admin"


def test_renaming_keeps_the_path_and_records_the_names(client, tree, j5_admin):
    path = tree["j5-sc"].path
    response = client.post(page(tree["j5-sc"].pk), {"action": "rename", "rename-name": "J5-SCD"})
    assert response.status_code == 302
    renamed = Organization.objects.get(pk=tree["j5-sc"].pk)
    assert (renamed.name, renamed.path) == ("J5-SCD", path)
    record = AuditRecord.objects.get(event=AuditRecord.Event.ADMIN_ACTION)
    assert record.details["changed"] == {"name": ["J5-SC", "J5-SCD"]}


def test_a_name_taken_beside_it_or_empty_is_refused_with_a_message(client, tree, j5_admin):
    response = client.post(page(tree["j5"].pk), {"action": "add", "add-name": "j5-sc"})
    assert response.status_code == 200
    assert "already has this name" in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    response = client.post(page(tree["j5-sc"].pk), {"action": "rename", "rename-name": " "})
    assert response.status_code == 200
    assert Organization.objects.filter(parent=tree["j5"]).count() == 1


def test_a_superuser_manages_every_organization(client, tree, admin_user):
    client.force_login(admin_user)
    text = client.get(reverse("organization_list")).content.decode()
    assert "J4" in text and "U.S. Africa Command" in text
    assert client.get(page(tree["j4"].pk)).status_code == 200


def test_the_page_lists_the_people_of_the_organization(client, tree, j5_admin):
    factories.planner(organization=tree["j5-sc"], first_name="Dana", last_name="Ortiz")
    assert "Dana Ortiz" in client.get(page(tree["j5-sc"].pk)).content.decode()
