"""What the export stored for an initiative, as the tests look at it."""

from django.core.files.storage import default_storage

from idd.export import IDD, PrintableDocument
from idd.export.storage import FOLDER


def exports_of(initiative, kind: PrintableDocument = IDD) -> list[str]:
    """File names of the initiative's stored PDFs of this kind (the IDD unless told; none
    before its first export)."""
    folder = f"{FOLDER}/initiative-{initiative.pk}"
    try:
        return default_storage.listdir(folder if kind is IDD else f"{folder}/{kind.slug}")[1]
    except FileNotFoundError:
        return []
