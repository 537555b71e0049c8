"""The fuzz tests: fast password hashing; each test records how many hostile requests it
sent (summed by tests/conftest.py)."""

import pytest

EXAMPLES = "fuzz_examples"


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """The login fuzz signs in hundreds of times; the real hasher costs ~0.5 s each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
