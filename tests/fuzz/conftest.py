"""The fuzz tests: fast password hashing, and how many hostile requests each sent."""

import pytest

EXAMPLES = "fuzz_examples"


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """The login fuzz signs in hundreds of times; the real hasher costs ~0.5 s each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_terminal_summary(terminalreporter):
    """ "N hostile requests" per fuzz test (user properties travel back from xdist workers)."""
    rows = [
        (report.nodeid, value)
        for key in ("passed", "failed")
        for report in terminalreporter.stats.get(key, [])
        for name, value in getattr(report, "user_properties", [])
        if name == EXAMPLES and report.when == "call"
    ]
    if rows:
        terminalreporter.write_sep("-", "fuzz: hostile requests sent")
        for nodeid, count in rows:
            terminalreporter.write_line(f"{count:5d}  {nodeid}")
        terminalreporter.write_line(f"{sum(c for _, c in rows):5d}  in all")
