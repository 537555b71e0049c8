from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """The marking banner and site name, on every page."""
    return {"MARKING": settings.MARKING, "SITE_NAME": settings.SITE_NAME}
