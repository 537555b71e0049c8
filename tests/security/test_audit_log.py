"""The audit log itself (docs/adr/0017): every whole document read out of the product is a
record; each record is a JSON line too; nobody edits or deletes one (on PostgreSQL, not
even with SQL); administrators search the log and export it; and an action whose record
cannot be written is refused with a page saying so, and the error is logged."""

import csv
import html
import io
import json
import logging
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from idd.admin import AuditRecordAdmin
from idd.export import IDD, NOTIFICATION, find_pdf
from idd.export.once import store_once
from idd.models import AuditRecord, SignInRecord
from idd.services import audit
from tests import factories
from tests.security.audit_checks import (
    DESK,
    THROUGH_THE_PROXY,
    about,
    audit_table_refuses,
    form_values,
    key_hash,
    latest,
    names,
    only,
)

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]
Event, Outcome = AuditRecord.Event, AuditRecord.Outcome


@pytest.fixture(autouse=True)
def behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONSENT_BANNER = False
    settings.CERT_SIGN_IN = False
    settings.PASSWORD_SIGN_IN = True


@pytest.fixture
def administrator(client) -> User:
    admin = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def text(response) -> str:
    """The page as a reader sees it: entities written out, runs of white space as one."""
    return html.unescape(" ".join(response.content.decode().split()))


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# Documents read out of the product

DOCUMENTS = [
    ("initiative_print", IDD.title, "print"),
    ("notification_print", NOTIFICATION.title, "print"),
    ("notification_docx", NOTIFICATION.title, "docx"),
    ("initiative_docx", IDD.title, "docx"),
    ("initiative_data_json", "exchange file", "json"),
    ("initiative_deliverables_csv", "partner deliverables", "csv"),
]


@pytest.mark.parametrize(("name", "document", "file_format"), DOCUMENTS)
def test_every_whole_document_read_out_of_the_product_is_recorded(
    client, initiative, owner, name, document, file_format
):
    client.force_login(owner)
    start = latest()
    response = client.get(reverse(name, args=[initiative.pk]), **THROUGH_THE_PROXY)
    assert response.status_code == 200
    record = only(Event.DOCUMENT_READ, pk__gt=start)
    assert names(record, owner) and about(record, initiative)
    assert record.details == {"document": document, "format": file_format}
    assert (record.address, record.session) == (DESK, key_hash(client.session.session_key))


def test_a_stored_pdf_served_is_recorded_and_asking_whether_it_is_ready_is_not(
    client, initiative, owner
):
    stored = find_pdf(initiative, IDD)
    store_once(stored.name, initiative.pk, lambda: b"%PDF-1.7 stored for the test")
    client.force_login(owner)
    start = latest()
    assert client.get(reverse("initiative_pdf_status", args=[initiative.pk])).status_code == 200
    assert not AuditRecord.objects.filter(pk__gt=start).exists()

    response = client.get(reverse("initiative_pdf", args=[initiative.pk]), **THROUGH_THE_PROXY)
    assert body(response).startswith(b"%PDF")
    record = only(Event.DOCUMENT_READ, pk__gt=start)
    assert names(record, owner) and about(record, initiative)
    assert record.details == {"document": stored.download_name, "format": "pdf"}


@pytest.mark.parametrize(
    ("name", "file_format"), [("portfolio_csv", "csv"), ("portfolio_print", "print")]
)
def test_the_portfolio_read_out_is_recorded_with_its_filters(
    client, initiative, owner, name, file_format
):
    client.force_login(owner)
    start = latest()
    response = client.get(reverse(name) + "?sort=title", **THROUGH_THE_PROXY)
    assert response.status_code == 200 and body(response)
    record = only(Event.DOCUMENT_READ, pk__gt=start)
    assert names(record, owner) and record.address == DESK
    assert (record.object_type, record.object_repr) == ("portfolio", "sort=title")
    assert record.details == {"document": "portfolio", "format": file_format}


