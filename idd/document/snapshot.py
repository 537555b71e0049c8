"""The whole IDD as plain data: one snapshot feeds every view of the document.

The read-only initiative page, the guided form's review step, the print view and the
PDF all render from `snapshot(initiative)`. An approved revision stores the same
dict, so a frozen revision renders exactly as it was approved, and the diff between
two revisions compares two snapshots section by section.

A snapshot is JSON-serializable (dates as ISO strings, money as strings) and costs
a fixed number of queries however many rows the initiative has.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from assessments import fiscal, method, presentation, scoring
from assessments.models import CommitmentAssessment
from idd.document import indicators
from idd.document.commitment import assessment_entry, assessment_inputs, stored_ratings
from idd.document.shape import (
    Approval,
    AssessmentPlan,
    Basics,
    Commitment,
    Context,
    Deliverable,
    Document,
    Lesson,
    Meta,
    Money,
    Objective,
    OfficeCoordination,
    Person,
    RevisionEntry,
    RouteApproval,
    RowRef,
    Sustainment,
    TimelineYear,
)
from idd.document.shape import ProgramComponent as ComponentEntry
from idd.document.shape import Risk as RiskEntry
from idd.document.shape import USInput as USInputEntry
from idd.models import (
    Indicator,
    Initiative,
    LessonLearned,
    OfficeDecision,
    PartnerDeliverable,
    ProgramComponent,
    ReviewDecision,
    Revision,
    Risk,
    Route,
    Submission,
    USInput,
    YearlyObjective,
)
from idd.reference import distribution
from idd.reference.choices import ProgramComponentKind, StatutoryPurpose
from idd.reference.roles import display_name, profile_of

SNAPSHOT_FORMAT = 1


def _money(value: Decimal | None) -> Money:
    return None if value is None else str(value)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _person(user: User | None) -> Person:
    profile = profile_of(user)
    return {
        "name": (user.get_full_name() or user.get_username()) if user else "",
        "rank_or_grade": profile.rank_or_grade if profile else "",
        "job_title": profile.job_title if profile else "",
        "office_symbol": profile.office_symbol if profile else "",
        "organization": profile.organization if profile else "",
        "phone": profile.phone if profile else "",
        "email": user.email if user else "",
    }


def _deliverable(d: PartnerDeliverable) -> Deliverable:
    return {
        "id": d.pk,
        "title": d.title,
        "category": d.category,
        "category_label": d.get_category_display(),
        "quantity": d.quantity,
        "due_fiscal_year": d.due_fiscal_year,
        "due_quarter": d.due_quarter,
        "due_label": d.due_label,
        "due_date": d.due_date.isoformat(),
        "verification_method": d.verification_method,
        "political_risk": d.political_risk,
        "political_risk_label": d.get_political_risk_display(),
        "political_risk_name": method.POLITICAL_RISK_LABELS.get(d.political_risk, ""),
        "status": d.status,
        "status_label": d.get_status_display(),
        "evidence": d.evidence,
        "verified_by": display_name(d.verified_by),
        "verified_at": d.verified_at.isoformat() if d.verified_at else None,
        "reference_number": d.reference_number,
        "ref": d.reference,
        "answered_by": [],  # set by _cross_reference
    }


def _us_input(u: USInput) -> USInputEntry:
    return {
        "id": u.pk,
        "title": u.title,
        "category": u.category,
        "category_label": u.get_category_display(),
        "fiscal_year": u.fiscal_year,
        "fiscal_quarter": u.fiscal_quarter,
        "quarter_label": f"Q{u.fiscal_quarter}" if u.fiscal_quarter else "",
        "when_label": u.when_label,
        "estimated_cost": _money(u.estimated_cost),
        "authority": u.get_authority_display(),
        "matched_deliverable_ids": [d.pk for d in u.matched_deliverables.all()],
        "reference_number": u.reference_number,
        "ref": u.reference,
        "matched": [],  # set by _cross_reference
        "is_construction": u.is_construction,
        "construction_location": u.construction_location,
        "construction_project_title": u.construction_project_title,
        "dd1391_reference": u.dd1391_reference,
        "master_plan_reference": u.master_plan_reference,
    }


def _program_components(
    rows: list[ProgramComponent], us_inputs: list[USInputEntry]
) -> list[ComponentEntry]:
    """One entry of each kind, in the order of ProgramComponentKind (empty while not
    written), each naming the U.S. inputs that deliver it by reference."""
    by_kind = {row.kind: row for row in rows}
    entries: list[ComponentEntry] = []
    for kind in ProgramComponentKind:
        row = by_kind.get(kind.value)
        ids = {u.pk for u in row.us_inputs.all()} if row else set()
        linked = [RowRef(ref=u["ref"], title=u["title"]) for u in us_inputs if u["id"] in ids]
        entries.append(
            {
                "kind": kind.value,
                "kind_label": kind.label,
                "what": row.what if row else "",
                "who": row.who if row else "",
                "when": row.when if row else "",
                "us_inputs": linked,
            }
        )
    return entries


def _timeline(
    years: list[int], deliverables: list[Deliverable], us_inputs: list[USInputEntry]
) -> list[TimelineYear]:
    """Partner deliverables and U.S. inputs side by side, one entry per fiscal year."""
    return [
        {
            "fiscal_year": year,
            "deliverables": [d for d in deliverables if d["due_fiscal_year"] == year],
            "us_inputs": [u for u in us_inputs if u["fiscal_year"] == year],
        }
        for year in years
    ]


def _cross_reference(deliverables: list[Deliverable], us_inputs: list[USInputEntry]) -> None:
    """The deliverables each U.S. input answers and the inputs each deliverable gates, each
    named by its reference (D3, U2: idd.models.plan.ReferencedRow), so every rendering
    names them alike. The rows come in the models' order, by date; their references keep
    the numbers they were given, whatever the order."""
    by_id = {d["id"]: d for d in deliverables}
    for d in deliverables:
        d["answered_by"] = []
    for u in us_inputs:
        matched = [by_id[i] for i in u["matched_deliverable_ids"] if i in by_id]
        u["matched"] = [RowRef(ref=d["ref"], title=d["title"]) for d in matched]
        for d in matched:
            d["answered_by"].append(RowRef(ref=u["ref"], title=u["title"]))


# The staffing routes with what the coordination block reads.
ROUTES = Route.objects.select_related(
    "template__organization", "template__approval_authority", "approved_by__profile"
).prefetch_related(
    Prefetch(
        "decisions",
        queryset=OfficeDecision.objects.select_related("stage", "office").annotate(
            submitted_at=Subquery(
                Submission.objects.filter(
                    initiative=OuterRef("route__initiative"),
                    sequence=OuterRef("submission_sequence"),
                ).values("submitted_at")[:1]
            )
        ),
    )
)


def load(initiative_id: int) -> Initiative:
    """The initiative with every row a snapshot reads, in a fixed number of queries."""
    return with_rows(Initiative.objects.all()).get(pk=initiative_id)


def with_rows(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Initiatives with every row a snapshot reads: a fixed number of queries for any number
    of initiatives (the dashboard's drafts, for example)."""
    return initiatives.select_related(
        "partner", "owner__profile", "commitment_ratings"
    ).prefetch_related(
        Prefetch("team_members", queryset=User.objects.select_related("profile")),
        # The staffing routes' decisions, for the coordination block.
        Prefetch("routes", queryset=ROUTES),
        "targeted_units",
        "prior_assistance",
        "risks",
        "program_components__us_inputs",
        Prefetch(
            "lessons_learned",
            queryset=LessonLearned.objects.select_related("recorded_by__profile"),
        ),
        Prefetch(
            "partner_deliverables",
            queryset=PartnerDeliverable.objects.select_related("verified_by__profile"),
        ),
        Prefetch(
            "us_inputs",
            queryset=USInput.objects.prefetch_related("matched_deliverables"),
        ),
        Prefetch(
            "yearly_objectives",
            queryset=YearlyObjective.objects.prefetch_related(
                Prefetch(
                    "indicators", queryset=indicators.with_measurements(Indicator.objects.all())
                )
            ),
        ),
        Prefetch(
            "review_decisions", queryset=ReviewDecision.objects.select_related("reviewer__profile")
        ),
        Prefetch(
            "revisions",
            queryset=Revision.objects.select_related("approved_by__profile").defer("snapshot"),
        ),
        Prefetch(
            "commitment_assessments",
            queryset=CommitmentAssessment.objects.select_related("assessed_by__profile").defer(
                "inputs"
            ),
        ),
    )


