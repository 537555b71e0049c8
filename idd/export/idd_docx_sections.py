"""The nine sections of the IDD's Word copy (`idd.export.idd_docx`), each as the PDF
prints it (templates/idd/sections/), from the snapshot. A stored revision approved before
a key was added lacks it: such keys are read with `.get`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import groupby
from typing import Any

from docx.document import Document as Docx

from assessments import presentation
from idd.document.costs import USCost, us_cost
from idd.document.section_333 import construction_inputs
from idd.document.shape import Document
from idd.export.docx_parts import captioned, labelled, passage, plural, printed_date, table
from idd.export.notification_blocks import usd


def _not_estimated(count: int) -> str:
    return f" ({count} not estimated)" if count else ""


def _cost_summary(cost: USCost) -> str:
    if not cost.inputs:
        return "No U.S. input yet"
    missing = cost.not_estimated
    years = "; ".join(f"FY{y.fiscal_year} {usd(y.cost)}" for y in cost.with_inputs)
    unknown = f" ({plural(missing, 'U.S. input')} not estimated)" if missing else ""
    return f"{usd(cost.total)} in total{unknown}: {years}"


def _basics(out: Docx, doc: Document) -> None:
    basics, meta = doc["basics"], doc["meta"]
    table(
        out,
        None,
        [
            ("Initiative", basics["title"]),
            ("Partner", basics["partner"]),
            ("Combatant command", basics["ccmd_label"]),
            ("Funding authority", basics["funding_authority"]),
            *(
                [
                    (
                        "Statutory purposes (10 U.S.C. 333(a))",
                        "; ".join(basics.get("statutory_purposes") or []) or "None chosen yet",
                    )
                ]
                if basics.get("section_333") or basics.get("statutory_purposes")
                else []
            ),
            ("Fiscal years", f"FY{basics['first_fiscal_year']}–FY{basics['last_fiscal_year']}"),
            ("Estimated U.S. cost", _cost_summary(us_cost(doc))),
            (
                "Targeted partner units",
                "; ".join(basics.get("targeted_units") or []) or "None named yet",
            ),
            ("Owner", meta["owner"]),
            ("Team", "; ".join(meta.get("team") or []) or "No team members"),
        ],
    )


def _context(out: Docx, doc: Document) -> None:
    context = doc["context"]
    passage(out, "Problem statement", context.get("problem_statement"))
    passage(out, "Campaign-plan objective", context.get("campaign_objective"))
    section_333 = doc["basics"].get("section_333", False)
    if section_333 or context.get("ics_objective"):
        passage(out, "Integrated country strategy objective", context.get("ics_objective"))
    passage(out, "Desired end state", context.get("desired_end_state"))
    passage(out, "Theory of change", context.get("theory_of_change"))
    if section_333:
        _state(out, context)
    out.add_heading("Prior U.S. assistance", level=2)
    prior = context.get("prior_assistance") or []
    if not prior:
        out.add_paragraph("None recorded.")
        return
    captioned(
        out,
        "U.S. assistance in the three fiscal years before the initiative",
        ("Fiscal year", "What was provided", "Authority", "Amount"),
        [
            (f"FY{p['fiscal_year']}", p["description"], p["authority"], usd(p["amount"]))
            for p in prior
        ],
        widths=(2, 6, 4, 3),
    )


def _state(out: Docx, context: Mapping[str, Any]) -> None:
    """State's concurrence and the joint planning (templates/idd/sections/state.html)."""
    out.add_heading("Planned with the Department of State (10 U.S.C. 333(b))", level=2)
    table(
        out,
        None,
        [
            (
                "State office that concurs",
                context.get("state_concurrence_office") or "Not named yet",
            ),
            (
                "State official who concurs",
                context.get("state_concurrence_person") or "Not named yet",
            ),
            ("State concurred on", printed_date(context.get("state_concurred_on")) or "Not yet"),
            (
                "Concurrence requested on",
                printed_date(context.get("state_concurrence_requested_on")) or "Not recorded",
            ),
        ],
    )
    passage(out, "Joint planning with the Department of State", context.get("state_joint_planning"))


def _construction(out: Docx, doc: Document) -> None:
    """templates/idd/sections/construction.html"""
    projects = construction_inputs(doc)
    if not projects:
        return
    out.add_heading("Construction projects", level=2)
    captioned(
        out,
        "Each construction project's location, title and cost, and the documents attached",
        ("Ref.", "Project title", "Location", "Cost", "DD Form 1391", "Master plan"),
        [
            (
                u.get("ref", ""),
                u.get("construction_project_title") or "Not named yet",
                u.get("construction_location") or "Not named yet",
                usd(u["estimated_cost"]) or "Not estimated",
                u.get("dd1391_reference") or "Not attached",
                u.get("master_plan_reference") or "Not attached",
            )
            for u in projects
        ],
    )


