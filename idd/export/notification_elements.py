"""What a 10 U.S.C. 333(e) notification says, element by element, from the IDD's snapshot.

Section 333(e) asks the notice to Congress for: (1) the foreign country and specific unit
whose capacity is built, and the amount, type and purpose of the support; (2) a detailed
evaluation of the country's and unit's capacity to absorb the training or equipment;
(3) the cost, implementation timeline and delivery schedule; (4) the arrangements for
sustainment, with the estimated cost and source of funds beyond the program's completion;
(5) the security assistance provided in the three preceding fiscal years (amount, type,
purpose); (6) the elements of the combatant command's theater security cooperation
(campaign) plan and of the integrated country strategy the program advances; and each
construction project's location, title and cost. It also shows what the rest of the
section asks of the program: its statutory purposes (333(a)), the Department of State's
concurrence and joint planning (333(b)), and its law of armed conflict, human rights and
civilian harm training and institutional capacity building components (333(c)(2)). The
IDD adds the partner's own deliverables and the commitment assessment.

Each element says what it answers, shows what the snapshot holds, and lists what the
snapshot lacks with the guided-form step that fills it, and what the IDD does not record at
all (to be written into the notice): a notification never goes out with a silently empty
element, and "Missing elements: None" only when nothing is. The HTML, the PDF and the
.docx are written from these elements, so they say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from assessments import fiscal, method, presentation
from idd.document import section_333
from idd.document.completeness import (
    ASSESSMENT_PLAN,
    MONITORING_PLAN,
    missing_commitment,
)
from idd.document.shape import Document, Objective
from idd.export.notification_blocks import (
    Block,
    Element,
    Facts,
    Table,
    blank,
    lacking,
    texts,
    total,
    usd,
)


def _fiscal_years(doc: Document) -> range:
    basics = doc["basics"]
    return range(basics["first_fiscal_year"], basics["last_fiscal_year"] + 1)


def recipient(doc: Document) -> Element:
    basics = doc["basics"]
    units = basics["targeted_units"]
    facts = Facts(
        (
            ("Country", basics["partner"]),
            ("Unit whose capacity is built", "; ".join(units)),
            ("Combatant command", basics["ccmd_label"]),
            ("Authority", basics["funding_authority"]),
            ("Fiscal years", f"FY{basics['first_fiscal_year']}–FY{basics['last_fiscal_year']}"),
        )
    )
    return Element(
        "recipient",
        "Recipient country and unit",
        "10 U.S.C. 333(e)(1): the foreign country, and the specific unit, whose capacity "
        "the program builds.",
        "basics",
        (facts,),
        lacking(
            ("the partner country", blank(basics["partner"])), ("the targeted unit", not units)
        ),
    )


def description(doc: Document) -> Element:
    context = doc["context"]
    return Element(
        "description",
        "Program description and the capability to be built",
        "10 U.S.C. 333(e)(1): the type and purpose of the support, and the capability it builds.",
        "context",
        texts(
            ("The problem the partner faces", context["problem_statement"]),
            ("The capability to be built (end state)", context["desired_end_state"]),
            ("How the program builds it", context["theory_of_change"]),
        ),
        lacking(
            ("the problem statement", blank(context["problem_statement"])),
            ("the desired end state (the capability)", blank(context["desired_end_state"])),
        ),
    )


def campaign(doc: Document) -> Element:
    objective = doc["context"]["campaign_objective"]
    ics = doc["context"].get("ics_objective", "")
    return Element(
        "campaign",
        "How the program nests in the campaign plan and the country strategy",
        "10 U.S.C. 333(e)(6): the elements of the combatant command's theater campaign "
        "(security cooperation) plan, and of the integrated country strategy, that the "
        "program advances.",
        "context",
        texts(
            ("Campaign-plan objective served", objective),
            ("Integrated country strategy objective served", ics),
        ),
        lacking(("the campaign-plan objective", blank(objective)))
        + tuple(section_333.missing_ics_objective(doc)),
    )


def purposes(doc: Document) -> Element:
    chosen = doc["basics"].get("statutory_purposes") or []
    return Element(
        "purposes",
        "Statutory purposes",
        "10 U.S.C. 333(a): the operations the program builds the partner's capacity to "
        "conduct, in the statute's words.",
        "basics",
        (Facts(tuple((f"Purpose {n}", p) for n, p in enumerate(chosen, start=1))),)
        if chosen
        else (),
        tuple(section_333.missing_purposes(doc)),
    )


def _day(value: str | None) -> str:
    return fiscal.format_date(date.fromisoformat(value)) if value else ""


def state(doc: Document) -> Element:
    context = doc["context"]
    concurred = _day(context.get("state_concurred_on"))
    asked = _day(context.get("state_concurrence_requested_on"))
    facts = Facts(
        (
            ("State office", context.get("state_concurrence_office") or "Not named"),
            ("State official", context.get("state_concurrence_person") or "Not named"),
            ("Concurred on", concurred or "Not yet"),
            ("Concurrence requested on", asked or "Not recorded"),
        )
    )
    return Element(
        "state",
        "Concurrence of the Secretary of State and joint planning",
        "10 U.S.C. 333(b): the program is planned and carried out jointly with the Secretary "
        "of State, with the Secretary of State's concurrence.",
        "context",
        (facts, *texts(("Joint planning", context.get("state_joint_planning", "")))),
        tuple(section_333.missing_state(doc)),
    )


def components(doc: Document) -> Element:
    entries = doc.get("program_components") or []
    rows = tuple(
        (
            c["kind_label"],
            c["what"] or "Not written",
            c["who"] or "Not written",
            c["when"] or "Not written",
            ", ".join(u["ref"] for u in c["us_inputs"]) or "None",
        )
        for c in entries
    )
    table = Table(
        "Required program components",
        ("Component", "What it covers", "Who", "When", "U.S. inputs"),
        rows,
    )
    return Element(
        "components",
        "Law of armed conflict, human rights and civilian harm training; institutional "
        "capacity building",
        "10 U.S.C. 333(c)(2) and the SAMM: every program includes training on the law of "
        "armed conflict, human rights and civilian harm, and an institutional capacity "
        "building component.",
        "us-inputs",
        (table,) if entries else (),
        tuple(section_333.missing_components(doc)),
    )


def construction(doc: Document) -> Element:
    projects = section_333.construction_inputs(doc)
    rows = tuple(
        (
            u["ref"],
            u.get("construction_project_title") or "Not named",
            u.get("construction_location") or "Not named",
            usd(u["estimated_cost"]) or "Not estimated",
            u.get("dd1391_reference") or "Not attached",
            u.get("master_plan_reference") or "Not attached",
        )
        for u in projects
    )
    table = Table(
        "Construction projects",
        ("Ref", "Project title", "Location", "Cost", "DD Form 1391", "Master plan"),
        rows,
        ("Total", "", "", total([u["estimated_cost"] for u in projects]), "", "")
        if len(projects) > 1
        else None,
    )
    return Element(
        "construction",
        "Construction projects",
        "10 U.S.C. 333(e): for each construction project, its location, title and cost.",
        "us-inputs",
        (table,) if projects else (Facts((("Construction projects", "None planned"),)),),
        tuple(section_333.missing_construction(doc)),
    )


def us_inputs(doc: Document) -> Element:
    inputs = doc["us_inputs"]
    rows = tuple(
        (
            u["ref"],
            u["title"],
            u["category_label"],
            u["when_label"],
            usd(u["estimated_cost"]) or "Not estimated",
            ", ".join(m["ref"] for m in u["matched"]) or "None",
        )
        for u in inputs
    )
    table = Table(
        "U.S. inputs (amount, type and purpose)",
        ("Ref", "What the U.S. provides", "Type", "When", "Estimated cost", "Answers"),
        rows,
        ("Total", "", "", "", total([u["estimated_cost"] for u in inputs]), ""),
    )
    return Element(
        "us-inputs",
        "U.S. inputs and their cost",
        "10 U.S.C. 333(e)(1) and (e)(3): the amount, type and purpose of the support, and "
        "its cost.",
        "us-inputs",
        (table,) if inputs else (),
        ("the U.S. inputs",)
        if not inputs
        else tuple(
            f"the estimated cost of {u['ref']} “{u['title']}”"
            for u in inputs
            if u["estimated_cost"] in (None, "")
        ),
    )


def budget(doc: Document) -> Element:
    inputs = doc["us_inputs"]
    costed = [u for u in inputs if u["estimated_cost"] not in (None, "")]
    rows = tuple(
        (
            f"FY{year}",
            str(len([u for u in inputs if u["fiscal_year"] == year])),
            total([u["estimated_cost"] for u in inputs if u["fiscal_year"] == year]),
        )
        for year in _fiscal_years(doc)
    )
    table = Table(
        "Budget by fiscal year",
        ("Fiscal year", "U.S. inputs", "Estimated cost"),
        rows,
        ("Total", str(len(inputs)), total([u["estimated_cost"] for u in inputs])),
    )
    return Element(
        "budget",
        "Budget by fiscal year",
        "10 U.S.C. 333(e)(3): the cost of the assistance under the program.",
        "us-inputs",
        (table,) if costed else (),
        () if costed else ("the estimated cost of the U.S. inputs",),
    )


def _milestones(doc: Document, year: int, objective: Objective | None) -> str:
    """The milestones of a fiscal year: the objective's as written and its indicators'
    targets, then the dated steps of the plan that year (each partner deliverable due,
    each U.S. input delivered)."""
    lines = []
    if objective:
        lines += [objective["milestones"].strip()] if objective["milestones"].strip() else []
        lines += [f"Target: {i['description']} {i['target']}" for i in objective["indicators"]]
    lines += [
        f"{d['ref']} due {d['due_label']}: {d['title']}"
        for d in doc["deliverables"]
        if d["due_fiscal_year"] == year
    ]
    lines += [
        f"{u['ref']} {u['when_label']}: {u['title']}"
        for u in doc["us_inputs"]
        if u["fiscal_year"] == year
    ]
    return "\n".join(lines)


def timeline(doc: Document) -> Element:
    objectives = {o["fiscal_year"]: o for o in doc["objectives"]}
    rows = tuple(
        (
            f"FY{year}",
            objectives[year]["objective"] if year in objectives else "Not set",
            _milestones(doc, year, objectives.get(year)),
        )
        for year in _fiscal_years(doc)
    )
    table = Table("Implementation timeline", ("Fiscal year", "Objective", "Milestones"), rows)
    absent = [
        f"the objective for FY{year}" for year in _fiscal_years(doc) if year not in objectives
    ]
    absent += [
        f"the milestones of FY{year}"
        for year, row in zip(_fiscal_years(doc), rows, strict=True)
        if year in objectives and not row[2]
    ]
    return Element(
        "timeline",
        "Implementation timeline and milestones",
        "10 U.S.C. 333(e)(3): the implementation timeline of the program.",
        "objectives",
        (table,) if objectives else (),
        tuple(absent),
        note="Milestones: the yearly objective's milestones and indicator targets, then the "
        "partner deliverables due (D) and the U.S. inputs delivered (U) that fiscal year.",
    )


def delivery(doc: Document) -> Element:
    inputs = doc["us_inputs"]
    rows = tuple(
        (
            u["when_label"],
            f"{u['ref']} {u['title']}",
            "; ".join(f"{m['ref']} {m['title']}" for m in u["matched"]) or "Not gated",
        )
        for u in inputs
    )
    table = Table(
        "Delivery schedule",
        ("When", "U.S. input delivered", "After the partner delivers"),
        rows,
    )
    return Element(
        "delivery",
        "Delivery schedule",
        "10 U.S.C. 333(e)(3): the delivery schedule for the assistance under the program.",
        "us-inputs",
        (table,) if inputs else (),
        () if inputs else ("the U.S. inputs and when each is delivered",),
        note="An input without a quarter is scheduled by fiscal year only."
        if any(u["fiscal_quarter"] is None for u in inputs)
        else "",
    )


def absorptive_capacity(doc: Document) -> Element:
    text = doc["sustainment"]["absorptive_capacity"]
    ratings = [
        (
            f"Rating: {r['label']}",
            f"{r['score']} of {method.SCALE_MAX}. {r['justification']}".strip(),
        )
        for r in doc["commitment"]["ratings"]
        if r.get("group", "").lower().startswith("absorptive") and r.get("score") is not None
    ]
    blocks: tuple[Block, ...] = texts(("Evaluation", text))
    if ratings:
        blocks += (Facts(tuple(ratings)),)
    return Element(
        "absorptive-capacity",
        "Assessment of absorptive capacity",
        "10 U.S.C. 333(e)(2): a detailed evaluation of the capacity of the country and "
        "unit to absorb the training or equipment.",
        "sustainment",
        blocks,
        lacking(("the partner's absorptive capacity", blank(text))),
    )


def sustainment(doc: Document) -> Element:
    s = doc["sustainment"]
    facts = Facts(
        (
            ("Estimated annual cost", usd(s["sustainment_annual_cost"]) or "Not estimated"),
            ("Source of funds after completion", s["sustainment_funding_source"] or "Not named"),
        )
    )
    return Element(
        "sustainment",
        "Sustainment plan, its cost and source of funds",
        "10 U.S.C. 333(e)(4): the arrangements for sustainment, and the estimated cost and "
        "source of funds to sustain the capability beyond the program's completion.",
        "sustainment",
        (*texts(("Sustainment plan", s["sustainment_plan"])), facts),
        lacking(
            ("the sustainment plan", blank(s["sustainment_plan"])),
            ("the annual sustainment cost", s["sustainment_annual_cost"] in (None, "")),
            (
                "the source of funds after U.S. support ends",
                blank(s["sustainment_funding_source"]),
            ),
        ),
    )


def prior_assistance(doc: Document) -> Element:
    first = doc["basics"]["first_fiscal_year"]
    years = range(first - 3, first)
    entries = [p for p in doc["context"]["prior_assistance"] if p["fiscal_year"] in years]
    rows = tuple(
        (f"FY{p['fiscal_year']}", p["authority"], p["description"], usd(p["amount"]))
        for p in sorted(entries, key=lambda p: p["fiscal_year"])
    )
    table = Table(
        f"Assistance FY{years[0]}–FY{years[-1]}",
        ("Fiscal year", "Authority", "Type and purpose", "Amount"),
        rows,
        ("Total", "", "", total([p["amount"] for p in entries])),
    )
    without = [f"FY{y}" for y in years if all(p["fiscal_year"] != y for p in entries)]
    return Element(
        "prior-assistance",
        "Assistance in the three preceding fiscal years",
        "10 U.S.C. 333(e)(5): the amount, type and purpose of the security assistance "
        "provided in the three preceding fiscal years (title 10, the Foreign Assistance Act "
        "and other train-and-equip authorities).",
        "context",
        (table,) if entries else (),
        () if entries else (f"the assistance of FY{years[0]}–FY{years[-1]}",),
        note=f"No assistance is recorded for {', '.join(without)}." if entries and without else "",
    )


def deliverables(doc: Document) -> Element:
    rows = tuple(
        (
            d["ref"],
            d["title"],
            d["due_label"],
            f"{d['political_risk']} – {d['political_risk_name']}",
            d["verification_method"],
            d["status_label"],
        )
        for d in doc["deliverables"]
    )
    table = Table(
        "What the partner delivers",
        ("Ref", "Partner deliverable", "Due", "Political risk", "How it is verified", "Status"),
        rows,
    )
    return Element(
        "deliverables",
        "The partner's own deliverables",
        "Added by the IDD (not a 333(e) element): what the partner commits to do, each "
        "dated and verifiable, on which the U.S. inputs are gated.",
        "deliverables",
        (table,) if rows else (),
        () if rows else ("the partner deliverables",),
    )


def commitment(doc: Document) -> Element:
    c = doc["commitment"]
    figures = presentation.figures(c["inputs"], c["result"])
    facts = Facts(tuple((f.label, f.in_one_line()) for f in figures))
    return Element(
        "commitment",
        "Commitment assessment",
        "Added by the IDD (not a 333(e) element): the partner's demonstrated and stated "
        f"commitment as of {c['as_of_label']}, in support of the evaluation under 333(e)(2).",
        "commitment",
        (facts,),
        tuple(missing_commitment(doc)),
    )


def assessment(doc: Document) -> Element:
    plan: Mapping[str, Any] = doc.get("assessment") or {}
    indicators = [(o, i) for o in doc["objectives"] for i in o["indicators"]]
    facts = Facts(
        (
            (
                "Date of the initial assessment",
                plan.get("initial_assessed_on_label") or "Not given",
            ),
            ("How it was made", plan.get("initial_assessment_method") or "Not given"),
            ("Sources", plan.get("initial_assessment_sources") or "Not given"),
            ("When it is evaluated", plan.get("evaluation_timing") or "Not given"),
            ("Internal or independent", plan.get("evaluation_kind_label") or "Not given"),
        )
    )
    table = Table(
        "Monitoring plan",
        ("Indicator", "Who collects the data", "How often", "Source of the data"),
        tuple(
            (
                f"FY{o['fiscal_year']}: {i['description']}",
                i.get("collected_by") or "Not given",
                i.get("collection_frequency") or "Not given",
                i.get("data_source") or "Not given",
            )
            for o, i in indicators
        ),
    )
    lessons = doc.get("lessons") or []
    missing = [label for key, label in ASSESSMENT_PLAN.items() if blank(plan.get(key))]
    missing += [
        f"the monitoring plan of “{i['description'][:60]}” ({', '.join(lacks)})"
        for _, i in indicators
        if (
            lacks := [label for key, label in MONITORING_PLAN.items() if blank(str(i.get(key, "")))]
        )
    ]
    return Element(
        "assessment",
        "Assessment, monitoring and evaluation",
        "10 U.S.C. 383 and DoD Instruction 5132.14, for a program under 10 U.S.C. 333: the "
        "initial assessment (baseline), the monitoring plan of each indicator, the "
        "evaluation plan, and the lessons learned so far.",
        "assessment",
        (
            facts,
            *texts(
                ("Baseline summary", plan.get("baseline_summary") or ""),
                ("Evaluation questions", plan.get("evaluation_questions") or ""),
            ),
            *((table,) if indicators else ()),
            *texts(*((f"Lesson learned {x['learned_on_label']}", x["lesson"]) for x in lessons)),
        ),
        tuple(missing) if indicators else (*missing, "the indicators and their monitoring plan"),
    )


BUILDERS = (
    recipient,
    purposes,
    state,
    description,
    campaign,
    us_inputs,
    construction,
    budget,
    timeline,
    delivery,
    components,
    absorptive_capacity,
    sustainment,
    prior_assistance,
    deliverables,
    commitment,
    assessment,
)


def elements(doc: Document) -> tuple[Element, ...]:
    """Every element of the notification, in the order the memo gives them."""
    return tuple(build(doc) for build in BUILDERS)
