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


# WeasyPrint draws the page's HTML text in one coordinate system: CSS pixels (0.75 pt)
# from the top-left corner. Text drawn in another (an SVG chart's own) is a figure's.
PAGE_MATRIX = (0.75, 0.0, 0.0, -0.75, 0.0, 792.0)


def text_sizes(pdf: bytes) -> list[tuple[int, float, float, str]]:
    """(page, font size in pt, height from the page's foot in pt, text) of every run of the
    pages' HTML text, read from each run's font size and text matrix (pypdf)."""
    runs: list[tuple[int, float, float, str]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):

        def visit(text, cm, tm, font, size, number=number):
            if not text.strip() or tuple(round(x, 3) for x in cm) != PAGE_MATRIX:
                return
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * 0.75
            height = 792.0 - 0.75 * tm[5]
            runs.append((number, round(size * scale, 2), round(height, 1), text.strip()))

        page.extract_text(visitor_text=visit)
    return runs
