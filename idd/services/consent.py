"""The DoD Notice and Consent Banner: accepted once per session, before any sign-in.

The acceptance lives in the session (signing out ends it, so the banner comes again
before the next sign-in) and is recorded with its time and address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from idd.models import SignInRecord
from idd.services.sign_in_records import record

ACCEPTED_AT = "consent_accepted_at"


def required(request: HttpRequest) -> bool:
    """Whether this request must wait for "I agree". Signing in is only reachable after
    it, so a signed-in session has accepted (and tests that sign in directly need not)."""
    return (
        settings.CONSENT_BANNER
        and ACCEPTED_AT not in request.session
        and not request.user.is_authenticated
    )


def accept(request: HttpRequest) -> None:
    if request.session.session_key is None:
        request.session.save()  # the session begins here: its audit record names it
    record(request, SignInRecord.Kind.CONSENTED)  # first: no acceptance without its record
    request.session[ACCEPTED_AT] = timezone.now().isoformat()
