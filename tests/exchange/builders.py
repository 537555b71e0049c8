"""An initiative with a row of every kind the exchange file holds, built with the
factories and the models' own constructors, for the round-trip and import tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from assessments.models import CommitmentAssessment, CommitmentRatings
from idd.document.snapshot import load, snapshot
from idd.models import (
    Initiative,
    LessonLearned,
    PartnerUnit,
    PriorAssistance,
    ProgramComponent,
    ReviewComment,
    ReviewDecision,
    Revision,
    Submission,
)
from idd.models.measurement import IndicatorMeasurement
from tests import factories

WHEN = dt.datetime(2027, 3, 14, 9, 26, 53, 589793, tzinfo=dt.UTC)


def full_initiative(title: str = "Harbor patrol = partnership", text: str = "Text") -> Initiative:
    """Every kind of row, with people in each role and links between rows."""
    owner = factories.planner()
    mate, reviewer = factories.planner(), factories.reviewer()
    initiative = factories.InitiativeFactory(
        title=title, owner=owner, team_members=[mate], **factories.ASSESSMENT_PLAN
    )
    unit = PartnerUnit.objects.create(partner=initiative.partner, name=f"{text} unit")
    initiative.targeted_units.set([unit])
    PriorAssistance.objects.create(
        initiative=initiative, fiscal_year=2025, authority="IMET", description=text, amount=9
    )
    objective = factories.YearlyObjectiveFactory(initiative=initiative, milestones=text)
    indicator = factories.IndicatorFactory(objective=objective)
    IndicatorMeasurement.objects.create(
        indicator=indicator,
        measured_on=dt.date(2027, 2, 1),
        value="40",
        source=text,
        recorded_by=mate,
    )
    factories.RiskFactory(initiative=initiative, mitigation=text)
    first = factories.PartnerDeliverableFactory(initiative=initiative, evidence=text)
    delivered = factories.PartnerDeliverableFactory(
        initiative=initiative,
        due_quarter=4,
        status="delivered",
        delivered_on=dt.date(2027, 8, 1),
        verified_by=owner,
        verified_at=WHEN,
    )
    factories.USInputFactory(initiative=initiative).matched_deliverables.set([first, delivered])
    factories.USInputFactory(initiative=initiative, fiscal_quarter=3, estimated_cost=None)
    _section_333(initiative, text)
    CommitmentRatings.objects.create(subject=initiative, budget=4, budget_justification=text)
    LessonLearned.objects.create(
        initiative=initiative,
        revision=1,
        learned_on=dt.date(2027, 2, 3),
        lesson=text,
        action=f"Act: {text}",
        recorded_by=mate,
    )
    CommitmentAssessment.objects.create(
        subject=initiative,
        kind="baseline",
        assessed_on=dt.date(2027, 1, 5),
        assessed_by=owner,
        inputs={"deliverables": [first.pk]},
        result={"demonstrated": 40},
        demonstrated=40,
    )
    thread = ReviewComment.objects.create(
        initiative=initiative,
        revision=1,
        section="basics",
        author=reviewer,
        body=text,
        resolved_by=owner,
        resolved_at=WHEN,
    )
    ReviewComment.objects.create(
        initiative=initiative,
        revision=1,
        section="basics",
        parent=thread,
        author=owner,
        body=f"Reply: {text}",
    )
    ReviewDecision.objects.create(
        initiative=initiative, revision=1, reviewer=reviewer, outcome="approved"
    )
    doc = snapshot(load(initiative.pk))
    Submission.objects.create(
        initiative=initiative,
        revision=1,
        sequence=1,
        snapshot=doc,
        submitted_by=owner,
        submitted_at=WHEN,
    )
    Revision.objects.create(
        initiative=initiative, number=1, snapshot=doc, approved_by=reviewer, approved_at=WHEN
    )
    Initiative.objects.filter(pk=initiative.pk).update(
        status="approved", created_at=WHEN, updated_at=timezone.now()
    )
    return Initiative.objects.get(pk=initiative.pk)


def _section_333(initiative: Initiative, text: str) -> None:
    """What Section 333 asks (exchange format version 3): a construction input with its
    particulars, and a component delivered by it."""
    Initiative.objects.filter(pk=initiative.pk).update(
        statutory_purposes=["maritime_border", "coalition"],
        ics_objective=text,
        state_concurrence_office=text,
        state_concurrence_person=text,
        state_concurred_on=dt.date(2026, 5, 4),
        state_concurrence_requested_on=dt.date(2026, 4, 1),
        state_joint_planning=text,
    )
    pier = factories.USInputFactory(
        initiative=initiative,
        title="Pier",
        category="construction",
        construction_location=text,
        construction_project_title=text,
        dd1391_reference="1391-17.pdf",
        master_plan_reference=text,
    )
    component = ProgramComponent.objects.create(
        initiative=initiative, kind="icb", what=text, who=text, when=text
    )
    component.us_inputs.set([pier])
