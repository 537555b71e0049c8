"""Signing in and staying signed in: the consent banner, the sign-in page (password or
certificate), the pages refusing a certificate, the lock-out page, the session warning's
endpoint, the page shown when a form's security token has gone stale, and your profile."""

from __future__ import annotations

import math
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from idd.forms.login import SignInForm
from idd.forms.password import ChangePasswordForm
from idd.forms.profile import ProfileForm
from idd.guided_form.steps import STEP_BY_SLUG
from idd.models import Initiative
from idd.reference.times import full_timestamp
from idd.services import (
    certificate_sign_in,
    consent,
    inactive_accounts,
    lockout,
    parking,
    password_rules,
    session_clock,
    session_limit,
    throttling,
)
from idd.sign_in.backends import password_allowed
from idd.views.shared import editing_refusal

SIGNED_OUT = "You have signed out."
CERTIFICATE_ONLY = (
    "This account signs in with its certificate (CAC), not a password: insert your card "
    "and use Sign in with your certificate."
)
PROFILE_SAVED = "Your profile is saved. IDDs you prepare or review name you this way from now on."


def locked_message(lock) -> str:
    until = lockout.unlocks_at(lock)
    when = (
        f"until {full_timestamp(until)}"
        if until
        else "until an administrator unlocks it: ask yours"
    )
    return (
        f"This account is locked after {settings.LOCKOUT_FAILURES} failed sign-ins in a row, "
        f"{when}. Until then even the right password is refused."
    )


class SignInView(auth_views.LoginView):
    form_class = SignInForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signed_out_because"] = session_clock.why_signed_out(self.request)
        context["session_max_hours"] = settings.SESSION_MAX_HOURS
        context["ended_by_limit"] = session_limit.ended_message(self.request)
        context["typed_kept"] = parking.has_parked(self.request)
        found = certificate_sign_in.from_proxy(self.request)
        context["certificates"] = settings.CERT_SIGN_IN
        context["certificate_found"] = found is not None and found.verify == "SUCCESS"
        context["password_form"] = settings.PASSWORD_SIGN_IN or bool(settings.BREAK_GLASS_ACCOUNTS)
        context["break_glass_only"] = not settings.PASSWORD_SIGN_IN
        username = self.request.POST.get("username")
        if isinstance(username, str) and username and not lockout.is_locked(username):
            left = lockout.attempts_left(username)
            context["attempts_left"] = left if 0 < left <= 2 else None
            context["lockout_minutes"] = settings.LOCKOUT_MINUTES
        return context

    def form_invalid(self, form):
        data = form.data
        if "\x00" in (data.get("username") or ""):
            return super().form_invalid(form)  # no account's name holds NUL: nothing to add
        if certificate_sign_in.password_refused(
            self.request, data.get("username"), data.get("password")
        ):
            form.errors[NON_FIELD_ERRORS] = form.error_class([CERTIFICATE_ONLY])
        elif disabled := inactive_accounts.refusal(data.get("username"), data.get("password")):
            form.errors[NON_FIELD_ERRORS] = form.error_class([disabled])
        elif lock := lockout.current_lock(data.get("username") or ""):
            form.errors[NON_FIELD_ERRORS] = form.error_class([locked_message(lock)])
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        parking.signed_in(self.request, form.get_user())
        return response


