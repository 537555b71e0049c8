"""`manage.py check --deploy` warns when plain HTTP was allowed deliberately, and when
the worker's e-mails cannot carry full links (no SITE_URL)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def insecure_http_allowed(app_configs, **kwargs) -> list[CheckMessage]:
    if not settings.ALLOW_INSECURE_HTTP:
        return []
    return [
        Warning(
            "ALLOW_INSECURE_HTTP is on: session cookies or pages may travel over plain HTTP.",
            hint="Serve over TLS with SECURE_COOKIES and SECURE_SSL_REDIRECT on, and unset it.",
            id="idd.W002",
        )
    ]


@register(Tags.security, deploy=True)
def site_address_unset(app_configs, **kwargs) -> list[CheckMessage]:
    if settings.SITE_URL:
        return []
    return [
        Warning(
            "SITE_URL is unset: the staffing route reminders link to a page by its path only.",
            hint="Set SITE_URL to the site's public address, e.g. https://idd.example.mil.",
            id="idd.W003",
        )
    ]