def snapshot(initiative: Initiative) -> Document:
    """The IDD's content as plain data. Pass an initiative from `load` to avoid N+1."""
    deliverables_rows = list(initiative.partner_deliverables.all())
    us_input_rows = list(initiative.us_inputs.all())
    deliverables = [_deliverable(d) for d in deliverables_rows]
    us_inputs = [_us_input(u) for u in us_input_rows]
    _cross_reference(deliverables, us_inputs)
    ratings = stored_ratings(initiative)
    inputs = assessment_inputs(initiative, deliverables_rows, us_input_rows, ratings)
    return {
        "format": SNAPSHOT_FORMAT,
        "meta": _meta(initiative),
        "basics": _basics(initiative),
        "context": _context(initiative),
        "deliverables": deliverables,
        "us_inputs": us_inputs,
        "timeline": _timeline(initiative.fiscal_years, deliverables, us_inputs),
        "objectives": [_objective(o) for o in initiative.yearly_objectives.all()],
        "sustainment": _sustainment(initiative),
        "commitment": _commitment(initiative, inputs),
        "risks": [_risk(r) for r in initiative.risks.all()],
        # The approval block and revision history of the printed IDD.
        "approvals": _approvals(initiative),
        "coordination": office_decisions(initiative.routes.all()),
        "route_approvals": route_approvals(initiative.routes.all()),
        "revisions": [_revision(r) for r in initiative.revisions.all()],
        "monitoring": indicators.of_objectives(
            initiative.yearly_objectives.all(), initiative.first_fiscal_year
        ),
        "program_components": _program_components(
            list(initiative.program_components.all()), us_inputs
        ),
        "assessment": _assessment(initiative),
        "lessons": [lesson_entry(lesson) for lesson in initiative.lessons_learned.all()],
    }


