"""Session integrity: the consent banner first, the idle sign-out, and no copies of
signed-in pages in caches."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from idd.services import consent, parking

# When the user's last request was: a signed cookie, so activity costs no database write.
# A browser that drops it is treated as active, which is all a browser that keeps sending
# requests could claim anyway; the sign-out guards an unattended screen. The value names
# its session (a digest of the session key): an old value replayed into another session,
# or into a new one after signing in again, counts for nothing (issue 23).
LAST_SEEN_COOKIE = "idd_last_seen"
SALT = "idd.idle-sign-out"


def _session_digest(session_key: str | None) -> str:
    return hashlib.sha256(f"{SALT}:{session_key}".encode()).hexdigest()[:16]


def _stamp(seconds: int, session_key: str | None) -> str:
    return f"{seconds}:{_session_digest(session_key)}"


def signed_stamp(seconds: int, session_key: str | None) -> str:
    """The cookie's value for a last request at `seconds` (epoch) in the session with this
    key, as set_signed_cookie signs it."""
    signer = signing.get_cookie_signer(salt=LAST_SEEN_COOKIE + SALT)
    return signer.sign(_stamp(seconds, session_key))


def _last_seen(request: HttpRequest) -> int | None:
    value = request.get_signed_cookie(LAST_SEEN_COOKIE, default=None, salt=SALT) or ""
    seconds, _, session = value.partition(":")
    if session != _session_digest(request.session.session_key) or not seconds.isdigit():
        return None
    return int(seconds)


def seconds_left(request: HttpRequest) -> int:
    """Seconds until the idle sign-out, as the server counts them."""
    last = getattr(request, "idle_last_seen", None) or int(time.time())
    return max(0, last + settings.SESSION_IDLE_MINUTES * 60 - int(time.time()))


def stay_signed_in(request: HttpRequest) -> None:
    request.idle_last_seen = int(time.time())  # type: ignore[attr-defined]


class ConsentBannerMiddleware:
    """Until "I agree" on the DoD Notice and Consent Banner, every page leads to it (the
    page asked for comes after). Static files never reach here (whitenoise answers first);
    the health check and the page explaining a refused certificate are open."""

    OPEN = ("notice", "health", "certificate_refused")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if consent.required(request) and request.path_info not in self.open_paths():
            notice = reverse("notice")
            if request.method == "GET":
                notice += "?" + urlencode({"next": request.get_full_path()})
            return redirect(notice)
        return self.get_response(request)

    def open_paths(self) -> set[str]:
        return {reverse(name) for name in self.OPEN}


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
        now = int(time.time())
        if request.user.is_authenticated:
            last = _last_seen(request)
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                user_id = request.user.pk
                logout(request)
                ended = last + settings.SESSION_IDLE_MINUTES * 60
                parking.remember_idle_sign_out(request, user_id, ended)
            elif last is not None and self.is_status_check(request):
                request.idle_last_seen = last  # type: ignore[attr-defined]
            else:
                request.idle_last_seen = now  # type: ignore[attr-defined]
        response = self.get_response(request)
        if request.user.is_authenticated:  # also right after signing in
            response.set_signed_cookie(
                LAST_SEEN_COOKIE,
                _stamp(getattr(request, "idle_last_seen", now), request.session.session_key),
                salt=SALT,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

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
