"""Session integrity: the idle sign-out, and no copies of signed-in pages in caches."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from idd.services import parking

LAST_SEEN = "last_seen"
# The stamp is written at most once a minute, so a burst of requests costs one session save.
STAMP_EVERY = 60


def seconds_left(request: HttpRequest) -> int:
    """Seconds until the idle sign-out, as the server counts them."""
    last = request.session.get(LAST_SEEN, int(time.time()))
    return max(0, last + settings.SESSION_IDLE_MINUTES * 60 - int(time.time()))


def stay_signed_in(request: HttpRequest) -> None:
    request.session[LAST_SEEN] = int(time.time())


def start_idle_clock(sender, request: HttpRequest | None, **kwargs) -> None:
    """On sign-in (the user_logged_in signal, idd/apps.py): saved with the sign-in itself."""
    if request is not None and hasattr(request, "session"):
        stay_signed_in(request)


class IdleSignOutMiddleware:
    """Signs out a user whose last request is older than SESSION_IDLE_MINUTES.

    The sign-out remembers who it was, so a guided-form save that arrives afterwards is
    parked for that user (process_view runs after the CSRF check) and given back when they
    sign in again (idd/services/parking.py). Asking how long is left (the page's warning
    does, GET on the session URL) is not activity.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                user_id = request.user.pk
                logout(request)
                parking.remember_idle_sign_out(request, user_id)
            elif not self.is_status_check(request) and (last is None or now - last >= STAMP_EVERY):
                request.session[LAST_SEEN] = now
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if not request.user.is_authenticated:
            parking.park(request)

    @staticmethod
    def is_status_check(request: HttpRequest) -> bool:
        return request.method == "GET" and request.path_info == reverse("session")


class NoStoreMiddleware:
    """Pages for a signed-in user are never kept by the browser or a proxy: after sign-out,
    Back or a shared machine's cache shows nothing. Static files never reach here
    (whitenoise answers first) and the sign-in page is for nobody in particular."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
