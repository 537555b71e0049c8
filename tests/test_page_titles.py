"""A page whose form failed to save says so first: its title starts "Error: ", from the
server, so a screen reader's first announcement of the page is the failure."""

import re

from django.urls import reverse

from idd.reference.choices import InitiativeStatus as S
from tests import factories
from tests.factories import complete_initiative

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response) -> str:
    return TITLE.search(response.content.decode()).group(1)


def test_a_failed_password_change_is_titled_error(client, db):
    client.force_login(factories.planner(username="dana"))
    url = reverse("password_change")
    assert not title_of(client.get(url)).startswith("Error")

    failed = client.post(url, {"old_password": "wrong", "new_password1": "", "new_password2": ""})

    assert title_of(failed).startswith("Error: Change password")


def test_a_failed_new_initiative_is_titled_error(client, db):
    client.force_login(factories.planner(username="dana"))
    url = reverse("initiative_create")

    failed = client.post(url, {"title": ""})

    assert title_of(failed).startswith("Error: New initiative")


def test_a_failed_comment_on_the_review_page_is_titled_error(client, db):
    owner, reviewer = factories.planner(username="dana"), factories.reviewer(username="hale")
    initiative = complete_initiative(owner, factories.planner(username="sam"), S.IN_REVIEW)
    client.force_login(reviewer)
    review = reverse("initiative_review", args=[initiative.pk])
    assert not title_of(client.get(review)).startswith("Error")

    failed = client.post(
        reverse("comment_add", args=[initiative.pk, "risks"]), {"comment-risks-body": ""}
    )

    assert failed.status_code == 400
    assert title_of(failed).startswith("Error: Review · ")
