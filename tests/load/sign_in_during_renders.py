"""Time the sign-in page while two PDF downloads are being rendered (issue 23).

Run by tests/load/sign_in_during_renders.sh against gunicorn with 2 workers. Starts both
downloads at once as the demo planner, then every second GETs /accounts/login/ as a new
visitor until both PDFs are stored, and prints each sign-in's time, the slowest, and how
long each download's request took and when its PDF was ready.
"""

from __future__ import annotations

import re
import statistics
import sys
import threading
import time

import requests

PLANNER = ("planner", "Planner-demo-2026")
TIMEOUT = 600


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=TIMEOUT).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    username, password = PLANNER
    data = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    answer = session.post(f"{base}/accounts/login/", data=data, timeout=TIMEOUT)
    assert answer.url.rstrip("/") == base, f"not signed in: {answer.url}"
    return session


def main(base: str, first: str, second: str) -> None:
    sessions = [signed_in(base), signed_in(base)]
    started = time.perf_counter()
    downloads: dict[str, str] = {}

    def download(session: requests.Session, pk: str) -> None:
        t = time.perf_counter()
        answer = session.get(f"{base}/initiatives/{pk}/pdf/", timeout=TIMEOUT)
        took = time.perf_counter() - t
        kind = answer.headers.get("Content-Type", "").split(";")[0]
        downloads[pk] = f"answered {answer.status_code} ({kind}) in {took:.2f} s"

    threads = [
        threading.Thread(target=download, args=(s, pk))
        for s, pk in zip(sessions, (first, second), strict=True)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1)  # both renders are under way

    ready: dict[str, float] = {}
    sign_ins: list[float] = []
    while len(ready) < 2 and time.perf_counter() - started < TIMEOUT:
        t = time.perf_counter()
        page = requests.get(f"{base}/accounts/login/", timeout=TIMEOUT)
        sign_ins.append(time.perf_counter() - t)
        assert page.status_code == 200
        for session, pk in zip(sessions, (first, second), strict=True):
            if pk not in ready and pk in downloads and _ready(session, base, pk):
                ready[pk] = time.perf_counter() - started
        time.sleep(1)
    for thread in threads:
        thread.join(TIMEOUT)

    for pk in (first, second):
        print(f"download of initiative {pk}: {downloads[pk]}; PDF stored {ready[pk]:.1f} s in")
    shown = " ".join(f"{s:.2f}" for s in sign_ins)
    print(f"GET /accounts/login/ during the renders ({len(sign_ins)} times, s): {shown}")
    print(
        f"sign-in page: median {statistics.median(sign_ins):.2f} s, slowest {max(sign_ins):.2f} s"
    )


def _ready(session: requests.Session, base: str, pk: str) -> bool:
    """The PDF is stored: the status URL says so (or, on code without one, the download
    request itself returned, which it did only once the PDF was stored)."""
    answer = session.get(f"{base}/initiatives/{pk}/pdf/status/", timeout=TIMEOUT)
    if answer.status_code == 404:
        return True
    return answer.json()["state"] == "ready"


if __name__ == "__main__":
    main(*sys.argv[1:4])
