"""Refusals and missing pages explain themselves inside the normal page frame."""

import pytest
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_refusal_page_says_why_and_keeps_the_marking(client, no_role_user, settings):
    settings.MARKING = "CUI"
    client.force_login(no_role_user)
    response = client.get(reverse("initiative_list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You do not have access to initiatives." in page
    assert page.count(">CUI<") == 2


def test_missing_page_is_a_friendly_404(client, owner):
    client.force_login(owner)
    response = client.get("/initiatives/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "(an initiative, a partner unit, a staffing route…) may have been removed" in (
        response.content.decode()
    )


def test_server_error_page_renders_without_a_request_context(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