def _meta(initiative: Initiative) -> Meta:
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "status": initiative.status,
        "status_label": initiative.get_status_display(),
        "revision": initiative.revision,
        "version": initiative.version,
        "owner": display_name(initiative.owner),
        "team": [display_name(u) for u in initiative.team_members.all()],
        "updated_at": initiative.updated_at.isoformat(),
        "point_of_contact": _person(initiative.owner),
    }


def _basics(initiative: Initiative) -> Basics:
    determined = initiative.distribution_determined_on
    determined_on = determined.isoformat() if determined else ""
    return {
        "title": initiative.title,
        "partner": initiative.partner.country,
        "ccmd": initiative.ccmd,
        "ccmd_label": initiative.get_ccmd_display(),
        "funding_authority": initiative.get_funding_authority_display(),
        "first_fiscal_year": initiative.first_fiscal_year,
        "last_fiscal_year": initiative.last_fiscal_year,
        "targeted_units": [str(unit.name) for unit in initiative.targeted_units.all()],
        # The distribution statement as chosen and as printed (idd.reference.distribution).
        "distribution_statement": initiative.distribution_statement,
        "distribution_reason": initiative.distribution_reason,
        "distribution_office": initiative.distribution_office,
        "distribution_determined_on": determined_on,
        "distribution_wording": distribution.wording(
            initiative.distribution_statement,
            initiative.distribution_reason,
            initiative.distribution_office,
            determined_on,
        ),
        "section_333": initiative.is_section_333,
        "statutory_purposes": [
            StatutoryPurpose(value).label
            for value in StatutoryPurpose.values
            if value in (initiative.statutory_purposes or [])
        ],
    }


