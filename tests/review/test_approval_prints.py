"""Approval freezes only a document that prints: the print HTML of every document the
initiative has (with every chart) is produced before the revision is stored. Before, a
baseline and target equal as floats broke the indicator chart after approval, and the
approved revision's PDF was a 500 for good while the page said it was being stored."""

from datetime import date

import pytest
from django.urls import reverse

from assessments.templatetags import indicator_charts as chart_tags
from idd.export import IDD
from idd.models import Indicator, IndicatorMeasurement, Initiative, ReviewDecision, Revision
from idd.reference.choices import InitiativeStatus as S
from idd.services import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def extreme(make_initiative, owner):
    """In review, with what was stored before inputs were bounded: a baseline and target
    equal once read as floats, and a measurement dated 1 January of year 1."""
    initiative = make_initiative(S.IN_REVIEW)
    indicator = Indicator.objects.filter(objective__initiative=initiative).first()
    indicator.baseline, indicator.target = "10000000000000000000", "10000000000000000001"
    indicator.save()
    IndicatorMeasurement.objects.create(
        indicator=indicator, measured_on=date(1, 1, 1), value="3", source="Log", recorded_by=owner
    )
    return initiative


def test_extreme_stored_values_are_approved_and_the_revision_prints(extreme, reviewer):
    revision = review.approve(extreme, reviewer)
    html = IDD.html(Revision.objects.get(pk=revision.pk).snapshot)
    assert "10000000000000000001" in html


def test_a_document_that_does_not_print_is_not_approved(client, extreme, reviewer, monkeypatch):
    """Stands for a chart bug not found yet: the chart the print HTML draws raises."""

    def broken(*args, **kwargs):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(chart_tags, "indicator_chart", broken)
    client.force_login(reviewer)
    url = reverse("initiative_decide", args=[extreme.pk])
    response = client.post(
        url, {"confirm-confirmed": "True", "confirm-reason": "Sound plan."}, follow=True
    )

    assert Initiative.objects.get(pk=extreme.pk).status == S.IN_REVIEW
    assert not Revision.objects.filter(initiative=extreme).exists()
    assert not ReviewDecision.objects.filter(initiative=extreme).exists()
    assert "cannot be approved yet: its printed document cannot be produced" in (
        response.content.decode()
    )
