"""Downloads through the real proxy: ten people press "Download PDF" on one changed IDD at
once, nginx spreads them over both app servers, two workers render; the PDF is rendered
once and every download then gets that one file (tests/tls/conftest.py starts the stack)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import requests

from deploy import proxy
from tests.tls.conftest import Stack
from tests.tls.test_cac_through_the_proxy import agree_with

DOWNLOADS = 10
RENDERED = "Rendered and stored"

NEW_INITIATIVE = """
from django.contrib.auth.models import User
from idd.export import IDD, find_pdf
from tests import factories
initiative = factories.complete_initiative(owner=User.objects.get(username="pat"))
print(initiative.pk, find_pdf(initiative, IDD).name)
"""


def signed_in_by_certificate(stack: Stack) -> requests.Session:
    session = requests.Session()
    assert agree_with(session, stack.origin, {}, **tls(stack)).status_code == 302
    assert session.get(f"{stack.origin}/", timeout=30, **tls(stack)).url == f"{stack.origin}/"
    return session


def tls(stack: Stack) -> dict:
    """The registered person's certificate, and the test CA that issued the server's."""
    return {"verify": stack.ca_file, "cert": stack.pair("registered")}


def all_at_once(stack: Stack, session: requests.Session, url: str) -> list[requests.Response]:
    """DOWNLOADS requests released together, each on its own connection."""
    gate = threading.Barrier(DOWNLOADS)
    answers: list[requests.Response] = []

    def download() -> None:
        gate.wait(timeout=30)
        answers.append(requests.get(url, cookies=session.cookies, timeout=60, **tls(stack)))

    threads = [threading.Thread(target=download) for _ in range(DOWNLOADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return answers


def start_workers(stack: Stack, count: int) -> list[subprocess.Popen]:
    workers = []
    for number in range(count):
        with (stack.folder / f"worker-{number}.log").open("ab") as log:
            workers.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker"],
                    cwd=proxy.ROOT,
                    env=stack.environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
    return workers


def ready(stack: Stack, session: requests.Session, url: str) -> requests.Response:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = session.get(url, timeout=60, **tls(stack))
        if answer.status_code == 200:
            return answer
        assert answer.status_code == 202, answer.text[:500]
        time.sleep(1)
    raise AssertionError("no PDF after 120 s")


def test_ten_concurrent_downloads_across_both_servers_render_the_pdf_once(tls_stack):
    session = signed_in_by_certificate(tls_stack)
    pk, name = tls_stack.django(NEW_INITIATIVE).split()[-2:]
    url = f"{tls_stack.origin}/initiatives/{pk}/pdf/"

    asked = all_at_once(tls_stack, session, url)
    assert sorted(a.status_code for a in asked) == [202] * DOWNLOADS, "each answered at once"
    assert all("Preparing the PDF" in a.text for a in asked)
    for port in (u.rsplit(":", 1)[1] for u in tls_stack.app_urls):
        served = (tls_stack.folder / f"app-{port}.log").read_text()
        assert f"GET /initiatives/{pk}/pdf/ " in served, f"the app server on {port} served some"

    workers = start_workers(tls_stack, 2)
    try:
        first = ready(tls_stack, session, url)
        downloads = all_at_once(tls_stack, session, url)
    finally:
        proxy.stop(workers)

    assert [d.status_code for d in downloads] == [200] * DOWNLOADS
    assert {d.content for d in downloads} == {first.content}, "all got the one stored PDF"
    assert first.content.startswith(b"%PDF")
    logs = "".join((tls_stack.folder / f"worker-{n}.log").read_text() for n in range(2))
    renders = [line for line in logs.splitlines() if RENDERED in line and name in line]
    print(f"\n{DOWNLOADS} concurrent downloads through the proxy: {len(renders)} render(s)")
    assert len(renders) == 1, logs[-3000:]
