"""A session signed in with a temporary or expired password reaches nothing but the
change-password page until the password is changed (STIG V-222545, V-222547); signing
out, the consent banner, the session's keep-alive and the health check stay open. Which
sessions are held, and why: idd/services/password_rules.py."""

from __future__ import annotations

from django.shortcuts import redirect

from idd.services import password_rules

OPEN = frozenset(
    {
        "password_change",
        "password_change_done",
        "logout",
        "notice",
        "session",
        "health",
        "admin:logout",
    }
)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or not password_rules.held(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN:
            return None
        return redirect("password_change")
