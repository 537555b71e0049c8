"""Times on the review screens: "just now" instead of "0 minutes ago", and full timestamps
in the configured time zone, named."""

from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template

from idd.reference.times import full_timestamp, time_ago

NOW = datetime(2026, 12, 3, 14, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seconds_before", "said"),
    [
        (0, "just now"),
        (59, "just now"),
        (-5, "just now"),  # a moment ahead: another server's clock
        (60, "1 minute ago"),
        (61, "1 minute ago"),
        (3 * 3600 + 120, "3 hours, 2 minutes ago"),
        (86400 * 2, "2 days ago"),
    ],
)
def test_how_long_ago_never_says_zero_minutes(seconds_before, said):
    ago = time_ago(NOW - timedelta(seconds=seconds_before), now=NOW)
    assert ago.replace("\xa0", " ") == said  # Django keeps "1 minute" on one line


def test_no_time_says_nothing():
    assert time_ago(None) == ""
    assert full_timestamp(None) == ""


def test_the_template_filter_is_the_same_rule():
    html = Template("{% load review %}{{ when|time_ago }}").render(
        Context({"when": datetime.now(UTC) - timedelta(seconds=10)})
    )
    assert html == "just now"


def test_a_full_timestamp_names_the_configured_time_zone(settings):
    assert full_timestamp(NOW) == "3 Dec 2026, 14:05 UTC"
    settings.TIME_ZONE = "America/New_York"
    assert full_timestamp(NOW) == "3 Dec 2026, 09:05 EST"
    assert full_timestamp(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == "1 Jul 2026, 08:00 EDT"
