"""The guided form's steps: their order, what each teaches, the forms each edits.

A step is complete when its section lacks nothing: `idd.document.completeness` judges that from
the IDD's data, so an initiative edited anywhere else shows the same progress here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from idd.document.completeness import MISSING, Doc
from idd.forms.assessment import AssessmentStep
from idd.forms.base import StepForms
from idd.forms.basics import BasicsStep
from idd.forms.commitment import CommitmentStep
from idd.forms.context import ContextStep
from idd.forms.deliverables import DeliverablesStep
from idd.forms.objectives import ObjectivesStep
from idd.forms.risks import RisksStep
from idd.forms.sustainment import SustainmentStep
from idd.forms.us_inputs import USInputsStep
from idd.reference.sections import SECTION_BY_SLUG

# The last step, where the planner checks the whole IDD and submits it: not the reviewers'
# review (idd.views.review). Its slug stays "review": bookmarked URLs and each
# initiative's stored `last_step` use it.
CHECK_AND_SUBMIT = "review"


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


def _step(slug: str, forms: type[StepForms], *guidance: str) -> Step:
    template = f"idd/guided_form/{slug.replace('-', '_')}.html"
    return Step(slug, SECTION_BY_SLUG[slug].title, guidance, forms, template, MISSING[slug])


STEPS: tuple[Step, ...] = (
    _step(
        "basics",
        BasicsStep,
        "Start with who and what: the partner, the authority that funds the initiative, and the "
        "fiscal years it runs. Most initiatives run five fiscal years: deep change takes that "
        "long, so plan for strategic patience.",
        "Name the specific partner units the initiative builds: a capability belongs to a unit "
        "that exists, is manned and is paid for.",
    ),
    _step(
        "context",
        ContextStep,
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
        "This is the center of the IDD: what the partner provides. Each partner deliverable is "
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
        "List what the U.S. provides (equipment, training, construction, advice) and match each "
        "input to the partner deliverables it is gated on. A U.S. input is provided only after "
        "the partner delivers (a later quarter than the one the deliverable is due in): that "
        "gating is what makes the plan credible.",
        "An input matched to nothing is a gift, and gifts show no commitment. The timeline "
        "below shows both sides year by year: check that partner deliverables come first.",
    ),
    _step(
        "objectives",
        ObjectivesStep,
        "Set an objective for each fiscal year and the indicators that show it was met: a "
        "baseline, a target and how it is measured. Indicators are observable facts (patrol "
        "days, personnel on the roster), not activities the U.S. completed.",
        "Pace the objectives to the partner: institutional reform is slow and contested, so "
        "early years build the unit and later years change the institution.",
    ),
    _step(
        "sustainment",
        SustainmentStep,
        "Absorptive capacity is part of commitment: the people, money, maintenance and "
        "institutions able to take in what is given. Describe what exists today, with evidence.",
        "Say who pays to run and maintain the capability after U.S. support ends, how much a "
        "year, and from which partner budget line. Equipment without partner-funded "
        "sustainment falls out of service.",
    ),
    _step(
        "commitment",
        CommitmentStep,
        "Rate the threat the partner faces, the willingness its decision makers state, and its "
        "absorptive capacity, each from 1 to 5, and write the evidence for each rating.",
        "These ratings are your judgment; demonstrated commitment is computed from the partner "
        "deliverables actually delivered, weighted by their political risk. The figures beside "
        "the form show where the plan stands and what to fix.",
    ),
    _step(
        "risks",
        RisksStep,
        "Name the risks of the security cooperation dilemma explicitly, beside ordinary "
        "program risks: entrapment (the U.S. drawn into the partner's conflicts), abandonment "
        "(the partner fears U.S. support will not come, and hedges) and sovereignty (accepting "
        "U.S. conditions costs the partner politically at home).",
        "For each, say how likely and how harmful it is, what you will do about it, and who "
        "owns it.",
    ),
    _step(
        "assessment",
        AssessmentStep,
        "The law asks a Section 333 program for an assessment, monitoring and evaluation plan "
        "(10 U.S.C. 383, DoD Instruction 5132.14); its IDD cannot be submitted without one. "
        "For other authorities it is good practice and optional here.",
        "Record the initial assessment the plan starts from, and how and when the initiative "
        "will be evaluated. The monitoring plan of each indicator (who collects the data, how "
        "often, from what source) is written with the indicator, on the objectives step. "
        "Lessons learned are recorded on the initiative's page once it is under way.",
    ),
    Step(
        CHECK_AND_SUBMIT,
        "Review",
        (
            "Read the whole IDD as a reviewer will. Each part still missing is listed with a "
            "link to its step. When nothing is missing, submit it for review.",
        ),
        None,
        "idd/guided_form/check_and_submit.html",
        lambda doc: [],
    ),
)
STEP_INDEX = {step.slug: index for index, step in enumerate(STEPS)}
STEP_BY_SLUG = {step.slug: step for step in STEPS}
FIRST_STEP = STEPS[0]


def neighbor(step: Step, offset: int) -> Step | None:
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
