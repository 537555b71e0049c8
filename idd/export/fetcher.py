"""The only way WeasyPrint may load a resource: the project's own static files.

The document is rendered with a fake origin as its base URL, so `{% static %}` paths
resolve to `https://idd-document.invalid/static/...`. This fetcher answers those
URLs from the static files (finders in development, the collected files in
production) and refuses everything else: `file://` paths, `data:` URLs, the network,
path traversal, whatever a user may have typed. Refused URLs are kept on the
fetcher so a caller (or a test) can see what was asked for.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# A reserved top-level domain (RFC 2606): never resolvable, never fetched.
DOCUMENT_ORIGIN = "https://idd-document.invalid"
BASE_URL = f"{DOCUMENT_ORIGIN}/"


class RefusedURL(ValueError):
    """The document asked for something that is not one of our static files."""


def static_prefix() -> str:
    """Absolute URL under which the document's static files appear. (Not `static("")`:
    the deployed manifest storage has no entry for an empty name.)"""
    return urljoin(BASE_URL, staticfiles_storage.base_url)  # type: ignore[attr-defined]


def _static_path(name: str) -> Path | None:
    """The file of a static name, or None. Refuses absolute and parent-relative names."""
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or ".." in parts or "\\" in name:
        return None
    try:
        found = finders.find(name)
        if found:
            return Path(found)
        # Production serves collected, hashed names ({% static %} gives those).
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return None


class StaticFilesOnly(URLFetcher):
    """Serve `{% static %}` URLs from disk; refuse and record every other URL."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("https",))
        self.prefix = static_prefix()
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self._resolve(url)
        if path is None:
            self.refused.append(url)
            logger.warning("PDF export refused to fetch %.200s", url)
            raise RefusedURL(f"Only the project's own static files are loaded, not {url[:200]}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def serves(self, url: str) -> bool:
        """Whether `fetch` would serve `url` (asking records nothing)."""
        return self._resolve(url) is not None

    def _resolve(self, url: str) -> Path | None:
        if not url.startswith(self.prefix):
            return None
        # Fonts may carry ?#iefix-style suffixes; the file name is the path alone.
        name = unquote(urlsplit(url[len(self.prefix) :]).path)
        return _static_path(name)