def _components(out: Docx, doc: Document) -> None:
    """templates/idd/sections/components.html"""
    out.add_heading("Components every Section 333 program includes (10 U.S.C. 333(c)(2))", level=2)
    components = doc.get("program_components") or []
    if not components:
        out.add_paragraph("Not written yet.")
        return
    captioned(
        out,
        "Law of armed conflict, human rights and civilian harm training, and institutional "
        "capacity building",
        ("Component", "What it covers", "Who", "When", "U.S. inputs that deliver it"),
        [
            (
                c["kind_label"],
                c["what"] or "Not written yet",
                c["who"] or "Not written yet",
                c["when"] or "Not written yet",
                "; ".join(f"{u['ref']} {u['title']}" for u in c["us_inputs"]) or "None linked",
            )
            for c in components
        ],
    )


def _ref(row: Mapping[str, Any], n: int) -> str:
    return row.get("ref") or str(n)


def _deliverables(out: Docx, doc: Document) -> None:
    rows: list[tuple[str, ...]] = []
    for n, d in enumerate(doc["deliverables"], start=1):
        detail = d["category_label"] + (f" · quantity {d['quantity']}" if d.get("quantity") else "")
        if gated := d.get("answered_by"):
            detail += " · gates " + ", ".join(u["ref"] for u in gated)
        risk = str(d["political_risk"])
        if d.get("political_risk_name"):
            risk += f" · {d['political_risk_name']}"
        rows.append(
            (
                _ref(d, n),
                f"{d['title']}\n{detail}",
                d["due_label"],
                risk,
                d["verification_method"] or "Not stated",
                d["status_label"],
            )
        )
    if not rows:
        out.add_paragraph("No partner deliverables yet.")
        return
    captioned(
        out,
        "What the partner provides, when, how it is verified, and what it costs the partner "
        "politically",
        (
            "Ref.",
            "Partner deliverable",
            "Due",
            "Political risk",
            "How it will be verified",
            "Status",
        ),
        rows,
        widths=(6, 16, 8, 12, 12, 10),
    )


def _us_inputs(out: Docx, doc: Document) -> None:
    inputs = doc["us_inputs"]
    if not inputs:
        out.add_paragraph("No U.S. inputs yet.")
        return
    captioned(
        out,
        "What the U.S. provides, and the partner deliverables each input is gated on",
        (
            "Ref.",
            "U.S. input",
            "Fiscal year",
            "Estimated cost",
            "Authority",
            "Answers partner deliverables",
        ),
        [
            (
                _ref(u, n),
                f"{u['title']}\n{u['category_label']}",
                u.get("when_label") or f"FY{u['fiscal_year']}",
                usd(u["estimated_cost"]) or "Not estimated",
                u["authority"],
                "; ".join(f"{m['ref']} {m['title']}" for m in u.get("matched") or [])
                or "Matched to no partner deliverable",
            )
            for n, u in enumerate(inputs, start=1)
        ],
        widths=(6, 15, 8, 9, 11, 15),
    )
    cost = us_cost(doc)
    captioned(
        out,
        "Estimated U.S. cost by fiscal year",
        ("Fiscal year", "U.S. inputs", "Estimated cost"),
        [
            *(
                (f"FY{y.fiscal_year}", str(y.inputs), usd(y.cost) + _not_estimated(y.not_estimated))
                for y in cost.years
            ),
            ("Total", str(cost.inputs), usd(cost.total) + _not_estimated(cost.not_estimated)),
        ],
    )
    _construction(out, doc)
    if doc["basics"].get("section_333"):
        _components(out, doc)


def _objectives(out: Docx, doc: Document) -> None:
    objectives = sorted(doc["objectives"], key=lambda o: o["fiscal_year"])
    if not objectives:
        out.add_paragraph("No yearly objectives yet.")
    for year, of_year in groupby(objectives, key=lambda o: o["fiscal_year"]):
        out.add_heading(f"FY{year}", level=2)
        rows: list[tuple[str, ...]] = []
        spans: list[tuple[int, int]] = []  # each objective's first and last row, merged
        for o in of_year:
            name = o["objective"] + (f"\nMilestones: {o['milestones']}" if o["milestones"] else "")
            indicators = [
                (i["description"], i["baseline"], i["target"], i["how_measured"])
                for i in o["indicators"]
            ] or [("No indicator yet.", "", "", "")]
            spans.append((len(rows) + 1, len(rows) + len(indicators)))
            rows += [(name if n == 0 else "", *cells) for n, cells in enumerate(indicators)]
        grid = captioned(
            out,
            f"FY{year} objectives and their indicators of success",
            (f"FY{year} objective", "Indicator", "Baseline", "Target", "How it is measured"),
            rows,
            widths=(4, 3, 2, 2, 3),
        )
        for first, last in spans:
            if last > first:
                grid.cell(first, 0).merge(grid.cell(last, 0))


def _sustainment(out: Docx, doc: Document) -> None:
    s = doc["sustainment"]
    passage(out, "Absorptive capacity", s.get("absorptive_capacity"))
    passage(out, "Sustainment plan", s.get("sustainment_plan"))
    table(
        out,
        None,
        [
            ("Annual sustainment cost", usd(s.get("sustainment_annual_cost")) or "Not estimated"),
            (
                "Source of funds after U.S. support ends",
                s.get("sustainment_funding_source") or "Not named",
            ),
        ],
    )


