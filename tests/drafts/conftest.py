"""Drafts to manage: a complete IDD, and the helpers the view tests share."""

import pytest
from django.contrib.messages import get_messages

from tests.review.conftest import complete_initiative


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(owner, teammate):
    """A complete draft, never submitted."""
    return complete_initiative(owner, teammate)


@pytest.fixture
def user_of(request):
    """The user playing a role: owner, teammate, outsider, reviewer or no_role_user."""

    def user(role: str):
        return request.getfixturevalue(role)

    return user


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]
