"""Read exported PDFs with poppler and pypdf, as a reviewer's tools would."""

import io
import subprocess
import tempfile

from pypdf import PdfReader


def pdf_text(pdf: bytes, *, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext). Raw order keeps a table cell's lines together;
    layout order keeps each page's lines as printed (marking first, page number last)."""
    mode = "-layout" if layout else "-raw"
    return _poppler(pdf, "pdftotext", mode, "-enc", "UTF-8", PDF, "-").split("\f")[:-1]


def flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped in a table cell reads as typed."""
    return " ".join(text.split())


PDF = "{pdf}"


def _poppler(pdf: bytes, *command: str) -> str:
    """Run a poppler tool on the PDF (written to a file where the command says PDF)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        args = [file.name if arg == PDF else arg for arg in command]
        return subprocess.run(args, capture_output=True, check=True).stdout.decode()


def pdfinfo(pdf: bytes) -> dict[str, str]:
    pairs = (
        line.split(":", 1) for line in _poppler(pdf, "pdfinfo", PDF).splitlines() if ":" in line
    )
    return {key.strip(): value.strip() for key, value in pairs}


def pdf_language(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Font name -> embedded, as pdffonts reports them."""
    header, _, *rows = _poppler(pdf, "pdffonts", PDF).splitlines()
    emb = header.index(" emb ") + 1
    return {row.split()[0]: row[emb : emb + 3] == "yes" for row in rows}
