from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest

from idd.sign_in.backends import password_allowed


def site(request: HttpRequest) -> dict[str, Any]:
    """The marking banner and site name, on every page; whether the person signed in may
    change a password (not once they sign in with their certificate)."""
    user = getattr(request, "user", None)
    return {
        "MARKING": settings.MARKING,
        "SITE_NAME": settings.SITE_NAME,
        "password_in_use": bool(
            user and user.is_authenticated and password_allowed(cast(User, user))
        ),
    }
