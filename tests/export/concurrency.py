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


@dataclass
class Download:
    status: int
    body: bytes


def at_once(user, urls: list[str]) -> list[Download]:
    """GET every URL in its own thread, all released together; the responses in order."""
    start = threading.Barrier(len(urls))
    results: list[Download | BaseException | None] = [None] * len(urls)
    clients = [Client(raise_request_exception=True) for _ in urls]
    for client in clients:  # signed in one after the other: only the downloads race
        client.force_login(user)

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
