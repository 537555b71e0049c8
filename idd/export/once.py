"""One render per stored PDF, however many web processes and workers want it at once.

A render takes seconds of CPU, so twenty people pressing "Download PDF" on a changed IDD
must not start twenty. Only the worker renders (`idd.tasks`; a download never does, it
queues the render and answers at once: `idd.services.downloads`). The first render to
find the PDF missing claims it: it writes a marker beside the PDF's name
(`<name>.rendering`), renders, stores the PDF, then removes the marker. Any other that
finds the marker, or the PDF complete, does nothing: no one waits for another's render.

- The claim is taken while holding the initiative's row lock (`select_for_update`; on
  SQLite every transaction is IMMEDIATE, which serializes it the same way), for the
  few milliseconds of two storage lookups and a write, never for the render. So the
  check "no PDF, no marker" and the marker's write are one step for every process, on
  both databases, and the state lives in the storage all processes share (S3 too).
- A PDF is complete when it exists and has no marker: the marker is written before the
  PDF's first byte and removed after its last.
- A marker older than `LEASE` is a render that died (the process was killed): the next
  render takes the claim over. A document too long for `LEASE` is refused before any
  render (`idd.export.size`).
- `remove_older` never deletes a PDF being rendered (it has a marker), nor a marker
  still within its lease.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError, transaction
from django.utils import timezone

from idd.models import Initiative

log = logging.getLogger(__name__)

MARKER = ".rendering"
# Longer than any render takes (the 32-page reference IDD: about 3 s on a quiet machine;
# the longest document printed, `idd.export.size.MAX_PAGES`, well within it).
LEASE = timedelta(seconds=90)


def _marker(name: str) -> str:
    return name + MARKER


def under_way(name: str) -> bool:
    """A render of `name` has begun and is within its lease."""
    return _live(_marker(name))


def _live(marker: str) -> bool:
    """The marker exists and its render is within its lease."""
    try:
        written = default_storage.get_modified_time(marker)
    except FileNotFoundError:
        return False
    return timezone.now() - written < LEASE


def is_complete(name: str) -> bool:
    """The PDF is stored in full (checked in this order: see the module's docstring)."""
    return default_storage.exists(name) and not default_storage.exists(_marker(name))


def _claim(name: str, initiative_id: int) -> bool:
    """Become the one process that renders `name`; False if it is stored or being rendered
    (or the database is too busy to say: the caller asks again)."""
    try:
        return _claim_locked(name, initiative_id)
    except OperationalError as error:
        # SQLite: "database is locked", another writer held the lock past the timeout
        # (django-tasks' worker treats it the same way). Anything else is a real fault.
        if "is locked" not in str(error).lower():
            raise
        log.warning("Could not claim the render of %s yet: %s", name, error)
        return False


def _claim_locked(name: str, initiative_id: int) -> bool:
    with transaction.atomic():
        list(Initiative.objects.select_for_update().filter(pk=initiative_id).values("pk"))
        marker = _marker(name)
        if default_storage.exists(marker):
            if _live(marker):
                return False
            log.warning("Taking over the render of %s: its renderer stopped", name)
            default_storage.delete(marker)
        elif default_storage.exists(name):
            return False
        default_storage.save(marker, ContentFile(b""))
        return True


def _render_and_store(name: str, render: Callable[[], bytes]) -> None:
    started = time.perf_counter()
    try:
        pdf = render()
        default_storage.delete(name)  # the part stored by a render that died, if any
        stored = default_storage.save(name, ContentFile(pdf))
        if stored != name:  # only if a render outlived its lease and stored it meanwhile
            default_storage.delete(stored)
    finally:
        default_storage.delete(_marker(name))
    log.info("Rendered and stored %s in %.1f s", name, time.perf_counter() - started)


def store_once(name: str, initiative_id: int, render: Callable[[], bytes]) -> bool:
    """Render and store the PDF `name` unless it is stored or another render is under way.

    Returns True if this call rendered it. Never waits: whoever asked for the PDF asks
    again later (the download's status page polls). A render that fails removes its
    claim, so the next one tries.
    """
    if is_complete(name) or under_way(name) or not _claim(name, initiative_id):
        return False
    _render_and_store(name, render)
    return True


def remove_older(folder: str, keep: str) -> None:
    """Delete the folder's PDFs other than `keep`, except those being rendered, and the
    markers of renders that died (with the part of the PDF they stored)."""
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        path = f"{folder}/{file}"
        pdf = path.removesuffix(MARKER)
        if pdf == keep or _live(_marker(pdf)):
            continue
        default_storage.delete(pdf)
        default_storage.delete(_marker(pdf))
