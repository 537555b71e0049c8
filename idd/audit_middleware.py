"""Fail closed (docs/adr/0017): an action whose audit record could not be written is
refused. The view raised `audit.AuditUnavailable` (its transaction is rolled back); the
answer is a 503 page in the site's frame saying so. A sign-in (or an acceptance of the
consent banner) so refused leaves the browser with a fresh, empty session: nobody signed
in, nothing accepted."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from idd.services import audit

# Events whose session was begun (or its key changed) in the refused request's transaction.
STARTS_A_SESSION = (audit.Event.SIGN_IN, audit.Event.CONSENT_ACCEPTED)


class AuditUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, audit.AuditUnavailable):
            return None
        if exception.event in STARTS_A_SESSION:
            request.session.flush()  # what it would have recorded does not stand
            request.user = AnonymousUser()
        context = {"message": audit.REFUSED}
        return render(request, "audit_unavailable.html", context, status=503)
