"""What a planner typed when their session ended: kept, and given back after sign-in.

A guided-form save that arrives after the idle sign-out is parked in the (database-backed)
session under the path it was sent to and the id of the user who was signed in. When that
same user signs in again and the login page sends them back to the step, the step shows
the parked input bound to its forms, not saved: they check it and press save, and the
optimistic lock in it still refuses a save over someone else's newer one. Anyone else who
signs in on that browser gets nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve

PARKED = "parked_posts"
IDLE_USER = "signed_out_idle_user"
# Only the guided form's pages show parked input (idd/views/guided_form.py calls take()).
PARKABLE_VIEWS = {"wizard_step", "initiative_create"}
NEVER_KEPT = {"csrfmiddlewaretoken"}
RESTORED = (
    "Your session ended before this was saved; what you typed is back on the form. "
    "Check it and save."
)


def remember_idle_sign_out(request: HttpRequest, user_id: int) -> None:
    """Called right after the idle sign-out: whose input a late save belongs to."""
    request.session[IDLE_USER] = user_id


def signed_out_for_idleness(request: HttpRequest) -> bool:
    return request.session.get(IDLE_USER) is not None


def is_parkable(path: str) -> bool:
    try:
        return resolve(path).url_name in PARKABLE_VIEWS
    except Resolver404:
        return False


def park(request: HttpRequest) -> bool:
    """Keep a save that arrived after the idle sign-out; True if it was kept."""
    if request.method != "POST":
        return False
    user_id = request.session.get(IDLE_USER)
    if user_id is None or not is_parkable(request.path_info):
        return False
    data = [(key, values) for key, values in request.POST.lists() if key not in NEVER_KEPT]
    parked = request.session.get(PARKED, {})
    parked[request.path_info] = {"user": user_id, "data": data}
    request.session[PARKED] = parked
    return True


def has_parked(request: HttpRequest) -> bool:
    return bool(request.session.get(PARKED))


def signed_in(request: HttpRequest, user: AbstractBaseUser) -> None:
    """After a sign-in: drop input parked for anyone else, and the idle sign-out mark."""
    parked = request.session.get(PARKED, {})
    kept = {path: entry for path, entry in parked.items() if entry["user"] == user.pk}
    if kept:
        request.session[PARKED] = kept
    else:
        request.session.pop(PARKED, None)
    request.session.pop(IDLE_USER, None)


def take(request: HttpRequest) -> QueryDict | None:
    """The input parked for this page and this user, once, with a message saying so."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    parked = request.session.get(PARKED, {})
    entry = parked.pop(request.path_info, None)
    if entry is None:
        return None
    request.session[PARKED] = parked
    if entry["user"] != request.user.pk:
        return None
    data = QueryDict(mutable=True)
    for key, values in entry["data"]:
        data.setlist(key, values)
    messages.warning(request, RESTORED)
    return data
