"""The idle sign-out warning on every signed-in page (registration/session_warning.html)."""

from django import template
from django.conf import settings

from idd.middleware import seconds_left

register = template.Library()


@register.inclusion_tag("registration/session_warning.html", takes_context=True)
def session_warning(context) -> dict:
    request = context["request"]
    return {
        "session_seconds_left": seconds_left(request),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "csrf_token": context.get("csrf_token"),
    }
