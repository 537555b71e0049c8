"""Telling the person whose session the limit on sessions ended (idd/services/session_limit)."""

from __future__ import annotations

from django.conf import settings

from idd.services import session_limit


class EndedSessionMiddleware:
    """A request still carrying the cookie of a session the limit ended: its new session
    remembers why, for the sign-in page (before the consent banner, which keeps it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if key and not request.user.is_authenticated and session_limit.ended_by_the_limit(key):
            request.session[session_limit.ENDED_BY_LIMIT] = True
        return self.get_response(request)
