"""The staffing routes' e-mails, sent by the worker (`idd.tasks.send_route_reminders`):
an office is told when an IDD reaches it, two working days before its suspense, and once
it is overdue; an approval authority when an IDD awaits its approval. Each once: a unique
row (`RouteReminder`) is claimed before the e-mail goes; a failure is logged and kept on
that row, and not tried again (ADR 0026)."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from idd.models import Organization
from idd.models.staffing import Route, RouteReminder
from idd.reference import roles
from idd.reference.working_days import working_days_between

logger = logging.getLogger(__name__)
DUE_SOON_DAYS = 2  # working days before the suspense
Kind = RouteReminder.Kind


def people_of(office: Organization, role: str) -> QuerySet:
    """Active people with the role who belong to the office (or under it), with an address."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, groups__name=role, profile__member_of__path__startswith=office.path
        )
        .exclude(email="")
        .distinct()
    )


def due(route: Route, today: date) -> list[tuple[Organization, str]]:
    """(office, kind) the route owes today."""
    if route.status == Route.Status.AWAITING_APPROVAL:
        authority = route.template.approval_authority
        return [(authority, Kind.REACHED)] if authority else []
    owed: list[tuple[Organization, str]] = []
    suspense = route.suspense
    for office in route.pending_offices():
        owed.append((office, Kind.REACHED))
        if suspense is None:
            continue
        if today > suspense:
            owed.append((office, Kind.OVERDUE))
        elif working_days_between(today, suspense) <= DUE_SOON_DAYS:
            owed.append((office, Kind.DUE_SOON))
    return owed


def send_reminders(today: date | None = None) -> int:
    """E-mail every office what it is owed today; how many e-mails were sent."""
    today = today or timezone.localdate()
    sent = 0
    routes = Route.objects.filter(
        status__in=(Route.Status.COORDINATING, Route.Status.AWAITING_APPROVAL)
    ).select_related("initiative", "template__approval_authority", "stage")
    for route in routes:
        for office, kind in due(route, today):
            sent += _remind(route, office, kind)
    return sent


def _remind(route: Route, office: Organization, kind: str) -> bool:
    try:
        with transaction.atomic():
            reminder = RouteReminder.objects.create(
                route=route, round=route.round, office=office, kind=kind
            )
    except IntegrityError:
        return False  # sent (or tried) before
    approving = route.status == Route.Status.AWAITING_APPROVAL
    role = roles.APPROVAL_AUTHORITY if approving else roles.COORDINATOR
    addresses = sorted(p.email for p in people_of(office, role))
    failure = ""
    if not addresses:
        failure = f"Nobody in {office} can act on it: no active {role.lower()} with an e-mail."
    else:
        try:
            _email(route, office, kind, addresses)
        except Exception as error:
            failure = f"Sending failed: {error}"
    if failure:
        logger.error("Route %s (%s, %s): %s", route.pk, office, kind, failure)
        RouteReminder.objects.filter(pk=reminder.pk).update(failure=failure[:2000])
        return False
    return True


WHAT = {
    Kind.REACHED: "awaits your office's coordination",
    Kind.DUE_SOON: "is due from your office in two working days",
    Kind.OVERDUE: "is overdue from your office",
}


def _email(route: Route, office: Organization, kind: str, to: list[str]) -> None:
    initiative = route.initiative
    approving = route.status == Route.Status.AWAITING_APPROVAL
    what = "awaits your approval" if approving else WHAT[Kind(kind)]
    subject = " ".join(f"{initiative.title}: {what} ({office})".split())
    body = render_to_string(
        "idd/review/email/route.txt",
        {
            "initiative": initiative,
            "route": route,
            "office": office,
            "what": what,
            "site": settings.SITE_NAME,
            # The worker has no request to read the site's address from: SITE_URL's.
            "link": settings.SITE_URL + reverse("initiative_review", args=[initiative.pk]),
        },
    )
    EmailMessage(subject, body, to=to).send()