# The JSON line


def test_each_record_is_also_one_json_line_for_the_siem(client, owner, caplog):
    siem = logging.getLogger("idd.audit")
    siem.addHandler(caplog.handler)  # the logger writes to stdout only, not through the root
    try:
        client.post(
            reverse("login"),
            {"username": "owner", "password": factories.PASSWORD},
            **THROUGH_THE_PROXY,
        )
    finally:
        siem.removeHandler(caplog.handler)
    record = only(Event.SIGN_IN)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "idd.audit"]
    assert lines == [
        {
            "id": record.pk,
            "time": record.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "event": "sign_in",
            "outcome": "success",
            "user_id": owner.pk,
            "username": "owner",
            "address": DESK,
            "session": key_hash(client.session.session_key),
            "object_type": "auth.user",
            "object_id": str(owner.pk),
            "object": "owner",
            "details": {"kind": "signed_in", "method": "password", "reason": "Signed in"},
        }
    ]
    assert lines[0]["time"].endswith("Z")


# Append-only


def test_the_admin_only_reads_the_audit_log_even_for_a_superuser(client, administrator):
    record = audit.record(None, Event.ACCOUNT_CREATED, username="someone")
    page = f"/admin/idd/auditrecord/{record.pk}"
    assert client.get("/admin/idd/auditrecord/add/").status_code == 403
    shown = client.get(f"{page}/change/")
    assert shown.status_code == 200 and 'name="_save"' not in shown.text
    assert client.post(f"{page}/change/", {"outcome": "failure"}).status_code == 403
    assert client.post(f"{page}/delete/", {"post": "yes"}).status_code == 403
    listing = client.get("/admin/idd/auditrecord/")
    assert "delete_selected" not in listing.text and "export_csv" in listing.text
    assert AuditRecord.objects.get(pk=record.pk).outcome == Outcome.SUCCESS


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (CI runs it)"
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE idd_auditrecord SET outcome = 'failure', username = 'nobody' WHERE id = %s",
        "DELETE FROM idd_auditrecord WHERE id = %s",
    ],
)
def test_postgresql_refuses_to_change_or_delete_an_audit_record(sql):
    record = audit.record(None, Event.ACCOUNT_CREATED, username="someone")
    refusing = pytest.raises(DatabaseError, match="append-only")
    with refusing, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [record.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).update(outcome=Outcome.FAILURE)
    kept = AuditRecord.objects.get(pk=record.pk)
    assert (kept.outcome, kept.username) == (Outcome.SUCCESS, "someone")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (CI runs it)"
)
def test_deleting_an_account_keeps_its_audit_records_unchanged(outsider):
    record = audit.record(None, Event.SIGN_IN, user=outsider)
    account = outsider.pk
    outsider.delete()  # no foreign key: nothing to set to NULL, which the trigger would refuse
    kept = AuditRecord.objects.get(pk=record.pk)
    assert (kept.user_id, kept.username) == (account, "outsider")


# Search and export


def on(day: int, **fields) -> AuditRecord:
    moment = datetime(2026, 11, day, 9, 30, tzinfo=UTC)
    return AuditRecord.objects.create(at=moment, outcome=Outcome.SUCCESS, **fields)


def between(first_day: str, day_after: str) -> str:
    """The date filter's query, from midnight UTC on the first day to the day after."""
    return urlencode({"at__gte": f"{first_day} 00:00Z", "at__lt": f"{day_after} 00:00Z"})


@pytest.fixture
def logged(owner, teammate) -> dict[str, AuditRecord]:
    return {
        "owner in": on(3, event=Event.SIGN_IN, user_id=owner.pk, username="owner"),
        "owner out": on(3, event=Event.SIGN_OUT, user_id=owner.pk, username="owner"),
        "owner later": on(20, event=Event.SIGN_IN, user_id=owner.pk, username="owner"),
        "teammate in": on(3, event=Event.SIGN_IN, user_id=teammate.pk, username="teammate"),
    }


