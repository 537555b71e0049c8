"""The PDF as deployed: DEBUG off, static files collected under hashed names."""

import pytest
from django.core.management import call_command

from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.export.fetcher import StaticFilesOnly
from tests.export.pdftools import pdf_text

MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic into a folder of the test's own, served as production serves it."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    call_command("collectstatic", "--noinput", verbosity=0)


def test_a_pdf_renders_from_collected_static_files(collected, initiative):
    fetcher = StaticFilesOnly()
    pdf = render_pdf(snapshot(load(initiative.pk)), url_fetcher=fetcher)

    assert fetcher.refused == []
    # The hashed stylesheet and fonts were served from the collected files.
    assert any("/css/print." in url and url.endswith(".css") for url in fetcher.served)
    assert initiative.title in " ".join(pdf_text(pdf))
