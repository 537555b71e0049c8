"""The idle sign-out warning on every signed-in page (registration/session_warning.html)."""

from django import template
from django.conf import settings

from idd.middleware import seconds_left

register = template.Library()


@register.inclusion_tag("registration/session_warning.html", takes_context=True)
def session_warning(context) -> dict:
    request = context["request"]
    idle_seconds = settings.SESSION_IDLE_MINUTES * 60
    # Typing sends a keep-alive at most this often: once a minute, and twice before the
    # warning would come, so a planner typing never sees it.
    keep_alive = min(60, max(1, (idle_seconds - settings.SESSION_WARNING_SECONDS) // 2))
    return {
        "session_seconds_left": seconds_left(request),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "session_keep_alive_seconds": keep_alive,
        "csrf_token": context.get("csrf_token"),
    }
