"""The declared shape of the document snapshot: every section and row, in one place.

`idd.document.snapshot.snapshot()` builds a `Document`; templates, the PDF and the revision
comparison read it by key, and an approved revision stores it as JSON. A field annotated
with a `Label` is compared between revisions under that label (`idd.document.diff` reads the labels
from here), so a new field is added once, here and in the builder, and the comparison
picks it up. Key order is the order the comparison lists changes in.

Stored revisions keep the shape they were approved with: one approved before a key was
added lacks it, so readers of a stored copy treat a missing key as empty (templates do;
`idd.document.diff` uses `.get`). Values are JSON: dates as ISO strings, money as decimal strings.
"""

from dataclasses import dataclass
from typing import Annotated, Any, NotRequired, TypedDict, get_type_hints


@dataclass(frozen=True)
class Label:
    """What reviewers call a field when a revision changes it."""

    text: str


Money = str | None  # a decimal amount in dollars, as a string
IsoDate = str  # a date or timestamp in ISO 8601
# (key in the snapshot, label in users' words)
Fields = tuple[tuple[str, str], ...]


class Person(TypedDict):
    """Someone the document names, as their profile said when the snapshot was taken."""

    name: str  # first and last name (the username while they gave none), without rank
    rank_or_grade: str
    job_title: str
    office_symbol: str
    organization: str
    phone: str
    email: str


class Meta(TypedDict):
    id: int
    title: str
    status: str
    status_label: str
    revision: int
    version: int
    owner: str
    team: list[str]
    updated_at: IsoDate
    point_of_contact: Person  # the owner, for the cover's point of contact block


class Basics(TypedDict):
    title: Annotated[str, Label("Title")]
    partner: Annotated[str, Label("Partner")]
    ccmd: str
    ccmd_label: Annotated[str, Label("Combatant command")]
    funding_authority: Annotated[str, Label("Funding authority")]
    first_fiscal_year: Annotated[int, Label("First fiscal year")]
    last_fiscal_year: Annotated[int, Label("Last fiscal year")]
    targeted_units: Annotated[list[str], Label("Targeted partner units")]
    # The distribution statement (idd.reference.distribution); a revision stored before
    # it lacks them.
    distribution_statement: Annotated[str, Label("Distribution statement")]
    distribution_reason: Annotated[str, Label("Reason for the restriction")]
    distribution_office: Annotated[str, Label("Controlling DoD office")]
    distribution_determined_on: Annotated[IsoDate, Label("Date of determination")]
    distribution_wording: str  # the statement as printed on the cover
    # What 10 U.S.C. 333 asks; a revision stored before lacks them (`section_333` is then
    # read from the authority's label: idd.document.completeness.is_section_333).
    section_333: bool  # the authority is Section 333: its elements are needed
    statutory_purposes: Annotated[list[str], Label("Statutory purposes (10 U.S.C. 333(a))")]


class PriorAssistance(TypedDict):
    id: int
    fiscal_year: Annotated[int, Label("Fiscal year")]
    authority: Annotated[str, Label("Authority")]
    description: Annotated[str, Label("Description")]
    amount: Annotated[Money, Label("Amount")]


class Context(TypedDict):
    problem_statement: Annotated[str, Label("Problem statement")]
    campaign_objective: Annotated[str, Label("Campaign-plan objective")]
    desired_end_state: Annotated[str, Label("Desired end state")]
    theory_of_change: Annotated[str, Label("Theory of change")]
    prior_assistance: list[PriorAssistance]
    # A revision stored before Section 333's elements lacks the keys below.
    ics_objective: Annotated[str, Label("Integrated country strategy objective")]
    state_concurrence_office: Annotated[str, Label("State office")]
    state_concurrence_person: Annotated[str, Label("State official")]
    state_concurred_on: Annotated[IsoDate, Label("State concurred on")]
    state_concurrence_requested_on: Annotated[IsoDate, Label("State concurrence requested on")]
    state_joint_planning: Annotated[str, Label("Joint planning with the Department of State")]


class RowRef(TypedDict):
    """Another row named by its short reference (D1, U2) and title."""

    ref: str
    title: str


class Deliverable(TypedDict):
    id: int
    title: Annotated[str, Label("What the partner delivers")]
    category: str
    category_label: Annotated[str, Label("Category")]
    quantity: Annotated[int | None, Label("Quantity")]
    due_fiscal_year: int
    due_quarter: int
    due_label: Annotated[str, Label("Due")]
    due_date: IsoDate
    verification_method: Annotated[str, Label("How it will be verified")]
    political_risk: int
    political_risk_label: Annotated[str, Label("Political risk to the partner")]
    political_risk_name: str
    status: str
    status_label: Annotated[str, Label("Status")]
    evidence: Annotated[str, Label("Evidence recorded")]
    verified_by: Annotated[str, Label("Verified by")]
    verified_at: IsoDate | None
    # Its reference, never changed nor reused (idd.models.plan.ReferencedRow): 3 and "D3".
    # A revision stored before references lacks the number; its "ref" was by due date.
    reference_number: int
    ref: str
    answered_by: list[RowRef]  # the U.S. inputs that answer it


