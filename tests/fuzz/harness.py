"""Run a fuzz check many times, each example in a transaction rolled back after it, so
every hostile request meets the same stored IDD; count the requests sent."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from idd.document.snapshot import load, snapshot
from idd.models import Initiative, USInput
from tests.fuzz.hostile import Sent, error_shown, stored_problems

# Bounded for CI: about 2 minutes for the whole fuzz on SQLite; FUZZ_EXAMPLES=500 digs deeper.
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
# FUZZ_SURVEY=file: write every problem found to the file instead of failing at the first.
SURVEY = os.environ.get("FUZZ_SURVEY", "")
EXAMPLES = "fuzz_examples"  # recorded per test, summed in tests/conftest.py


def judge(where: str, problems: list[str], data: dict | None = None) -> None:
    """Fail with the problems found; in a survey, write them down and go on."""
    if not SURVEY:
        assert not problems, f"{where}: " + "; ".join(problems)
        return
    with open(SURVEY, "a") as survey:
        for problem in problems:
            sent = {
                k: v if sum(map(len, v)) < 200 else f"<{sum(map(len, v))} chars>"
                for k, v in (data or {}).items()
            }
            survey.write(f"{where}\t{problem}\t{sent}\n")


def crash(exc: Exception) -> str:
    """A 500 in one line: the exception and the last frame of our own code."""
    ours = [
        f for f in traceback.extract_tb(exc.__traceback__) if "/site-packages/" not in f.filename
    ]
    frame = ours[-1] if ours else traceback.extract_tb(exc.__traceback__)[-1]
    return f"500 {type(exc).__name__}: {str(exc)[:120]} at {frame.filename}:{frame.lineno}"


def run_fuzz(record_property, check: Callable, examples: int = MAX_EXAMPLES) -> None:
    count = 0

    @settings(
        max_examples=examples,
        deadline=None,
        # No shrinking: each rerun of a 1 MB request costs a second, and the run must stay
        # bounded when it fails; the failing request is printed as sent ("POST data").
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(st.data())
    def example(data):
        nonlocal count
        count += 1
        with transaction.atomic():
            check(data.draw)
            transaction.set_rollback(True)

    try:
        example()
    finally:
        record_property(EXAMPLES, count)


def wrong_links() -> list[str]:
    """Rows tied to another initiative's rows, or units of another partner."""
    problems = [
        f"U.S. input {u} is matched to another initiative's deliverable"
        for u in USInput.matched_deliverables.through.objects.exclude(
            usinput__initiative=F("partnerdeliverable__initiative")
        ).values_list("usinput_id", flat=True)
    ]
    problems += [
        f"initiative {i} targets a unit of another partner"
        for i in Initiative.targeted_units.through.objects.exclude(
            initiative__partner=F("partnerunit__partner")
        ).values_list("initiative_id", flat=True)
    ]
    return problems


def unchanged(initiative: Initiative) -> Callable[[], bool]:
    """A probe: is this initiative (all its rows) still as it is now?"""
    before = snapshot(load(initiative.pk))
    return lambda: snapshot(load(initiative.pk)) == before


def post_and_judge(
    client, where: str, url: str, data: dict, sent: Sent, *checks: Callable[[], list[str]]
):
    """POST; then judge the answer (never a 500, a refusal says why) and what is stored."""
    try:
        response = client.post(url, data)
    except Exception as exc:  # the test client re-raises what would be a 500
        if not SURVEY:
            raise
        judge(where, [crash(exc)], data)
        return None
    problems, status = [], response.status_code
    if status >= 500:
        problems.append(f"answered {status}")
    elif status == 302:
        location = response["Location"]
        if not url_has_allowed_host_and_scheme(location, {"testserver"}):
            problems.append(f"redirected off the site, to {location!r}")
    # 403 and 404 pages say why themselves (a forged id, an initiative not theirs).
    elif status not in (403, 404) and not error_shown(response.content.decode()):
        problems.append(f"answered {status} without saying what was refused")
    problems += stored_problems(sent)
    problems += wrong_links()
    for more in checks:
        problems += more()
    judge(where, problems, data)
    return response
