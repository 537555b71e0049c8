import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["owner", "teammate", "outsider", "reviewer"])
def test_every_role_reads_an_initiative(client, initiative, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("initiative_detail", args=[initiative.pk]))
    assert response.status_code == 200
    assert initiative.title in response.content.decode()


def test_user_without_a_role_is_not_told_it_exists(client, initiative, no_role_user):
    client.force_login(no_role_user)
    response = client.get(reverse("initiative_detail", args=[initiative.pk]))
    assert response.status_code == 404
    assert initiative.title not in response.content.decode()


def test_missing_initiative_is_not_found(client, owner):
    client.force_login(owner)
    assert client.get(reverse("initiative_detail", args=[999999])).status_code == 404


def test_a_commitment_with_nothing_to_chart_says_so_instead_of_empty_charts(
    client, initiative, owner
):
    client.force_login(owner)
    page = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert "No point on the quadrant yet" in page
    assert "No trend yet" in page
    assert 'id="commitment-doc-quadrant' not in page