class USInput(TypedDict):
    id: int
    title: Annotated[str, Label("What the U.S. provides")]
    category: str
    category_label: Annotated[str, Label("Category")]
    fiscal_year: Annotated[int, Label("Fiscal year")]
    fiscal_quarter: int | None  # 1..4, None while not known
    quarter_label: Annotated[str, Label("Fiscal quarter")]  # "Q2", "" while not known
    when_label: str  # "FY2027 Q2", or "FY2027" while the quarter is not known
    estimated_cost: Annotated[Money, Label("Estimated cost")]
    authority: Annotated[str, Label("Authority")]
    matched_deliverable_ids: list[int]
    # Its reference, never changed nor reused: 2 and "U2". A revision stored before
    # references lacks the number; its "ref" was by fiscal year and quarter.
    reference_number: int
    ref: str
    # The partner deliverables it answers (compared by their titles).
    matched: Annotated[list[RowRef], Label("Partner deliverables it answers")]
    # A construction project's particulars (its cost is the estimated cost); a revision
    # stored before lacks them.
    is_construction: bool
    construction_location: Annotated[str, Label("Construction site")]
    construction_project_title: Annotated[str, Label("Construction project title")]
    dd1391_reference: Annotated[str, Label("DD Form 1391 attached")]
    master_plan_reference: Annotated[str, Label("Master plan attached")]


class ProgramComponent(TypedDict):
    """A component every Section 333 program includes (10 U.S.C. 333(c)(2), the SAMM):
    one entry of each kind, empty while not written."""

    kind: str
    kind_label: str
    what: Annotated[str, Label("What it covers")]
    who: Annotated[str, Label("Who gives it and who takes part")]
    when: Annotated[str, Label("When")]
    us_inputs: Annotated[list[RowRef], Label("U.S. inputs that deliver it")]


class TimelineYear(TypedDict):
    fiscal_year: int
    deliverables: list[Deliverable]
    us_inputs: list[USInput]


class Indicator(TypedDict):
    id: int
    description: Annotated[str, Label("Indicator")]
    baseline: Annotated[str, Label("Baseline")]
    target: Annotated[str, Label("Target")]
    how_measured: Annotated[str, Label("How measured")]
    # Its monitoring plan; a revision stored before it lacks these keys.
    collected_by: Annotated[str, Label("Who collects the data")]
    collection_frequency: Annotated[str, Label("How often it is collected")]
    data_source: Annotated[str, Label("Source of the data")]


class Objective(TypedDict):
    id: int
    fiscal_year: Annotated[int, Label("Fiscal year")]
    objective: Annotated[str, Label("Objective")]
    milestones: Annotated[str, Label("Milestones")]
    indicators: list[Indicator]


class Sustainment(TypedDict):
    absorptive_capacity: Annotated[str, Label("Absorptive capacity")]
    sustainment_plan: Annotated[str, Label("Sustainment plan")]
    sustainment_annual_cost: Annotated[Money, Label("Annual sustainment cost")]
    sustainment_funding_source: Annotated[str, Label("Source of funds after U.S. support ends")]


class Commitment(TypedDict):
    """The commitment assessment; `inputs` and `result` are `assessments.scoring`'s
    `to_dict()` forms, whose shape that pure core owns (`idd.document.diff` compares its
    figures)."""

    inputs: dict[str, Any]
    result: dict[str, Any]
    as_of_label: str
    ratings: list[dict[str, Any]]  # the planner's ratings, labeled, with justifications
    history: list[dict[str, Any]]  # stored assessments, oldest first, as recorded


class Risk(TypedDict):
    id: int
    category: str
    category_label: Annotated[str, Label("Category")]
    description: Annotated[str, Label("Description")]
    likelihood: Annotated[int, Label("Likelihood (1-5)")]
    impact: Annotated[int, Label("Impact (1-5)")]
    score: int
    mitigation: Annotated[str, Label("Mitigation")]
    owner: Annotated[str, Label("Risk owner")]


class AssessmentPlan(TypedDict):
    """The initial assessment and the evaluation plan (10 U.S.C. 383, DoDI 5132.14); the
    monitoring plan is each indicator's own (`Indicator`)."""

    initial_assessed_on: IsoDate  # or "" while not given
    initial_assessed_on_label: Annotated[str, Label("Date of the initial assessment")]
    initial_assessment_method: Annotated[str, Label("How the initial assessment was made")]
    initial_assessment_sources: Annotated[str, Label("Sources of the initial assessment")]
    baseline_summary: Annotated[str, Label("Baseline summary")]
    evaluation_questions: Annotated[str, Label("Evaluation questions")]
    evaluation_timing: Annotated[str, Label("When it is evaluated")]
    evaluation_kind: str  # an `EvaluationKind` value, or ""
    evaluation_kind_label: Annotated[str, Label("Internal or independent evaluation")]


