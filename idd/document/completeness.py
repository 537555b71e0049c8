"""What an IDD still lacks before it can be submitted, judged from its data alone.

Each section's rule reads the document snapshot (`idd.document.snapshot`), never a flag, so an
initiative edited anywhere shows the same gaps in the guided form, on its page and when
it is submitted. The rules depend only on the snapshot, the sections and the choices:
the guided form (`idd.guided_form.steps`) shows them and the review workflow (`idd.services.review`)
refuses a submission while any remains.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from assessments.models import RATED_FIELDS
from assessments.presentation import RATING_LABELS
from idd.document import section_333
from idd.document.shape import Document
from idd.document.snapshot import load, snapshot
from idd.reference.choices import FundingAuthority, RiskCategory
from idd.reference.distribution import Choice, needs_date
from idd.reference.sections import SECTIONS, Section

if TYPE_CHECKING:
    from idd.models import Initiative

Doc = Document


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing_texts(section: Mapping[str, Any], labels: dict[str, str]) -> list[str]:
    return [label for key, label in labels.items() if _blank(section.get(key))]


def missing_basics(doc: Doc) -> list[str]:
    basics = doc["basics"]
    missing = [] if basics["targeted_units"] else ["the partner units the initiative targets"]
    choice = Choice(
        basics.get("distribution_statement", ""),
        basics.get("distribution_reason", ""),
        basics.get("distribution_office", ""),
    )
    if not choice.letter:
        missing.append("the distribution statement printed on the cover")
    missing += [f"the distribution statement's {PROBLEM_NAMES[key]}" for key in choice.problems()]
    if needs_date(choice.letter, basics.get("distribution_determined_on")):
        missing.append("the distribution statement's date of determination")
    if section_333.applies(doc):
        missing += section_333.missing_purposes(doc)
    return missing


PROBLEM_NAMES = {"reason": "reason for the restriction", "office": "controlling DoD office"}


def missing_context(doc: Doc) -> list[str]:
    missing = _missing_texts(
        doc["context"],
        {
            "problem_statement": "the problem statement",
            "campaign_objective": "the campaign-plan objective it serves",
            "desired_end_state": "the desired end state",
            "theory_of_change": "the theory of change",
        },
    )
    if section_333.applies(doc):
        missing += section_333.missing_ics_objective(doc) + section_333.missing_state(doc)
    return missing


def missing_deliverables(doc: Doc) -> list[str]:
    rows = doc["deliverables"]
    if not rows:
        return ["at least one partner deliverable"]
    return [
        f"how “{d['title']}” will be verified" for d in rows if _blank(d["verification_method"])
    ]


def missing_us_inputs(doc: Doc) -> list[str]:
    rows = doc["us_inputs"]
    missing = [] if rows else ["at least one U.S. input"]
    missing += [
        f"the partner deliverables that “{u['title']}” is gated on"
        for u in rows
        if not u["matched_deliverable_ids"]
    ]
    if section_333.applies(doc):
        missing += section_333.missing_construction(doc) + section_333.missing_components(doc)
    return missing


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
    return missing + missing_monitoring_plans(doc)


# "10 U.S.C. 333": the snapshot keeps the authority's label, as it read when taken.
SECTION_333 = FundingAuthority.SECTION_333.label.split(" (")[0]


def is_section_333(doc: Doc) -> bool:
    """The law asks a Section 333 program for an assessment, monitoring and evaluation plan
    (10 U.S.C. 383): its IDD is not complete without one."""
    return doc["basics"]["funding_authority"].startswith(SECTION_333)


MONITORING_PLAN = {
    "collected_by": "who collects the data",
    "collection_frequency": "how often",
    "data_source": "the source",
}


def missing_monitoring_plans(doc: Doc) -> list[str]:
    """Each indicator's monitoring plan, written with the indicator (Section 333 only)."""
    if not is_section_333(doc):
        return []
    missing = []
    for objective in doc["objectives"]:
        for indicator in objective["indicators"]:
            if lacking := _missing_texts(indicator, MONITORING_PLAN):
                missing.append(
                    f"the monitoring plan of “{indicator['description'][:60]}”: "
                    f"{', '.join(lacking)}"
                )
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


ASSESSMENT_PLAN = {
    "initial_assessed_on": "the date of the initial assessment",
    "initial_assessment_method": "how the initial assessment was made",
    "initial_assessment_sources": "the sources of the initial assessment",
    "baseline_summary": "the baseline summary",
    "evaluation_questions": "the evaluation questions",
    "evaluation_timing": "when the initiative is evaluated",
    "evaluation_kind": "whether the evaluation is internal or independent",
}


def missing_assessment(doc: Doc) -> list[str]:
    """The initial assessment and the evaluation plan, needed to submit a Section 333 IDD;
    another authority's IDD may leave them out (its page says "Not written yet")."""
    if not is_section_333(doc):
        return []
    return _missing_texts(doc.get("assessment", {}), ASSESSMENT_PLAN)


# Each section's rule, by section slug.
MISSING: dict[str, Callable[[Doc], list[str]]] = {
    "basics": missing_basics,
    "context": missing_context,
    "deliverables": missing_deliverables,
    "us-inputs": missing_us_inputs,
    "objectives": missing_objectives,
    "sustainment": missing_sustainment,
    "commitment": missing_commitment,
    "risks": missing_risks,
    "assessment": missing_assessment,
}


def incomplete_sections(doc: Doc) -> list[tuple[Section, list[str]]]:
    """Every section with something missing, and what, in document order."""
    return [(section, missing) for section in SECTIONS if (missing := MISSING[section.slug](doc))]


def missing_parts(initiative: Initiative) -> list[str]:
    """Everything still to fill in before the IDD can be submitted, named for the planner
    ("Partner deliverables: how “…” will be verified"); empty when complete."""
    doc = snapshot(load(initiative.pk))
    return [
        f"{section.title}: {item}" for section, items in incomplete_sections(doc) for item in items
    ]
