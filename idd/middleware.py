"""Session integrity: the consent banner first, the session's time limits, and no copies
of signed-in pages in caches."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from idd.services import consent, parking, session_clock


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


class SessionTimeOutMiddleware:
    """Signs out a session idle longer than its limit or older than its lifetime, on the
    server's clock (idd/services/session_clock.py), and counts what the person does as
    activity: a request to a view a script polls never counts.

    The sign-out remembers who it was, so a guided-form save that arrives afterwards is
    parked for that user (process_view runs after the CSRF check) and given back when they
    sign in again (idd/services/parking.py).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session_clock.time_out_if_over(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if not request.user.is_authenticated:
            parking.park(request)
        elif session_clock.is_activity(request, view_func):
            session_clock.touch(request)  # before the view: its page counts from now


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
