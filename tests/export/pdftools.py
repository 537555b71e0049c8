"""Read exported PDFs with poppler and pypdf, as a reviewer's tools would."""

import io
import re
import subprocess
import tempfile

import pikepdf
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


# A page's text and its charts' text on paper: the size a reader sees is the font size
# times the text matrix times every transformation around it (an SVG chart drawn narrower
# than its own units shrinks its text). pypdf's text visitor reports a run with the matrix
# in force when it flushes the run, sometimes after the chart's transformation is undone,
# so the content streams are read here operator by operator (pikepdf).
IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def _times(m: list[float], n: list[float]) -> list[float]:
    """The PDF matrix m, then n (row vectors, as the PDF's operators combine them)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    ]


def _to_unicode(font) -> tuple[int, dict[int, str]]:
    """(bytes per character code, code -> text) from a font's ToUnicode map."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    if "/ToUnicode" not in font:
        return width, {}
    data = font.ToUnicode.read_bytes().decode("latin-1")
    codes: dict[int, str] = {}
    hexes = r"<([0-9A-Fa-f]+)>"
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rf"{hexes}\s*{hexes}", block):
            codes[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rf"{hexes}\s*{hexes}\s*{hexes}", block):
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                codes[code] = chr(int(dst, 16) + offset)
    return width, codes


def _decode(raw: bytes, font: tuple[int, dict[int, str]]) -> str:
    width, codes = font
    chars = (int.from_bytes(raw[i : i + width], "big") for i in range(0, len(raw), width))
    return "".join(codes.get(code, "?") for code in chars)


def _shown(operands, font) -> str:
    """The text of a Tj or TJ; a TJ gap wider than a fifth of an em reads as a space."""
    parts = operands[0] if isinstance(operands[0], pikepdf.Array) else [operands[-1]]
    text = ""
    for part in parts:
        if isinstance(part, pikepdf.String):
            text += _decode(bytes(part), font)
        elif float(part) < -200:
            text += " "
    return text


def _read_runs(owner, resources, ctm, page, runs) -> None:
    """Append (page, size on paper, inside a figure, text) for each line of a text object.
    An SVG's text comes a glyph at a time, each placed on its own and spaces left out, so
    a figure's line reads without its spaces ("U.S.inputs")."""
    stack: list[list[float]] = []
    tm, font, size = IDENTITY, (1, {}), 0.0
    line: list = []  # [size on paper, inside a figure, baseline, text]
    fonts = resources.get("/Font", {})

    def flush() -> None:
        if line and line[3].strip():
            runs.append((page, round(line[0], 2), line[1], line[3].strip()))
        line.clear()

    for operands, operator in pikepdf.parse_content_stream(owner):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _times([float(x) for x in operands], ctm)
        elif op in ("BT", "ET"):
            tm = IDENTITY
            flush()
        elif op == "Tf":
            font, size = _to_unicode(fonts[operands[0]]), float(operands[1])
        elif op == "Tm":
            tm = [float(x) for x in operands]
        elif op in ("Td", "TD"):
            tm = _times([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
        elif op in ("Tj", "TJ", "'", '"'):
            m = _times(tm, ctm)
            on_paper = size * (m[2] ** 2 + m[3] ** 2) ** 0.5
            figure = tuple(round(x, 3) for x in ctm) != PAGE_MATRIX
            here = [on_paper, figure, round(m[5], 1)]
            if line[:3] != here:
                flush()
                line.extend([*here, ""])
            line[3] += _shown(operands, font)
        elif op == "Do":
            xobject = resources.XObject[operands[0]]
            if xobject.get("/Subtype") == "/Form":
                inner = _times([float(x) for x in xobject.get("/Matrix", IDENTITY)], ctm)
                _read_runs(xobject, xobject.get("/Resources", resources), inner, page, runs)
    flush()


def printed_sizes(pdf: bytes) -> list[tuple[int, float, bool, str]]:
    """(page, font size on paper in pt, drawn inside a figure, text) of every run of text
    on every page: the page's HTML text and the charts' SVG text."""
    runs: list[tuple[int, float, bool, str]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            _read_runs(page.obj, page.Resources, IDENTITY, number, runs)
    return runs
