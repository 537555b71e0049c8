"""The portfolio's CSV as a reader's spreadsheet sees it, once checked for what every CSV
of the product carries (UTF-8 with a BOM, the marking on its first and last line)."""

import csv
import io

from django.conf import settings
from django.urls import reverse

from idd.exchange.csv import BOM


def csv_of(client, query: str = "") -> list[dict[str, str]]:
    response = client.get(reverse("portfolio_csv") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    assert text.startswith(BOM)  # so Excel reads it as UTF-8
    lines = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert lines[0] == lines[-1] == [settings.MARKING], "marked top and bottom"
    header, *rows = lines[1:-1]
    return [dict(zip(header, row, strict=True)) for row in rows]