class SignOutView(auth_views.LogoutView):
    """Signing out, then the sign-in page saying so (a message in this browser only)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, SIGNED_OUT)
        return response


class ChangePasswordView(auth_views.PasswordChangeView):
    """Django's password change, for those who still sign in with a password; also where a
    session with a temporary or expired password is held until it is changed."""

    form_class = ChangePasswordForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not password_allowed(cast(User, request.user)):
            messages.info(request, "You sign in with your certificate: there is no password here.")
            return redirect("profile")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["must_change"] = password_rules.why(self.request)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        password_rules.changed(self.request)
        return response


@login_not_required
@require_http_methods(["GET", "POST"])
def notice(request: HttpRequest) -> HttpResponse:
    """The DoD Notice and Consent Banner. "I agree" records the acceptance, then signs in
    with the certificate presented, if any; otherwise on to the page asked for."""
    next_url = _next_url(request)
    if request.method == "POST":
        consent.accept(request)
        if certificate_sign_in.presented(request):
            return _signed_in_or_refused(request, next_url)
        return redirect(next_url or "login")
    paragraphs = [p.strip() for p in settings.CONSENT_BANNER_TEXT.split("\n\n") if p.strip()]
    return render(request, "registration/notice.html", {"paragraphs": paragraphs, "next": next_url})


@login_not_required
@require_POST
def certificate(request: HttpRequest) -> HttpResponse:
    """Sign in with the certificate presented (the button on the sign-in page)."""
    return _signed_in_or_refused(request, _next_url(request))


@login_not_required
@require_http_methods(["GET", "HEAD"])
def certificate_refused(request: HttpRequest) -> HttpResponse:
    """The proxy's answer to a certificate it could not verify (revoked, expired, unknown
    issuer): the reason, in the site's frame."""
    refusal = certificate_sign_in.refused_by_proxy(request)
    if refusal is None:
        return redirect("login")
    return render(
        request, "registration/certificate_refused.html", {"refusal": refusal}, status=403
    )


def _signed_in_or_refused(request: HttpRequest, next_url: str) -> HttpResponse:
    refusal = certificate_sign_in.sign_in(request)
    if refusal is not None:
        return render(
            request, "registration/certificate_refused.html", {"refusal": refusal}, status=403
        )
    if not next_url or next_url.startswith(reverse("login")):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    return redirect(next_url)


def _next_url(request: HttpRequest) -> str:
    """The page asked for before the banner or sign-in, when it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe and wanted.startswith("/") else ""


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer while a username is cooling off at this address (status 429)."""
    until = throttling.locked_until(request) or timezone.now() + throttling.cool_off(request)
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return render(
        request, "registration/locked_out.html", {"until": until, "minutes": minutes}, status=429
    )


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Your own profile: there is no one else's to reach, the page edits whoever is signed
    in (administrators edit others' in the admin)."""
    user = cast(User, request.user)  # signed in: the middleware sees to it
    form = ProfileForm(user, data=request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, PROFILE_SAVED)
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


@session_clock.background
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest) -> JsonResponse:
    """GET: seconds until the session ends, and whether by the idle limit or its lifetime
    (asking is not activity). POST: stay signed in (the one background request that is)."""
    if request.method == "POST":
        session_clock.stay(request)
    left, why = session_clock.seconds_left(request)
    return JsonResponse({"seconds_left": left, "ends": why})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent with a stale security token, typically because the user signed out and
    in again in another tab. Nothing was saved; what they typed is shown to copy."""
    context = {"typed": typed_text(request), "back": back_url(request)}
    return render(request, "registration/csrf_failure.html", context, status=403)


def back_url(request: HttpRequest) -> str:
    """The page the form was on, when it is a guided-form step; else the dashboard."""
    if parking.is_parkable(request.path_info):
        return request.path
    return reverse("dashboard")


def typed_text(request: HttpRequest) -> list[tuple[str, str]]:
    """The text in the refused form, named as the form names it, when it is a guided-form
    step the user may edit. Nothing from any other form: a post from another site lands
    here too, and its field names and values have no place on our pages."""
    if request.method != "POST":
        return []
    step_forms = _step_forms(request)
    if step_forms is None:
        return []
    step_forms.is_valid()
    return step_forms.typed_text()


def _step_forms(request: HttpRequest):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    step = STEP_BY_SLUG.get(match.kwargs.get("step", ""))
    if match.url_name != "wizard_step" or step is None or step.forms is None:
        return None
    try:
        initiative = Initiative.objects.get(pk=match.kwargs["pk"])
    except Initiative.DoesNotExist:
        return None
    if not request.user.is_authenticated or editing_refusal(request, initiative):
        return None
    return step.forms(initiative, request.user, data=request.POST)
