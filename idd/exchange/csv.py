"""CSV that opens safely in a spreadsheet: for every CSV download of the product.

A cell starting with = + - @, a tab or a carriage return is a formula to Excel and
LibreOffice; such a cell gets a leading single quote, so it shows as the text typed.
Files are UTF-8 with a byte-order mark, so Excel reads accents and dashes right.
The first and the last line carry the classification marking, as every page does
(STIG V-222643): a sheet printed or pasted from the file keeps it top and bottom.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: object) -> object:
    """The value as a spreadsheet should show it: text that would start a formula is quoted;
    numbers stay numbers; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def marked(lines: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """The lines of a CSV file between two lines holding the marking."""
    yield [settings.MARKING]
    yield from lines
    yield [settings.MARKING]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The whole file: BOM, the marking, header and rows, every cell made safe, the marking."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    for line in marked(chain([header], rows)):
        writer.writerow([safe_cell(cell) for cell in line])
    return out.getvalue()


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """A download of the CSV, named `filename`."""
    response = HttpResponse(
        csv_text(header, rows).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """A file whose write returns the line, so csv.writer hands each row back."""

    def write(self, value: str) -> str:
        return value


def csv_streaming_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """The same download, written row by row as it is sent (for files of any length)."""
    writer = csv.writer(_Echo())

    def lines():
        yield BOM
        for line in marked(chain([header], rows)):
            yield writer.writerow([safe_cell(cell) for cell in line])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
