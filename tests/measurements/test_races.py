"""Requests at the same moment: measurements posted together are all kept (they add up,
so none is stale), and a draft deleted twice at once answers both presses, not a 500.

Each thread is a browser of its own with its own database connection, as gunicorn's
workers have; run on PostgreSQL (`source .ci/postgres.sh`) for the row locks."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from idd.models import IndicatorMeasurement, Initiative
from idd.reference.choices import InitiativeStatus as S
from idd.services import drafts
from tests import factories
from tests.export.concurrency import tabs_of

POSTS = 8
# SQLite's test database refuses a second writer ("database table is locked") where
# PostgreSQL, as in production and CI, makes it wait for the row lock.
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (CI runs it)"
)


def together(clients: list[Client], send) -> list[int]:
    """Each client sends its request, all released at once; the status codes in order."""
    start = threading.Barrier(len(clients))
    codes: list[int | BaseException] = [0] * len(clients)

    def run(n: int, client: Client) -> None:
        start.wait()
        try:
            codes[n] = send(n, client).status_code
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            codes[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes  # type: ignore[return-value]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_measurements_posted_at_once_are_all_kept(owner, approved, indicator):
    url = reverse("measurement_record", args=[approved.pk, indicator.pk])

    def send(n: int, client: Client):
        return client.post(
            url, {"measured_on": "2026-11-30", "value": str(n + 1), "source": f"Log {n}"}
        )

    codes = together(tabs_of(owner, POSTS, raise_request_exception=False), send)

    assert codes == [302] * POSTS
    kept = IndicatorMeasurement.objects.filter(indicator=indicator)
    assert sorted(int(m.value) for m in kept) == list(range(1, POSTS + 1))


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_draft_deleted_twice_at_once_answers_both(owner):
    draft = factories.InitiativeFactory(owner=owner, title="Harbour radar", status=S.DRAFT)
    url = reverse("initiative_delete", args=[draft.pk])

    codes = together(
        tabs_of(owner, 2, raise_request_exception=False), lambda n, client: client.post(url)
    )

    assert codes == [302, 302]
    assert not Initiative.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_deleting_a_draft_already_deleted_says_it_is_gone(owner):
    draft = factories.InitiativeFactory(owner=owner, title="Harbour radar", status=S.DRAFT)
    first, second = Initiative.objects.get(pk=draft.pk), Initiative.objects.get(pk=draft.pk)
    assert drafts.delete_draft(first, owner) == "Harbour radar"
    assert drafts.delete_draft(second, owner) == "Harbour radar"