class Lesson(TypedDict):
    """A lesson learned while the initiative is carried out (`LessonLearned`)."""

    id: int
    revision: int  # the revision it was learned under
    learned_on: IsoDate
    learned_on_label: str
    lesson: str
    action: str
    source: str
    recorded_by: str
    recorded_at: IsoDate


class Approval(TypedDict):
    """A review decision, for the printed IDD's approval block."""

    revision: int
    reviewer: str  # rank and name
    reviewer_name: str  # name without rank, for the signature block
    reviewer_rank_or_grade: str
    reviewer_job_title: str
    reviewer_office_symbol: str
    outcome: str
    outcome_label: str
    reason: str  # an internal remark: printed only in the review remarks annex
    decided_at: IsoDate


class OfficeCoordination(TypedDict):
    """An office's decision on a staffing route, for the coordination block (issue 27)."""

    revision: int
    route: str  # the route's name
    forwarded: bool  # on the route after approval (DSCA's)
    stage: str  # "Stage 1 (Directorates)"
    office: str
    officer: str  # rank and name as they were when they decided
    officer_job_title: str
    outcome: str
    outcome_label: str
    comment: str  # the comment, or the reason for non-concurring
    decided_at: IsoDate
    # The submission the office read, and when it was submitted (older snapshots lack them).
    submission: NotRequired[int | None]
    submitted_at: NotRequired[IsoDate | None]
    # What became of it, in words: "Superseded: the stage restarted after resubmission.",
    # "Returned the IDD to its planners."; "" when it simply stands.
    standing: NotRequired[str]
    to: NotRequired[str]  # the organization whose route it is ("DSCA")


class RouteApproval(TypedDict):
    """A route's approval by its approval authority: the command's approves the revision;
    DSCA's, on the forwarded route, approves it for DSCA (issue 27)."""

    route: str  # the route's name
    forwarded: bool
    to: str  # the organization whose route it is
    revision: int
    office: str  # the approval authority's office
    approver: str  # rank and name as they were when they approved
    approver_job_title: str
    approved_at: IsoDate
    remarks: str


class RevisionEntry(TypedDict):
    """An approved revision, for the printed IDD's revision history."""

    number: int
    approved_by: str
    approved_at: IsoDate


class Measurement(TypedDict):
    """A value measured for an indicator (`IndicatorMeasurement`)."""

    id: int
    measured_on: IsoDate
    measured_on_label: str  # "15 Mar 2027"
    value: str  # as written, like the baseline and target
    source: str
    note: str
    recorded_by: str
    recorded_at: IsoDate


class MonitoredIndicator(TypedDict):
    """An indicator with its measurements and the on-track judgment of
    `assessments.on_track` (whose rule reads only the days measured, not today)."""

    id: int  # the indicator's
    fiscal_year: int  # its objective's
    description: str
    baseline: str
    target: str
    start: IsoDate  # 1 Oct before the initiative's first fiscal year
    target_date: IsoDate  # 30 Sep of the fiscal year
    target_date_label: str
    track: str  # an `assessments.on_track.Track` value
    track_label: str
    reason: str
    measurements: list[Measurement]  # by the day measured, oldest first


class Document(TypedDict):
    format: int
    meta: Meta
    basics: Basics
    context: Context
    deliverables: list[Deliverable]
    us_inputs: list[USInput]
    timeline: list[TimelineYear]
    objectives: list[Objective]
    sustainment: Sustainment
    commitment: Commitment
    risks: list[Risk]
    approvals: list[Approval]
    # Each office's decision on the staffing routes; none without a route, and revisions
    # approved before routes lack the key.
    coordination: NotRequired[list[OfficeCoordination]]
    # Each route's approval (the command's, then DSCA's once forwarded); revisions approved
    # before them lack the key.
    route_approvals: NotRequired[list[RouteApproval]]
    revisions: list[RevisionEntry]
    # Indicators and their measurements; revisions approved before it lack the key.
    monitoring: NotRequired[list[MonitoredIndicator]]
    # Section 333's two program components; revisions approved before lack the key.
    program_components: NotRequired[list[ProgramComponent]]
    # The assessment, monitoring and evaluation plan, and the lessons learned (recorded after
    # approval, like measurements); revisions approved before them lack the keys.
    assessment: NotRequired[AssessmentPlan]
    lessons: NotRequired[list[Lesson]]


def labelled_fields(shape: type) -> Fields:
    """The fields of a section or row that carry a `Label`, in declaration order."""
    hints = get_type_hints(shape, include_extras=True)
    return tuple(
        (key, meta.text)
        for key, hint in hints.items()
        for meta in getattr(hint, "__metadata__", ())
        if isinstance(meta, Label)
    )
