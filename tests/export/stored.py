"""What the export stored for an initiative, as the tests look at it."""

from django.core.files.storage import default_storage

from idd.export.storage import FOLDER


def exports_of(initiative) -> list[str]:
    """File names of the initiative's stored PDFs (none before its first export)."""
    try:
        return default_storage.listdir(f"{FOLDER}/initiative-{initiative.pk}")[1]
    except FileNotFoundError:
        return []
