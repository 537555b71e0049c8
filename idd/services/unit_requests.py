"""Partner units asked for in the product: a planner requests a unit that is not listed,
an administrator accepts it (the unit is added, under the name as the administrator
corrected it) or declines it with a reason, and the planner is told by e-mail and on
their dashboard.

A request for a unit that exists, or that is already asked for and open, is refused with
the name it clashes with (case does not count). Deciding locks the request: a second
decision (two tabs, two administrators) is refused with who decided first. Each decision
is an administrator action in the security audit log (docs/adr/0017).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from idd.guided_form.steps import FIRST_STEP
from idd.models import Initiative, Partner, PartnerUnit, PartnerUnitRequest
from idd.models.access import kept_partners
from idd.models.unit_request import PartnerUnitRequestQuerySet, clash
from idd.reference import roles
from idd.services import audit

Status = PartnerUnitRequest.Status
ONLY_ADMINISTRATORS = "Only administrators accept or decline partner unit requests."
ONLY_PLANNERS = "Only planners request partner units."
NOT_YOURS = "There is no such request among those for the partner nations you keep."
REQUESTS_SHOWN = 10  # the requester's latest requests on their dashboard

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The request or decision was refused; nothing was changed."""

    @property
    def message(self) -> str:
        return str(self.args[0])


@transaction.atomic
def request_unit(
    user, partner: Partner, *, name: str, service: str, reason: str, initiative: Initiative | None
) -> PartnerUnitRequest:
    if not roles.is_planner(user):
        raise Refused(ONLY_PLANNERS)
    if problem := clash(partner, name):
        raise Refused(problem)
    try:
        with transaction.atomic():  # the same request sent at the same moment by another
            return PartnerUnitRequest.objects.create(
                partner=partner,
                name=name.strip(),
                service=service.strip(),
                reason=reason.strip(),
                requested_by=user,
                initiative=initiative,
            )
    except IntegrityError as error:
        raise Refused(clash(partner, name) or "This unit was just requested.") from error


def decided_by(admin) -> PartnerUnitRequestQuerySet:
    """The requests this administrator decides: those for the partner nations they keep
    (`access.kept_partners`: its units are theirs to add). Any other is not found."""
    return PartnerUnitRequest.objects.filter(partner__in=kept_partners(admin))


def open_requests(admin) -> QuerySet[PartnerUnitRequest]:
    """The open ones this administrator decides, oldest first."""
    return decided_by(admin).open().select_related("partner", "initiative", "requested_by__profile")


def requests_of(user) -> list[PartnerUnitRequest]:
    """The user's latest requests, newest first, for their dashboard."""
    mine = PartnerUnitRequest.objects.filter(requested_by=user)
    return list(mine.select_related("partner", "initiative", "unit")[:REQUESTS_SHOWN])


def _open_for_decision(pk: int, admin) -> PartnerUnitRequest:
    """The request, locked, if this administrator may still decide it."""
    if not roles.is_administrator(admin):
        raise Refused(ONLY_ADMINISTRATORS)
    request = (
        decided_by(admin)
        .select_for_update(of=("self",))
        .select_related("partner", "requested_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404(NOT_YOURS)
    if not request.is_open:
        raise Refused(
            f"The request for “{request.name}” ({request.partner}) was already "
            f"{request.get_status_display().lower()} by {roles.display_name(request.decided_by)} "
            f"on {timezone.localtime(request.decided_at):%-d %b %Y, %H:%M}. Nothing was changed."
        )
    return request


@transaction.atomic
def accept(
    pk: int, admin, *, name: str, http: HttpRequest | None = None, base_url: str = ""
) -> PartnerUnitRequest:
    """Add the unit under `name` (the requested one, or the administrator's correction)."""
    request = _open_for_decision(pk, admin)
    name = name.strip()
    if found := PartnerUnit.objects.filter(partner=request.partner, name__iexact=name).first():
        name = found.name  # as listed, whatever the case typed
    listed = (
        f"{request.partner} already has the unit “{name}”. Decline the request, saying "
        "so, or accept it under another name."
    )
    if found is not None:
        raise Refused(listed)
    try:
        with transaction.atomic():  # added in the Django admin at this very moment
            request.unit = PartnerUnit.objects.create(
                partner=request.partner, name=name, service=request.service
            )
    except IntegrityError as error:
        raise Refused(listed) from error
    _decide(request, admin, Status.ACCEPTED, http, base_url, unit=request.unit.pk, name=name)
    return request


@transaction.atomic
def decline(
    pk: int, admin, *, reason: str, http: HttpRequest | None = None, base_url: str = ""
) -> PartnerUnitRequest:
    request = _open_for_decision(pk, admin)
    request.decline_reason = reason.strip()
    if not request.decline_reason:
        raise Refused("Say why the request is declined: the planner reads it.")
    _decide(request, admin, Status.DECLINED, http, base_url, reason=request.decline_reason)
    return request


def _decide(request: PartnerUnitRequest, admin, status: str, http, base_url: str, **details):
    request.status = status
    request.decided_by = admin
    request.decided_at = timezone.now()
    request.save()
    audit.record(
        http,
        audit.Event.ADMIN_ACTION,
        user=admin,
        obj=request,
        action=f"partner unit request {status}",
        partner=request.partner.country,
        **details,
    )
    _tell_requester(request, base_url)


def _tell_requester(request: PartnerUnitRequest, base_url: str) -> None:
    """E-mail the planner once the decision commits; a failure never undoes it (it is
    logged, and the dashboard tells the planner anyway)."""
    planner = request.requested_by
    if not planner.email:
        return
    link = reverse("dashboard")
    if request.status == Status.ACCEPTED and request.initiative_id:
        link = reverse("wizard_step", args=[request.initiative_id, FIRST_STEP.slug])
    body = render_to_string(
        "idd/units/email/decided.txt",
        {
            "request": request,
            "admin": roles.display_name(request.decided_by),
            "site": settings.SITE_NAME,
            "link": base_url.rstrip("/") + link,
        },
    )
    subject = " ".join(
        f"Partner unit {request.get_status_display().lower()}: {request.name}".split()
    )
    message = EmailMessage(subject, body, to=[planner.email])

    def send() -> None:
        try:
            message.send()
        except Exception:
            logger.exception("Unit request %s: the e-mail could not be sent", request.pk)

    transaction.on_commit(send, robust=True)
