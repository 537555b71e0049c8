"""Where a form's `next` field may send the user: a page of this site, never another."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request: HttpRequest, default: str) -> str:
    """The posted `next` if it is a path on this site, else `default`.

    Django's check refuses what browsers read as another host (`//evil`, `/\\evil`,
    control characters, other schemes); the leading slash keeps it a path of ours.
    """
    url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe and url.startswith("/") else default