def _context(initiative: Initiative) -> Context:
    return {
        "problem_statement": initiative.problem_statement,
        "campaign_objective": initiative.campaign_objective,
        "desired_end_state": initiative.desired_end_state,
        "theory_of_change": initiative.theory_of_change,
        "prior_assistance": [
            {
                "id": p.pk,
                "fiscal_year": p.fiscal_year,
                "authority": p.get_authority_display(),
                "description": p.description,
                "amount": _money(p.amount),
            }
            for p in initiative.prior_assistance.all()
        ],
        "ics_objective": initiative.ics_objective,
        "state_concurrence_office": initiative.state_concurrence_office,
        "state_concurrence_person": initiative.state_concurrence_person,
        "state_concurred_on": _iso(initiative.state_concurred_on),
        "state_concurrence_requested_on": _iso(initiative.state_concurrence_requested_on),
        "state_joint_planning": initiative.state_joint_planning,
    }


def _objective(o: YearlyObjective) -> Objective:
    return {
        "id": o.pk,
        "fiscal_year": o.fiscal_year,
        "objective": o.objective,
        "milestones": o.milestones,
        "indicators": [
            {
                "id": i.pk,
                "description": i.description,
                "baseline": i.baseline,
                "target": i.target,
                "how_measured": i.how_measured,
                "collected_by": i.collected_by,
                "collection_frequency": i.collection_frequency,
                "data_source": i.data_source,
            }
            for i in o.indicators.all()
        ],
    }


def _sustainment(initiative: Initiative) -> Sustainment:
    return {
        "absorptive_capacity": initiative.absorptive_capacity,
        "sustainment_plan": initiative.sustainment_plan,
        "sustainment_annual_cost": _money(initiative.sustainment_annual_cost),
        "sustainment_funding_source": initiative.sustainment_funding_source,
    }


def _assessment(initiative: Initiative) -> AssessmentPlan:
    assessed_on = initiative.initial_assessed_on
    return {
        "initial_assessed_on": assessed_on.isoformat() if assessed_on else "",
        "initial_assessed_on_label": fiscal.format_date(assessed_on) if assessed_on else "",
        "initial_assessment_method": initiative.initial_assessment_method,
        "initial_assessment_sources": initiative.initial_assessment_sources,
        "baseline_summary": initiative.baseline_summary,
        "evaluation_questions": initiative.evaluation_questions,
        "evaluation_timing": initiative.evaluation_timing,
        "evaluation_kind": initiative.evaluation_kind,
        "evaluation_kind_label": initiative.get_evaluation_kind_display()
        if initiative.evaluation_kind
        else "",
    }


def lesson_entry(lesson: LessonLearned) -> Lesson:
    return {
        "id": lesson.pk,
        "revision": lesson.revision,
        "learned_on": lesson.learned_on.isoformat(),
        "learned_on_label": fiscal.format_date(lesson.learned_on),
        "lesson": lesson.lesson,
        "action": lesson.action,
        "source": lesson.source,
        "recorded_by": display_name(lesson.recorded_by),
        "recorded_at": lesson.recorded_at.isoformat(),
    }


def _commitment(initiative: Initiative, inputs: scoring.AssessmentInputs) -> Commitment:
    return {
        "inputs": inputs.to_dict(),
        "result": scoring.assess(inputs).to_dict(),
        "as_of_label": fiscal.format_date(inputs.as_of),
        # The planner's ratings, labeled, each with its justification.
        "ratings": [row.to_dict() for row in presentation.rating_rows(inputs.ratings.to_dict())],
        # Stored assessments, oldest first, results exactly as recorded: the trend.
        "history": [
            assessment_entry(a) | {"assessed_by": display_name(a.assessed_by)}
            for a in initiative.commitment_assessments.all()
        ],
    }


