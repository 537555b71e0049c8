"""Many requests at once, as several users (or one impatient one) press "Download PDF".

Each thread is a browser of its own (Django's test client) with its own database
connection, as gunicorn's workers have; the renders they cause are counted by wrapping
the real WeasyPrint render, which still runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from django.db import connection
from django.test import Client

from idd.export import IDD, PrintableDocument


@dataclass
class Renders:
    """The real renders of a test, counted across threads."""

    count: int = 0
    in_transaction: list[bool] = field(default_factory=list)
    started_at: list[float] = field(default_factory=list)  # time.perf_counter()
    _lock: threading.Lock = field(default_factory=threading.Lock)


def count_renders(monkeypatch, kind: PrintableDocument = IDD) -> Renders:
    """Count the PDF renders of this kind of document (the IDD unless told)."""
    renders = Renders()
    real = kind.pdf

    def render(doc):
        with renders._lock:
            renders.count += 1
            renders.in_transaction.append(connection.in_atomic_block)
            renders.started_at.append(time.perf_counter())
        return real(doc)

    monkeypatch.setattr(kind, "pdf", render)
    return renders


def tabs_of(user, count: int, **options) -> list[Client]:
    """`count` browser tabs of one signed-in session (an account holds at most
    MAX_SESSIONS_PER_ACCOUNT sessions, so a person racing themselves uses tabs)."""
    tabs = [Client(**options) for _ in range(count)]
    tabs[0].force_login(user)
    for tab in tabs[1:]:
        tab.cookies = SimpleCookie(tabs[0].cookies)
    return tabs


@dataclass
class Download:
    status: int
    body: bytes


def at_once(user, urls: list[str]) -> list[Download]:
    """GET every URL in its own thread, all released together; the responses in order."""
    start = threading.Barrier(len(urls))
    results: list[Download | BaseException | None] = [None] * len(urls)
    clients = tabs_of(user, len(urls), raise_request_exception=True)

    def get(index: int, url: str) -> None:
        client = clients[index]
        try:
            start.wait(timeout=120)
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else b""
            results[index] = Download(response.status_code, body)
        except BaseException as problem:  # reported in the test's thread below
            results[index] = problem
            start.abort()
        finally:
            connection.close()

    run_threads([lambda i=i, url=url: get(i, url) for i, url in enumerate(urls)])
    for result in results:  # the first problem, not the others' broken barrier
        if isinstance(result, BaseException) and not isinstance(
            result, threading.BrokenBarrierError
        ):
            raise result
    return results  # type: ignore[return-value]


def run_threads(work: list[Callable[[], None]]) -> None:
    threads = [threading.Thread(target=job) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