def _commitment(out: Docx, doc: Document) -> None:
    view = presentation.commitment_view(dict(doc["commitment"]))
    stored = len(doc["commitment"].get("history") or [])
    beside = f", beside {plural(stored, 'stored assessment')}" if stored else ""
    out.add_paragraph(
        f"Figures as of {view.as_of_label}, computed from the partner deliverables in this "
        f"document{beside}. The quadrant and trend charts, and how this assessment is made, "
        "are in the PDF."
    )
    if view.version_note:
        labelled(out, f"Method version {view.version}.", view.version_note)
    out.add_heading("Figures and where they come from", level=2)
    table(
        out,
        ("Figure", "Value", "Where it comes from"),
        [(f.label, f.value, f.explanation) for f in view.figures],
        widths=(3, 2, 7),
    )
    out.add_heading("Flags", level=2)
    if not view.flags:
        out.add_paragraph("No flags: the plan passes every rule of the method.")
    for flag in view.flags:
        out.add_paragraph().add_run(f"{flag['title']} ({flag['severity_label']})").bold = True
        labelled(out, "Rule:", flag["rule_text"])
        labelled(out, "Records involved:", "")
        for record in flag["records"]:
            out.add_paragraph(record, style="List Bullet")
        labelled(out, "What to do:", flag["action"])
    out.add_heading("The planner's ratings and justifications", level=2)
    table(
        out,
        ("Part", "Rating", "Score", "Justification"),
        [
            (
                r.group,
                r.label,
                f"{r.score} of 5" if r.score else "Not rated",
                r.justification or ("No justification given." if r.score else "—"),
            )
            for r in view.ratings
        ],
        widths=(3, 4, 2, 7),
    )


def _risks(out: Docx, doc: Document) -> None:
    if not doc["risks"]:
        out.add_paragraph("No risks named yet.")
        return
    captioned(
        out,
        "Risks, including those of the security cooperation dilemma, with likelihood and "
        "impact from 1 to 5",
        ("Category", "Risk", "Likelihood", "Impact", "Mitigation", "Owner"),
        [
            (
                r["category_label"],
                r["description"],
                str(r["likelihood"]),
                str(r["impact"]),
                r["mitigation"] or "None stated",
                r["owner"],
            )
            for r in doc["risks"]
        ],
        widths=(3, 5, 3, 2, 5, 3),
    )


def _assessment(out: Docx, doc: Document) -> None:
    plan: Mapping[str, Any] = doc.get("assessment") or {}
    out.add_heading("Initial assessment", level=2)
    table(
        out,
        None,
        [
            (
                "Date of the initial assessment",
                plan.get("initial_assessed_on_label") or "Not given",
            ),
            ("How it was made", plan.get("initial_assessment_method") or "Not given"),
            ("Sources", plan.get("initial_assessment_sources") or "Not given"),
        ],
    )
    passage(out, "Baseline summary", plan.get("baseline_summary"))
    out.add_heading("Monitoring plan", level=2)
    rows = [
        (
            f"FY{o['fiscal_year']}: {i['description']}",
            i.get("collected_by") or "Not given",
            i.get("collection_frequency") or "Not given",
            i.get("data_source") or "Not given",
        )
        for o in sorted(doc["objectives"], key=lambda o: o["fiscal_year"])
        for i in o["indicators"]
    ]
    if rows:
        captioned(
            out,
            "Who collects each indicator's data, how often, and from what source",
            ("Indicator", "Who collects the data", "How often", "Source of the data"),
            rows,
            widths=(5, 3, 2, 3),
        )
    else:
        out.add_paragraph("No indicators yet.")
    out.add_heading("Evaluation plan", level=2)
    table(
        out,
        None,
        [
            ("When it is evaluated", plan.get("evaluation_timing") or "Not given"),
            ("Internal or independent", plan.get("evaluation_kind_label") or "Not given"),
        ],
    )
    passage(out, "Evaluation questions", plan.get("evaluation_questions"))
    out.add_heading("Lessons learned", level=2)
    lessons = doc.get("lessons") or []
    if not lessons:
        out.add_paragraph("No lesson learned is recorded.")
    for lesson in lessons:
        labelled(
            out,
            f"{lesson['learned_on_label']} (revision {lesson['revision']}, recorded by "
            f"{lesson['recorded_by']}):",
            lesson["lesson"],
        )
        if lesson["action"]:
            labelled(out, "What to do about it:", lesson["action"])
        if lesson["source"]:
            labelled(out, "Source or evidence:", lesson["source"])


SECTION_WRITERS: dict[str, Callable[[Docx, Document], None]] = {
    "basics": _basics,
    "context": _context,
    "deliverables": _deliverables,
    "us-inputs": _us_inputs,
    "objectives": _objectives,
    "sustainment": _sustainment,
    "commitment": _commitment,
    "risks": _risks,
    "assessment": _assessment,
}