def _risk(r: Risk) -> RiskEntry:
    return {
        "id": r.pk,
        "category": r.category,
        "category_label": r.get_category_display(),
        "description": r.description,
        "likelihood": r.likelihood,
        "impact": r.impact,
        "score": r.score,
        "mitigation": r.mitigation,
        "owner": r.owner,
    }


def _approval(d: ReviewDecision) -> Approval:
    reviewer = _person(d.reviewer)
    return {
        "revision": d.revision,
        "reviewer": display_name(d.reviewer),
        "reviewer_name": reviewer["name"],
        "reviewer_rank_or_grade": reviewer["rank_or_grade"],
        "reviewer_job_title": reviewer["job_title"],
        "reviewer_office_symbol": reviewer["office_symbol"],
        "outcome": d.outcome,
        "outcome_label": d.get_outcome_display(),
        "reason": d.reason,
        "decided_at": d.decided_at.isoformat(),
    }


def _approvals(initiative: Initiative) -> list[Approval]:
    """The reviewers' decisions, less the requests for changes that were offices'
    non-concurrences on a route: the coordination block records those."""
    by_office = {
        d.returned_as_id for route in initiative.routes.all() for d in route.decisions.all()
    }
    return [_approval(d) for d in initiative.review_decisions.all() if d.pk not in by_office]


def office_decisions(routes: Iterable[Route]) -> list[OfficeCoordination]:
    """Every office's decision on these routes (with their decisions prefetched), in the
    order they were taken, those a restarted stage superseded marked so."""
    found = []
    for route in routes:
        superseded = route.superseded(route.decisions.all())
        found += [(d, d.pk in superseded) for d in route.decisions.all()]
    found.sort(key=lambda pair: (pair[0].decided_at, pair[0].pk))
    return [_coordination(d, superseded) for d, superseded in found]


def _coordination(d: OfficeDecision, superseded: bool) -> OfficeCoordination:
    submitted_at = getattr(d, "submitted_at", None)
    return {
        "revision": d.revision,
        "route": d.route.template.name,
        "forwarded": d.route.forwarded,
        "stage": d.stage.label,
        "office": d.office.name,
        "officer": d.signed_as,
        "officer_job_title": d.job_title,
        "outcome": d.outcome,
        "outcome_label": d.get_outcome_display(),
        "comment": d.comment,
        "decided_at": d.decided_at.isoformat(),
        "submission": d.submission_sequence,
        "submitted_at": submitted_at.isoformat() if submitted_at else None,
        "standing": d.standing(superseded),
        "to": d.route.template.organization.name,
    }


def route_approvals(routes: Iterable[Route]) -> list[RouteApproval]:
    """Each approved route's approval, in the order given, with who approved as they were."""
    return [
        {
            "route": route.template.name,
            "forwarded": route.forwarded,
            "to": route.template.organization.name,
            "revision": route.revision,
            "office": route.template.approval_authority.name
            if route.template.approval_authority
            else "",
            "approver": route.approved_as or display_name(route.approved_by),
            "approver_job_title": route.approved_job_title,
            "approved_at": route.approved_at.isoformat(),
            "remarks": route.approval_remarks,
        }
        for route in routes
        if route.status == Route.Status.APPROVED and route.approved_at is not None
    ]


def forwarded_record(
    initiative_id: int, revision: int
) -> tuple[list[OfficeCoordination], list[RouteApproval]]:
    """The decisions and approvals of the routes this revision was forwarded on (DSCA's),
    as they are now: made after the revision was approved, so never in its frozen copy."""
    routes = list(
        ROUTES.filter(initiative_id=initiative_id, revision=revision, forwarded=True).exclude(
            status=Route.Status.STOPPED
        )
    )
    return office_decisions(routes), route_approvals(routes)


def _revision(r: Revision) -> RevisionEntry:
    return {
        "number": r.number,
        "approved_by": display_name(r.approved_by),
        "approved_at": r.approved_at.isoformat(),
    }
