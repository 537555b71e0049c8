"""The security audit log (issue 26, docs/adr/0017): every security-relevant event is one
record, written by `record` both to the append-only table (AuditRecord) and as one JSON
line to the `idd.audit` logger (stdout, for the SIEM).

Fail closed: if the row cannot be written, the error is logged and AuditUnavailable is
raised; the action that needed the record is refused (`idd.audit_middleware` answers 503
with a page saying why, and the request's transaction is rolled back).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from idd.models import AuditRecord
from idd.services import throttling

Event = AuditRecord.Event
Outcome = AuditRecord.Outcome
logger = logging.getLogger("idd.audit")  # the JSON lines (stdout, for the SIEM)
errors = logging.getLogger(__name__)  # the operations log: why a record could not be written

REFUSED = (
    "This was refused because its security audit record could not be written, and "
    "nothing happens here without one. The error is logged for the site's administrators; "
    "try again later."
)


class AuditUnavailable(Exception):
    """An audit record could not be written: the action that needed it is refused."""

    def __init__(self, event: str):
        super().__init__(f"the audit record of {event} could not be written")
        self.event = event


@dataclass(frozen=True)
class Target:
    """What an event acted on when it is not one row: a list, a file of the product."""

    type: str
    id: str = ""
    name: str = ""


def target_of(obj: models.Model | Target | None) -> Target:
    if obj is None:
        return Target("")
    if isinstance(obj, Target):
        return obj
    return Target(obj._meta.label_lower, str(obj.pk or ""), str(obj))


def address_of(request: HttpRequest | None) -> str | None:
    """The client's address read through the trusted proxies (`throttling.client_ip`), or
    None when it is not one."""
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(throttling.client_ip(request) or ""))
    except ValueError:
        return None


def session_hash(request: HttpRequest | None) -> str:
    """SHA-256 of the session key: ties a session's records together, never reveals it."""
    session = getattr(request, "session", None)
    return key_hash(session.session_key if session is not None else None)


def key_hash(session_key: str | None) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest() if session_key else ""


def current_request() -> HttpRequest | None:
    """The request being answered on this thread (simple_history's middleware keeps it),
    for events noticed in a model's signal; None in the worker and in commands."""
    return getattr(HistoricalRecords.context, "request", None)


def record(
    request: HttpRequest | None,
    event: str,
    outcome: str = Outcome.SUCCESS,
    *,
    user: Any = None,
    username: str = "",
    obj: models.Model | Target | None = None,
    **details: Any,
) -> AuditRecord:
    """Write one audit record: the table row, then its JSON line. `user` is who acted:
    by default the request's signed-in user; `username` when there is no account (a
    name typed at sign-in). Raises AuditUnavailable (after logging why) if the row could
    not be written."""
    if user is None:
        signed_in = getattr(request, "user", None)
        user = signed_in if signed_in is not None and signed_in.is_authenticated else None
    target = target_of(obj)
    row = AuditRecord(
        event=event,
        outcome=outcome,
        user_id=user.pk if user is not None else None,
        username=(user.get_username() if user is not None else username)[:150],
        address=address_of(request),
        session=session_hash(request),
        object_type=target.type[:100],
        object_id=str(target.id)[:64],
        object_repr=target.name[:200],
        details=json.loads(json.dumps(details, cls=DjangoJSONEncoder)),
    )
    try:
        # No savepoint of its own: a refusal ends the action, whose transaction is rolled back.
        row.save(force_insert=True)
    except Exception as error:
        errors.exception("An audit record could not be written: %s refused", event)
        logger.error(json_line(row, written=False))
        raise AuditUnavailable(event) from error
    logger.info(json_line(row))
    return row


def json_line(row: AuditRecord, *, written: bool = True) -> str:
    """The record as one line of JSON, as the SIEM reads it."""
    fields: dict[str, Any] = {
        "time": row.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "event": row.event,
        "outcome": row.outcome,
        "user_id": row.user_id,
        "username": row.username,
        "address": row.address,
        "session": row.session,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "object": row.object_repr,
        "details": row.details,
    }
    if written:
        fields["id"] = row.pk
    else:
        fields["audit_write_failed"] = True
    return json.dumps(fields, sort_keys=True, ensure_ascii=False)


def document_read(
    request: HttpRequest, obj: models.Model | Target, document: str, file_format: str
) -> AuditRecord:
    """A whole document read out of the product: `document` says which ("IDD",
    "portfolio"), `file_format` how (pdf, docx, csv, json, print)."""
    return record(request, Event.DOCUMENT_READ, obj=obj, document=document, format=file_format)
