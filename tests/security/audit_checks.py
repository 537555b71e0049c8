"""What the audit log tests look at: the one record of an event, and an admin form as the
browser would send it back."""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta

from django.db import connection
from django.utils import timezone
from lxml import html

from idd.models import AuditRecord

BALANCER = "10.0.0.1"  # the trusted proxy in front of the app
DESK = "198.51.100.7"  # the person's address, as the proxy passes it on
THROUGH_THE_PROXY = {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": DESK}


def key_hash(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()


def only(event: str, **filters) -> AuditRecord:
    """The one record of this event (and these fields): there is exactly one."""
    found = list(AuditRecord.objects.filter(event=event, **filters))
    assert len(found) == 1, [(r.event, r.outcome, r.username, r.details) for r in found]
    return found[0]


def latest() -> int:
    """The id of the last record so far: `only(..., pk__gt=latest())` sees what follows."""
    return AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def recent_in_utc(record: AuditRecord) -> bool:
    return (
        record.at.tzinfo is not None
        and record.at.utcoffset() == timedelta(0)
        and (timezone.now() - timedelta(minutes=1) < record.at.astimezone(UTC) <= timezone.now())
    )


def names(record: AuditRecord, user) -> bool:
    """The record names this user, by id and by name."""
    return (record.user_id, record.username) == (user.pk, user.username)


def about(record: AuditRecord, obj) -> bool:
    """The record names this object as the one acted on."""
    found = (record.object_type, record.object_id, record.object_repr)
    return found == (obj._meta.label_lower, str(obj.pk), str(obj))


REFUSE_INSERTS = {
    "postgresql": [
        "CREATE FUNCTION test_audit_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'the audit table is unavailable'; END $$",
        "CREATE TRIGGER test_audit_unavailable BEFORE INSERT ON idd_auditrecord "
        "FOR EACH ROW EXECUTE FUNCTION test_audit_unavailable()",
    ],
    "sqlite": [
        "CREATE TRIGGER test_audit_unavailable BEFORE INSERT ON idd_auditrecord "
        "BEGIN SELECT RAISE(ABORT, 'the audit table is unavailable'); END",
    ],
}


def audit_table_refuses() -> None:
    """From now on the database refuses every new audit record (the test's transaction
    takes the trigger away again; a test that commits calls `audit_table_accepts`)."""
    with connection.cursor() as cursor:
        for sql in REFUSE_INSERTS[connection.vendor]:
            cursor.execute(sql)


def audit_table_accepts() -> None:
    """The trigger of `audit_table_refuses` gone (for a test that commits)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS test_audit_unavailable"
            + (" ON idd_auditrecord" if connection.vendor == "postgresql" else "")
        )
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS test_audit_unavailable()")


def form_values(response, form_id: str) -> dict[str, list[str]]:
    """The form's fields as a browser would submit it unchanged."""
    form = html.fromstring(response.content).get_element_by_id(form_id)
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data
