"""The plan printed: the IDD's PDF and Word copy hold the section "Assessment, monitoring
and evaluation", the Section 333 notification maps it, and the exchange file carries it
(version 3) while older files still import."""

import json
from datetime import date

import pytest

from idd.document.snapshot import load, snapshot
from idd.exchange.export import export_initiative
from idd.exchange.importer import import_initiative
from idd.export import IDD, NOTIFICATION, document_for
from idd.export.notification import gaps
from idd.export.render import render_pdf
from idd.models import Indicator, Initiative, LessonLearned
from tests import factories
from tests.exchange.builders import full_initiative
from tests.exchange.roundtrip import comparable, round_trip
from tests.export.notification_text import docx_text
from tests.export.pdftools import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(owner, teammate) -> Initiative:
    initiative = factories.complete_initiative(owner, teammate)
    LessonLearned.objects.create(
        initiative=initiative,
        revision=1,
        learned_on=date(2026, 11, 2),
        lesson="Logs stayed aboard the boats.",
        action="File them ashore each week.",
        recorded_by=owner,
    )
    return initiative


def test_the_pdf_prints_the_section(planned):
    text = flat(" ".join(pdf_text(render_pdf(snapshot(load(planned.pk))))))
    assert "Assessment, monitoring and evaluation" in text
    assert "Date of the initial assessment 12 Jun 2026" in text
    assert "SCO site visit and a review of the navy's rosters." in text
    assert "FY2027: Personnel assigned SCO maritime desk Each quarter Navy personnel roster" in text
    assert "Internal or independent Independent (by an evaluator outside the program)" in text
    assert "Does the company patrol on its own budget?" in text
    assert "Logs stayed aboard the boats." in text and "File them ashore each week." in text


def test_the_pdf_says_what_is_not_given(owner, teammate):
    initiative = factories.complete_initiative(owner, teammate, evaluation_timing="")
    Indicator.objects.filter(objective__initiative=initiative).update(data_source="")
    text = flat(" ".join(pdf_text(render_pdf(snapshot(load(initiative.pk))))))
    assert "When it is evaluated Not given" in text
    assert "Each quarter Not given" in text
    assert "No lesson learned is recorded." in text


def test_the_word_copy_holds_the_section(planned):
    text = docx_text(IDD.copy(document_for(planned)))
    assert "Assessment, monitoring and evaluation" in text
    assert "Initial assessment" in text and "Evaluation plan" in text
    assert "Navy personnel roster" in text
    assert "Logs stayed aboard the boats." in text


def test_the_notification_maps_the_plan_and_lists_what_it_lacks(planned):
    complete = {g.element.slug for g in gaps(snapshot(load(planned.pk)))}
    assert "assessment" not in complete, "a complete plan lacks nothing"
    Initiative.objects.filter(pk=planned.pk).update(evaluation_questions="")
    Indicator.objects.filter(objective__initiative=planned).update(collected_by="")
    lacking = {g.element.slug: g.element.missing for g in gaps(snapshot(load(planned.pk)))}
    assert lacking["assessment"][0] == "the evaluation questions"
    assert "(who collects the data)" in lacking["assessment"][1]
    text = docx_text(NOTIFICATION.copy(document_for(planned)))
    assert "10 U.S.C. 383 and DoD Instruction 5132.14" in text
    assert "Lesson learned 2 Nov 2026" in text


def test_the_demo_coastal_patrol_notification_lacks_nothing_of_the_plan(maritime):
    doc = snapshot(load(maritime.pk))
    assert "assessment" not in {g.element.slug for g in gaps(doc)}
    assert doc["lessons"] and doc["assessment"]["evaluation_kind"] == "independent"


def test_the_plan_and_the_lessons_round_trip():
    initiative = full_initiative()
    first, again, imported = round_trip(initiative)
    assert comparable(again) == comparable(first)
    data = first["version"], first["initiative"]
    assert data[0] == 3
    assert data[1]["evaluation_kind"] == "independent"
    assert data[1]["lessons_learned"][0]["lesson"] == "Text"
    assert data[1]["yearly_objectives"][0]["indicators"][0]["collected_by"] == "SCO maritime desk"
    assert imported.lessons_learned.get().action == "Act: Text"
    assert imported.initial_assessed_on == date(2026, 6, 12)


def test_a_version_2_file_still_imports(owner):
    exported = export_initiative(full_initiative())
    exported["version"] = 2
    data = exported["initiative"]
    for key in factories.ASSESSMENT_PLAN:
        del data[key]
    del data["lessons_learned"]
    for objective in data["yearly_objectives"]:
        for indicator in objective["indicators"]:
            for key in ("collected_by", "collection_frequency", "data_source"):
                del indicator[key]
    imported = import_initiative(json.dumps(exported).encode(), owner).initiative
    assert imported.evaluation_kind == "" and imported.initial_assessed_on is None
    assert not imported.lessons_learned.exists()
