"""Every URL requires a signed-in user, except sign-in itself (with the consent banner
before it and the certificate pages), and the health check."""

import re

import pytest

from tests.url_walk import product_urls

PUBLIC = {
    "login",
    "health",
    "admin:login",
    "notice",
    "certificate_sign_in",
    "certificate_refused",
}


def example_path(route: str) -> str:
    """A concrete path for a route: converters and regex groups filled with plausible values."""
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:slug:|str:)?\w+>", "basics", path)
    path = re.sub(r"<path:\w+>", "a/b", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


ROUTES = sorted({(url.key, url.route) for url in product_urls()})
PROTECTED = [(name, route) for name, route in ROUTES if name not in PUBLIC]


def test_the_walk_finds_the_product_urls():
    names = {name for name, _ in ROUTES}
    assert {"dashboard", "initiative_detail", "login", "health"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), PROTECTED)
def test_anonymous_visitors_are_sent_to_sign_in(client, name, route):
    response = client.get(example_path(route))
    assert response.status_code == 302, f"{name} ({route}) answered {response.status_code}"
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_sign_in_and_health_are_public(client):
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/accounts/notice/").status_code == 200
    # With no refused certificate to explain, and nothing to sign in with: back to sign-in.
    assert client.get("/accounts/certificate/refused/")["Location"] == "/accounts/login/"
