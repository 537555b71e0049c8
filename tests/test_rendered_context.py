"""Templates render in the tests as in production (tests/conftest.py): the test client
records what each template was given only for a test that asks for `rendered_context`."""

import pytest
from django.template.base import Template

from tests.conftest import PLAIN_RENDER

pytestmark = pytest.mark.django_db


def test_templates_render_plainly_by_default(client):
    assert Template._render is PLAIN_RENDER
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response.context is None


@pytest.mark.usefixtures("rendered_context")
def test_a_test_that_reads_the_context_asks_for_it(client):
    response = client.get("/accounts/login/")
    assert "form" in response.context
    assert "registration/login.html" in [t.name for t in response.templates]