def test_administrators_find_records_by_user_event_and_date(client, administrator, logged):
    query = "q=owner&event__exact=sign_in&" + between("2026-11-01", "2026-11-10")
    response = client.get(f"/admin/idd/auditrecord/?{query}")
    assert list(response.context["cl"].result_list) == [logged["owner in"]]
    by_day = client.get("/admin/idd/auditrecord/?at__year=2026&at__month=11&at__day=20")
    assert list(by_day.context["cl"].result_list) == [logged["owner later"]]


IN_NOVEMBER = "q=owner&" + between("2026-11-01", "2026-12-01")


def test_administrators_export_what_they_found_as_csv(client, administrator, logged):
    start = latest()
    action = {"action": "export_csv", "select_across": "1", "index": "0"}
    action["_selected_action"] = [logged["owner in"].pk]
    response = client.post(f"/admin/idd/auditrecord/?{IN_NOVEMBER}", action, **THROUGH_THE_PROXY)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-')
    lines = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert lines[0] == lines[-1] == [settings.MARKING]  # as every CSV of the product
    rows = lines[1:-1]
    assert rows[0] == AuditRecordAdmin.CSV_HEADER
    first = logged["owner in"]
    assert rows[1] == [
        "2026-11-03T09:30:00Z", "sign_in", "success", str(first.user_id), "owner",
        "", "", "", "", "", "{}",
    ]  # fmt: skip
    assert [row[1] for row in rows[1:]] == ["sign_in", "sign_out", "sign_in"]  # by time
    export = only(Event.DOCUMENT_READ, pk__gt=start)
    assert names(export, administrator) and export.address == DESK
    assert (export.object_type, export.object_repr) == ("audit log", "3 records")
    assert export.details == {"document": "audit log", "format": "csv"}


# Fail closed


def refused(response) -> bool:
    """The page saying the action was refused, in the site's frame, as a 503."""
    page = text(response)
    return (
        response.status_code == 503
        and "The security audit record could not be written" in page
        and audit.REFUSED in page
        and '<header class="usa-header' in page
    )


def logged_the_error(caplog, event: str) -> bool:
    return any(
        r.getMessage() == f"An audit record could not be written: {event} refused" and r.exc_info
        for r in caplog.records
    )


@pytest.mark.parametrize("name", ["initiative_data_json", "initiative_print"])
def test_a_download_whose_record_cannot_be_written_is_refused_and_the_error_logged(
    client, initiative, owner, caplog, name
):
    client.force_login(owner)
    audit_table_refuses()
    response = client.get(reverse(name, args=[initiative.pk]))
    assert refused(response)
    assert "Content-Disposition" not in response
    assert initiative.title not in text(response)
    assert logged_the_error(caplog, "document_read")


def test_a_sign_in_whose_record_cannot_be_written_leaves_nobody_signed_in(client, owner, caplog):
    audit_table_refuses()
    response = client.post(reverse("login"), {"username": "owner", "password": factories.PASSWORD})
    assert refused(response)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dashboard")).status_code == 302  # to the sign-in page
    assert not SignInRecord.objects.filter(kind=SignInRecord.Kind.SIGNED_IN).exists()
    assert logged_the_error(caplog, "sign_in")


def test_consent_whose_record_cannot_be_written_is_not_taken(client, settings):
    settings.CONSENT_BANNER = True
    audit_table_refuses()
    assert refused(client.post(reverse("notice"), {"next": "/"}))
    assert client.get(reverse("login"))["Location"].startswith(reverse("notice"))  # again


def test_an_administrators_change_whose_record_cannot_be_written_is_undone(
    client, administrator, owner
):
    url = f"/admin/auth/user/{owner.pk}/change/"
    data = form_values(client.get(url), "user_form")
    del data["is_active"]
    audit_table_refuses()
    assert refused(client.post(url, data))
    assert User.objects.get(pk=owner.pk).is_active
