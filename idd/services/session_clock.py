"""How long a signed-in session lasts (STIG V-222389, V-222390). The server's clock, kept
in the (database-backed) session, is the only truth: no cookie or header the browser
sends can move it.

- Idle: signed out after SESSION_IDLE_MINUTES without activity, SESSION_ADMIN_IDLE_MINUTES
  for administrators. Activity is what a person does: open a page or send a form (a
  navigation), press "Stay signed in" or type in a form (session.js sends the same
  keep-alive). A script's request in the background never is: the warning asking how long
  is left, the PDF status poll, the partner suggestions (views marked `background`, and
  any request the browser says a script sent, Sec-Fetch-Mode other than "navigate"). A
  tab left polling still times out.
- Absolute: signed out SESSION_MAX_HOURS after signing in, however active.
- Closing the browser ends it: the session cookie has no expiry
  (SESSION_EXPIRE_AT_BROWSER_CLOSE).

A time-out is one SignInRecord (not a "signed out"); the sign-in page says why, and a
guided-form save that arrives afterwards is kept for the same person (services.parking).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest

from idd.models import SignInRecord
from idd.reference import roles
from idd.reference.times import full_timestamp
from idd.services import parking, sign_in_records

LAST_ACTIVITY = "idd_last_activity"  # epoch seconds, in the session
SIGNED_IN_AT = "idd_signed_in_at"  # epoch seconds, in the session
SIGNED_OUT_BECAUSE = "idd_signed_out_because"  # in the browser's next session: IDLE or ABSOLUTE
IDLE = "idle"
ABSOLUTE = "absolute"
ACTIVITY_STEP_SECONDS = 15
BACKGROUND = "idd_background_request"  # the attribute `background` puts on a view
V = TypeVar("V", bound=Callable[..., Any])
KINDS = {IDLE: SignInRecord.Kind.IDLE_TIMEOUT, ABSOLUTE: SignInRecord.Kind.ABSOLUTE_TIMEOUT}


def background(view: V) -> V:
    """Marks a view a script polls: its requests never count as activity."""
    setattr(view, BACKGROUND, True)
    return view


def idle_minutes(user: roles.User) -> float:
    if is_administrator(user):
        return settings.SESSION_ADMIN_IDLE_MINUTES
    return settings.SESSION_IDLE_MINUTES


def is_administrator(user: roles.User) -> bool:
    """Administrators of the product or of the Django admin: the shorter idle limit."""
    return roles.has_role(user, roles.ADMINISTRATOR) or bool(getattr(user, "is_staff", False))


def started(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """On every sign-in: both clocks start now, and the last time-out's reason is spent."""
    if request is None:
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY] = now
    request.session.pop(SIGNED_OUT_BECAUSE, None)


def is_activity(request: HttpRequest, view: Callable[..., Any]) -> bool:
    """Whether this request is the person's doing (see the module's docstring)."""
    if getattr(view, BACKGROUND, False):
        return False
    if "prefetch" in request.headers.get("Sec-Purpose", ""):
        return False
    return request.headers.get("Sec-Fetch-Mode", "navigate") == "navigate"


def touch(request: HttpRequest) -> None:
    """The person opened a page or sent a form: the idle clock starts again. Within
    ACTIVITY_STEP_SECONDS of the last activity kept, nothing is written (a form sent and
    the page it leads to cost one write of the session, not two); so the server may count
    an idle time up to that much longer than it was, never shorter."""
    last = request.session.get(LAST_ACTIVITY)
    now = int(time.time())
    if not isinstance(last, int) or now - last >= ACTIVITY_STEP_SECONDS:
        request.session[LAST_ACTIVITY] = now


def stay(request: HttpRequest) -> None:
    """The keep-alive ("Stay signed in", typing in a form): the idle clock starts again now."""
    request.session[LAST_ACTIVITY] = int(time.time())


def ends(request: HttpRequest) -> tuple[int, str]:
    """When this signed-in session ends if nothing more happens (epoch seconds), and why.
    A session without the clock (signed in before the server kept it) has ended."""
    last = request.session.get(LAST_ACTIVITY)
    signed_in = request.session.get(SIGNED_IN_AT)
    if not isinstance(last, int) or not isinstance(signed_in, int):
        return 0, IDLE
    idle_end = last + int(idle_minutes(request.user) * 60)
    absolute_end = signed_in + settings.SESSION_MAX_HOURS * 3600
    return (idle_end, IDLE) if idle_end <= absolute_end else (absolute_end, ABSOLUTE)


def seconds_left(request: HttpRequest) -> tuple[int, str]:
    """Seconds until this session ends, and why it will (IDLE or ABSOLUTE)."""
    end, why = ends(request)
    return max(0, end - int(time.time())), why


def time_out_if_over(request: HttpRequest) -> str | None:
    """Signs out a session past either limit, recorded; IDLE, ABSOLUTE or None."""
    end, why = ends(request)
    now = int(time.time())
    if now < end:
        return None
    user = request.user
    user_id = cast(int, user.pk)  # signed in: the middleware asks only then
    ended = end or now
    setattr(request, sign_in_records.SIGN_OUT_REASON, (KINDS[why], _detail(user, why, ended)))
    logout(request)
    parking.remember_idle_sign_out(request, user_id, ended)
    request.session[SIGNED_OUT_BECAUSE] = why
    return why


def _detail(user: roles.User, why: str, ended: int) -> str:
    at = full_timestamp(datetime.fromtimestamp(ended, tz=UTC))
    if why == ABSOLUTE:
        return f"ended {at}, {settings.SESSION_MAX_HOURS} hours after signing in"
    return f"ended {at}, after {idle_minutes(user):g} minutes without activity"


def why_signed_out(request: HttpRequest) -> str | None:
    """For the sign-in page: IDLE or ABSOLUTE when the server ended this browser's last
    session, until someone signs in."""
    return request.session.get(SIGNED_OUT_BECAUSE)
