"""Fail closed (docs/adr/0017): an action whose audit record could not be written is
refused. The view raised `audit.AuditUnavailable` (its transaction is rolled back); the
answer is a 503 page in the site's frame saying so. A sign-in so refused leaves nobody
signed in."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from idd.services import audit


class AuditUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, audit.AuditUnavailable):
            return None
        if exception.event == audit.Event.SIGN_IN:
            request.session.flush()  # the sign-in it would have recorded does not stand
            request.user = AnonymousUser()
        context = {"message": audit.REFUSED}
        return render(request, "audit_unavailable.html", context, status=503)
