"""The offices staffing an IDD comment on its sections as reviewers do (issue 27): J4 asks
its question where the planners read it; an office the route has not reached reads nothing."""

import pytest
from django.urls import reverse

from idd.models import ReviewComment
from idd.services import staffing

pytestmark = pytest.mark.django_db


def comment(client, user, initiative, body="Who pays for the fuel?"):
    client.force_login(user)
    return client.post(
        reverse("comment_add", args=[initiative.pk, "us-inputs"]),
        {"comment-us-inputs-body": body},
    )


def test_a_coordinator_on_the_route_comments_on_a_section(client, command):
    staffing.submit(command.initiative, command.planner)
    client.force_login(command.j4_officer)
    page = client.get(reverse("initiative_review", args=[command.initiative.pk]))
    assert 'name="comment-us-inputs-body"' in page.content.decode()
    assert comment(client, command.j4_officer, command.initiative).status_code == 302
    said = ReviewComment.objects.get()
    assert (said.author, said.section) == (command.j4_officer, "us-inputs")
    client.force_login(command.planner)
    review = client.get(reverse("initiative_review", args=[command.initiative.pk]))
    assert "Who pays for the fuel?" in review.content.decode()


def test_an_office_the_route_has_not_reached_cannot_comment(client, command):
    staffing.submit(command.initiative, command.planner)
    assert comment(client, command.sja_officer, command.initiative).status_code == 404
    assert not ReviewComment.objects.exists()


def test_the_approval_authority_comments_once_every_office_concurred(client, command):
    c = command
    staffing.submit(c.initiative, c.planner)
    for officer, office in ((c.j4_officer, c.j4), (c.j8_officer, c.j8), (c.sja_officer, c.sja)):
        route = c.initiative.routes.get()
        staffing.decide(c.initiative, officer, office, "concur", round_=route.round)
    assert (
        comment(client, c.director, c.initiative, "Name the sustainment funds.").status_code == 302
    )
    assert ReviewComment.objects.get().author == c.director
