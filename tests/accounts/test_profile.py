"""Your profile: you edit your own name, rank, title, office and contact details, and
the product names you with them."""

import pytest
from django.urls import reverse

from idd.models import Profile
from idd.reference.roles import display_name, name_with_office
from idd.views.accounts import PROFILE_SAVED
from tests import factories

pytestmark = pytest.mark.django_db

FILLED = {
    "first_name": "Dana",
    "last_name": "Smith",
    "rank_or_grade": "MAJ",
    "job_title": "Security Cooperation Planner",
    "office_symbol": "J5-SC",
    "organization": "U.S. Africa Command",
    "phone": "DSN 314-421-4567",
    "email": "dana.smith@example.mil",
}


def test_you_edit_your_profile_and_are_named_with_it(client):
    user = factories.planner(organization=False)
    assert not Profile.objects.filter(user=user).exists()  # made before profiles, say
    client.force_login(user)

    assert client.get(reverse("profile")).status_code == 200
    response = client.post(reverse("profile"), FILLED, follow=True)

    assert PROFILE_SAVED in response.content.decode()
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.email) == ("Dana", "Smith", FILLED["email"])
    assert display_name(user) == "MAJ Dana Smith"
    assert name_with_office(user) == "MAJ Dana Smith, Security Cooperation Planner, J5-SC"
    again = client.get(reverse("profile")).content.decode()
    assert 'value="DSN 314-421-4567"' in again and 'value="U.S. Africa Command"' in again


def test_the_page_edits_only_whoever_is_signed_in(client):
    owner = factories.planner(first_name="Dana", last_name="Smith", organization=False)
    other = factories.planner(first_name="Sam", last_name="Whitfield", organization=False)
    client.force_login(other)

    # An id sent along is not a way to reach someone else's profile: there is none to send.
    client.post(reverse("profile"), {**FILLED, "user": owner.pk, "rank_or_grade": "CPT"})

    owner.refresh_from_db()
    other.refresh_from_db()
    assert display_name(owner) == "Dana Smith"
    assert not Profile.objects.filter(user=owner).exists()
    assert display_name(other) == "CPT Dana Smith"


def test_bad_input_is_explained_and_what_was_typed_stays(client):
    client.force_login(factories.planner(organization=False))
    typed = {**FILLED, "email": "dana at example", "job_title": "x" * 101, "first_name": ""}

    response = client.post(reverse("profile"), typed)

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a valid email address." in page
    assert "Keep this to 100 characters or fewer (you typed 101)." in page
    assert 'value="dana at example"' in page and 'value="DSN 314-421-4567"' in page
    assert not Profile.objects.exists()


def test_a_line_break_in_the_office_is_refused_with_a_message(client):
    client.force_login(factories.planner())
    response = client.post(reverse("profile"), {**FILLED, "office_symbol": "J5\nSC"})
    assert "Write this on one line: remove the line break." in response.content.decode()


def test_the_header_links_to_your_profile(client):
    client.force_login(factories.reviewer())
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("profile")}"' in page and "Your profile" in page


def test_names_fall_back_to_the_username_and_never_fail_without_a_profile():
    nameless = factories.planner(username="jdoe", first_name="", last_name="", organization=False)
    assert display_name(nameless) == "jdoe"
    assert name_with_office(nameless) == "jdoe"
    assert display_name(None, nobody="System") == "System"
    unranked = factories.planner(first_name="Alex", last_name="Reyes", organization=False)
    Profile.objects.create(user=unranked, job_title="Analyst")
    assert display_name(unranked) == "Alex Reyes"
    assert name_with_office(unranked) == "Alex Reyes, Analyst"
