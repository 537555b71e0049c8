"""The printed IDD's monitoring part: the draft's print lists the values recorded so far
(from the snapshot), an approved revision's PDF stays the record as approved, and a
revision stored before the key existed prints without it."""

import os
from datetime import date
from pathlib import Path

import pytest

from idd.document.snapshot import load, snapshot
from idd.export.render import render_html, render_pdf
from idd.models import IndicatorMeasurement, Initiative, Revision
from idd.reference.choices import InitiativeStatus as S
from tests.export.pdftools import flat, pdf_text

pytestmark = pytest.mark.django_db


def measure(indicator, owner, day: date, value: str, source: str) -> None:
    IndicatorMeasurement.objects.create(
        indicator=indicator, measured_on=day, value=value, source=source, recorded_by=owner
    )


def test_the_pdf_lists_each_measurement_with_its_judgment(indicator, owner):
    measure(indicator, owner, date(2026, 10, 31), "4", "Patrol logs, Oct 2026")
    measure(indicator, owner, date(2026, 11, 30), "8", "Patrol logs, Nov 2026")
    doc = snapshot(load(indicator.objective.initiative_id))
    pdf = render_pdf(doc)
    if os.environ.get("SHOTS_DIR"):
        Path(os.environ["SHOTS_DIR"], "monitoring.pdf").write_bytes(pdf)
    text = flat(" ".join(pdf_text(pdf)))
    assert "Monitoring: indicators measured" in text
    assert "These are the values recorded up to this document." in text
    assert "Patrol days a month (FY2027: baseline 2, target 20 by 30 Sep 2027)" in text
    assert "On track. 8 measured on 30 Nov 2026 covers 33% of the way from 2 to 20" in text
    assert "30 Nov 2026 8 Patrol logs, Nov 2026 Olive Owner" in text
    assert "31 Oct 2026 4 Patrol logs, Oct 2026" in text


def test_the_approved_revision_prints_as_approved_after_a_measurement(approved, indicator, owner):
    measure(indicator, owner, date(2026, 11, 30), "8", "Patrol logs, Nov 2026")
    revision = Revision.objects.get(initiative=approved, number=approved.revision)
    html = render_html(revision.snapshot)
    assert "values recorded by the approval of this revision" in html
    assert "Patrol logs, Nov 2026" not in html
    # The live snapshot has it, for the initiative page and the next revision.
    live = snapshot(load(approved.pk))
    entry = next(e for e in live["monitoring"] if e["id"] == indicator.pk)
    assert [m["value"] for m in entry["measurements"]] == ["8"]
    assert Initiative.objects.get(pk=approved.pk).status == S.APPROVED


def test_a_revision_stored_before_monitoring_prints_without_it(indicator):
    doc = snapshot(load(indicator.objective.initiative_id))
    del doc["monitoring"]
    html = render_html(doc)
    assert "No measured value is recorded in this document." in html
