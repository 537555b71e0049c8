"""The session time-out warning on every signed-in page (registration/session_warning.html)."""

from django import template
from django.conf import settings

from idd.services import session_clock

register = template.Library()


@register.inclusion_tag("registration/session_warning.html", takes_context=True)
def session_warning(context) -> dict:
    request = context["request"]
    idle_seconds = int(session_clock.idle_minutes(request.user) * 60)
    # Typing sends a keep-alive at most this often: once a minute, and twice before the
    # warning would come, so a planner typing never sees it.
    keep_alive = min(60, max(1, (idle_seconds - settings.SESSION_WARNING_SECONDS) // 2))
    left, why = session_clock.seconds_left(request)
    return {
        "session_seconds_left": left,
        "session_ends": why,
        "session_max_hours": settings.SESSION_MAX_HOURS,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "session_keep_alive_seconds": keep_alive,
        "csrf_token": context.get("csrf_token"),
    }
