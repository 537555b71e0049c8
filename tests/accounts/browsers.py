"""Browsers signed in through the real sign-in form, for the tests of sessions."""

from django.test import Client
from django.urls import reverse

from tests import factories


def signed_in(username: str, password: str = factories.PASSWORD) -> Client:
    """A new browser, signed in as `username`."""
    browser = Client()
    response = browser.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, "signed in"
    return browser


def still_signed_in(browser: Client) -> bool:
    return browser.get(reverse("dashboard")).status_code == 200
