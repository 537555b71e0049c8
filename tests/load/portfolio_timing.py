"""Median server time (wall and CPU) and query count of the portfolio pages, in-process
through Django's test client, signed in as the demo reviewer. On a copy of a scale-10 seed:

DATABASE_URL=sqlite:////tmp/portfolio10.sqlite3 PYTHONPATH=. python tests/load/portfolio_timing.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from idd.models import Initiative  # noqa: E402

RUNS = 9
URLS = (
    "/portfolio/",
    "/portfolio/?sort=cost",
    "/portfolio/?sort=title&page=300",
    "/portfolio/?partner=00012&flag=any",
    "/portfolio/print/",
)


def main(urls: list[str]) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.get(username="reviewer"))
    print(f"{Initiative.objects.count()} initiatives, median of {RUNS}")
    for url in urls:
        client.get(url)
        wall, cpu = [], []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                status = client.get(url).status_code
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
        print(
            f"{url:40} {status} {statistics.median(wall):6.1f} ms "
            f"(CPU {statistics.median(cpu):5.1f} ms) {len(queries)} queries"
        )


if __name__ == "__main__":
    main(sys.argv[1:] or list(URLS))
