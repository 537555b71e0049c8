"""The settings the tests run with (pyproject's DJANGO_SETTINGS_MODULE): production's, with
a fast password hasher. The real one (PBKDF2, a million iterations) costs about 0.5 s of CPU
a user, and the suite makes hundreds of users and sign-ins; a settings module applies
everywhere, also in module-scoped data and the live server's thread.
tests/accounts/test_passwords.py checks that production keeps the real hasher."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite loads the demo and runs the benchmarks' fixtures whatever DEBUG says.
if "demo" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
