"""Passwords have an upper- and a lower-case letter, a digit and a special character
besides their 15 characters (STIG V-222537 to V-222540), and the published ones comply."""

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from demo.scenario.people import DEMO_USERS
from tests import factories


def messages_for(password: str) -> list[str]:
    try:
        validate_password(password, User(username="someone"))
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("quiet-harbor-lights-42", "This password has no upper-case letter."),
        ("QUIET-HARBOR-LIGHTS-42", "This password has no lower-case letter."),
        ("Quiet-Harbor-Lights-xy", "This password has no digit."),
        ("QuietHarborLights42xyz", "This password has no special character (such as - ! # or %)."),
        (
            "quietharborlightsxyz",
            "This password has no upper-case letter, digit or special",
        ),
    ],
)
def test_a_password_missing_a_kind_of_character_is_refused_saying_which(password, missing):
    found = " ".join(messages_for(password))
    assert missing in found
    assert "must contain an upper-case letter, a lower-case letter, a digit and a special" in found


def test_a_password_with_every_kind_passes():
    assert messages_for("Quiet-Harbor-Lights-42") == []


@pytest.mark.parametrize("spec", DEMO_USERS, ids=lambda spec: spec.username)
def test_the_demo_passwords_the_readme_publishes_comply(spec):
    validate_password(spec.password, User(username=spec.username, first_name=spec.name))


def test_the_test_password_complies():
    validate_password(factories.PASSWORD, User(username="owner"))
