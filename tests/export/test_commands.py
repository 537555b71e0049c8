"""`manage.py export_idd` for batch exports."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.export.pdftools import flat, pdf_text, pdfinfo


def test_export_idd_writes_the_pdf(maritime, tmp_path):
    target = tmp_path / "maritime.pdf"
    out = io.StringIO()
    call_command("export_idd", str(maritime.pk), "-o", str(target), stdout=out)
    pdf = target.read_bytes()
    assert pdfinfo(pdf)["Tagged"] == "yes"
    assert "Kestrela coastal patrol capability" in flat(pdf_text(pdf)[0])
    assert str(target) in out.getvalue()


def test_export_idd_html_writes_the_print_html(maritime, tmp_path):
    target = tmp_path / "maritime.html"
    call_command("export_idd", str(maritime.pk), "-o", str(target), "--html", stdout=io.StringIO())
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert "Fund fuel and spare parts for patrol boats in the defense budget" in html
    assert "document-toolbar" not in html  # the print HTML, not the screen view


def test_export_idd_names_a_missing_initiative(db, tmp_path):
    with pytest.raises(CommandError, match="No initiative has the id 424242"):
        call_command("export_idd", "424242", "-o", str(tmp_path / "x.pdf"))


def test_export_idd_names_a_missing_folder(maritime, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_idd", str(maritime.pk), "-o", str(tmp_path / "nowhere" / "x.pdf"))
