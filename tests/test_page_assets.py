"""Every script and stylesheet a page links is one the project ships."""

import re

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from tests import factories

LINKED = re.compile(r'<(?:script|link)[^>]+(?:src|href)="/static/([^"]+)"')


def test_the_dashboard_links_only_static_files_that_exist(db):
    client = Client()
    client.force_login(factories.planner(username="someone"))

    page = client.get(reverse("dashboard")).content.decode()

    linked = LINKED.findall(page)
    assert "uswds/js/uswds.min.js" in linked
    assert [path for path in linked if finders.find(path) is None] == []
