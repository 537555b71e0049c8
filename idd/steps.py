"""The guided form: its steps in order, what each teaches, and when each is complete.

Completeness is judged from the IDD's data (the snapshot dict), never from a flag,
so an initiative edited anywhere else shows the same progress here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assessments.method import CAPACITY_RATINGS, WILLINGNESS_RATINGS
from assessments.models import RATED_FIELDS
from idd.choices import RiskCategory
from idd.forms.base import StepForms
from idd.forms.basics import BasicsStep
from idd.forms.commitment import CommitmentStep
from idd.forms.context import ContextStep
from idd.forms.deliverables import DeliverablesStep
from idd.forms.objectives import ObjectivesStep
from idd.forms.risks import RisksStep
from idd.forms.sustainment import SustainmentStep
from idd.forms.us_inputs import USInputsStep
from idd.sections import SECTION_BY_SLUG

Doc = dict[str, Any]
REVIEW = "review"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing_texts(section: dict, labels: dict[str, str]) -> list[str]:
    return [label for key, label in labels.items() if _blank(section.get(key))]


def missing_basics(doc: Doc) -> list[str]:
    return [] if doc["basics"]["targeted_units"] else ["the partner units the initiative targets"]


def missing_context(doc: Doc) -> list[str]:
    return _missing_texts(
        doc["context"],
        {
            "problem_statement": "the problem statement",
            "campaign_objective": "the campaign-plan objective it serves",
            "desired_end_state": "the desired end state",
            "theory_of_change": "the theory of change",
        },
    )


def missing_deliverables(doc: Doc) -> list[str]:
    rows = doc["deliverables"]
    if not rows:
        return ["at least one partner deliverable"]
    return [
        f"how “{d['title']}” will be verified" for d in rows if _blank(d["verification_method"])
    ]


def missing_us_inputs(doc: Doc) -> list[str]:
    rows = doc["us_inputs"]
    if not rows:
        return ["at least one U.S. input"]
    return [
        f"the partner deliverables “{u['title']}” answers"
        for u in rows
        if not u["matched_deliverable_ids"]
    ]


def _years(years: list[int]) -> str:
    """FY2027, FY2028 and FY2029."""
    names = [f"FY{year}" for year in years]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def missing_objectives(doc: Doc) -> list[str]:
    basics = doc["basics"]
    without_objective, without_indicator = [], []
    for year in range(basics["first_fiscal_year"], basics["last_fiscal_year"] + 1):
        objectives = [o for o in doc["objectives"] if o["fiscal_year"] == year]
        if not objectives:
            without_objective.append(year)
        elif any(not o["indicators"] for o in objectives):
            without_indicator.append(year)
    missing = []
    if without_objective:
        missing.append(f"an objective for {_years(without_objective)}")
    if without_indicator:
        missing.append(f"an indicator of success for each objective of {_years(without_indicator)}")
    return missing


def missing_sustainment(doc: Doc) -> list[str]:
    return _missing_texts(
        doc["sustainment"],
        {
            "absorptive_capacity": "the partner's absorptive capacity",
            "sustainment_plan": "the sustainment plan",
            "sustainment_annual_cost": "the annual sustainment cost",
            "sustainment_funding_source": "the source of funds after U.S. support ends",
        },
    )


RATING_LABELS = dict((("physical_risk", "Physical risk"), *WILLINGNESS_RATINGS, *CAPACITY_RATINGS))


def missing_commitment(doc: Doc) -> list[str]:
    ratings = doc["commitment"]["inputs"]["ratings"]
    unrated = [
        RATING_LABELS[field].lower()
        for field in RATED_FIELDS
        if ratings.get(field, {}).get("score") is None
        or _blank(ratings.get(field, {}).get("justification"))
    ]
    return [f"a rating with its evidence for {', '.join(unrated)}"] if unrated else []


DILEMMA_RISKS = (RiskCategory.ENTRAPMENT, RiskCategory.ABANDONMENT, RiskCategory.SOVEREIGNTY)


def missing_risks(doc: Doc) -> list[str]:
    rows = doc["risks"]
    named = {r["category"] for r in rows}
    unnamed = [c.label.split(" (")[0].lower() for c in DILEMMA_RISKS if c.value not in named]
    missing = [f"the dilemma's risks not yet named: {', '.join(unnamed)}"] if unnamed else []
    missing += [
        f"a mitigation for “{r['description'][:60]}”" for r in rows if _blank(r["mitigation"])
    ]
    return missing


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    guidance: tuple[str, ...]  # paragraphs shown above the form
    forms: type[StepForms] | None  # None: a read-only step (review)
    template: str
    missing: Callable[[Doc], list[str]]

    @property
    def number(self) -> int:
        return STEP_INDEX[self.slug] + 1


def _step(slug: str, forms, missing, *guidance: str) -> Step:
    template = f"idd/guided_form/{slug.replace('-', '_')}.html"
    return Step(slug, SECTION_BY_SLUG[slug].title, guidance, forms, template, missing)


STEPS: tuple[Step, ...] = (
    _step(
        "basics",
        BasicsStep,
        missing_basics,
        "Start with who and what: the partner, the authority that funds the initiative, and the "
        "fiscal years it runs. Most initiatives run five fiscal years: deep change takes that "
        "long, so plan for strategic patience.",
        "Name the specific partner units the initiative builds: a capability belongs to a unit "
        "that exists, is manned and is paid for.",
    ),
    _step(
        "context",
        ContextStep,
        missing_context,
        "Say what problem the partner faces and which campaign-plan objective the initiative "
        "serves. Describe the end state as something the partner does on its own, not as what "
        "the U.S. gives.",
        "The theory of change should rest on what the partner commits to do. An IDD built "
        "around the partner's gaps reads well but predicts nothing; one built around the "
        "partner's actions can be checked.",
        "Record U.S. assistance to the partner in the three fiscal years before this initiative: "
        "what it bought tells reviewers what the partner did with it.",
    ),
    _step(
        "deliverables",
        DeliverablesStep,
        missing_deliverables,
        "This is the centre of the IDD: what the partner provides. Each partner deliverable is "
        "a concrete, dated action you can observe: a unit designated, personnel assigned, a "
        "budget line passed, sustainment funded, pay raised, promotion made merit-based, a "
        "trained unit actually employed.",
        "Political risk is what the deliverable costs the partner's leaders. Commitment shows "
        "in costly actions: accepting equipment or training shows nothing, because almost "
        "nobody turns down a gift. Include deliverables of political risk 3 or more.",
        "Write how each will be verified: the observable evidence and who records it. Verbal "
        "assurances count for nothing. Keep timelines realistic: reform (risk 4 and 5) does not "
        "belong in the first year. Ask for a few practical, agreed steps (weak "
        "conditionality); piling on conditions pushes a partner towards other patrons.",
    ),
    _step(
        "us-inputs",
        USInputsStep,
        missing_us_inputs,
        "List what the U.S. provides (equipment, training, construction, advice) and match each "
        "input to the partner deliverables it answers. A U.S. input is provided as, or after, "
        "the partner delivers: that gating is what makes the plan credible.",
        "An input matched to nothing is a gift, and gifts show no commitment. The timeline "
        "below shows both sides year by year: check that partner deliverables come first.",
    ),
    _step(
        "objectives",
        ObjectivesStep,
        missing_objectives,
        "Set an objective for each fiscal year and the indicators that show it was met: a "
        "baseline, a target and how it is measured. Indicators are observable facts (patrol "
        "days, personnel on the roster), not activities the U.S. completed.",
        "Pace the objectives to the partner: institutional reform is slow and contested, so "
        "early years build the unit and later years change the institution.",
    ),
    _step(
        "sustainment",
        SustainmentStep,
        missing_sustainment,
        "Absorptive capacity is part of commitment: the people, money, maintenance and "
        "institutions able to take in what is given. Describe what exists today, with evidence.",
        "Say who pays to run and maintain the capability after U.S. support ends, how much a "
        "year, and from which partner budget line. Equipment without partner-funded "
        "sustainment falls out of service.",
    ),
    _step(
        "commitment",
        CommitmentStep,
        missing_commitment,
        "Rate the threat the partner faces, the willingness its decision makers state, and its "
        "absorptive capacity, each from 1 to 5, and write the evidence for each rating.",
        "These ratings are your judgement; demonstrated commitment is computed from the partner "
        "deliverables actually delivered, weighted by their political risk. The figures beside "
        "the form show where the plan stands and what to fix.",
    ),
    _step(
        "risks",
        RisksStep,
        missing_risks,
        "Name the risks of the security cooperation dilemma explicitly, beside ordinary "
        "programme risks: entrapment (the U.S. drawn into the partner's conflicts), abandonment "
        "(the partner fears U.S. support will not come, and hedges) and sovereignty (accepting "
        "U.S. conditions costs the partner politically at home).",
        "For each, say how likely and how harmful it is, what you will do about it, and who "
        "owns it.",
    ),
    Step(
        REVIEW,
        "Review",
        (
            "Read the whole IDD as a reviewer will. Each part still missing is listed with a "
            "link to its step. When nothing is missing, submit it for review.",
        ),
        None,
        "idd/guided_form/review.html",
        lambda doc: [],
    ),
)
STEP_INDEX = {step.slug: index for index, step in enumerate(STEPS)}
STEP_BY_SLUG = {step.slug: step for step in STEPS}
FIRST_STEP = STEPS[0]


def neighbour(step: Step, offset: int) -> Step | None:
    index = STEP_INDEX[step.slug] + offset
    return STEPS[index] if 0 <= index < len(STEPS) else None


def incomplete(doc: Doc) -> list[tuple[Step, list[str]]]:
    """Every step with something missing, and what."""
    return [(step, missing) for step in STEPS if (missing := step.missing(doc))]


def progress(doc: Doc) -> tuple[int, int]:
    """(complete steps, steps to complete): the review step itself is not counted."""
    steps = [step for step in STEPS if step.forms is not None]
    return sum(1 for step in steps if not step.missing(doc)), len(steps)


def resume_step(last_step: str) -> Step:
    """Where "Resume" takes the planner: the step they last went to."""
    return STEP_BY_SLUG.get(last_step, FIRST_STEP)


def missing_parts(initiative) -> list[str]:
    """Everything still to fill in before the IDD can be submitted, named for the planner
    ("Partner deliverables: how “…” will be verified"); empty when complete."""
    from idd.snapshot import load, snapshot

    doc = snapshot(load(initiative.pk))
    return [f"{step.title}: {item}" for step, missing in incomplete(doc) for item in missing]
