"""The assessment, monitoring and evaluation plan (10 U.S.C. 383, DoDI 5132.14): listed as
missing where not given, and needed to submit when the authority is Section 333."""

import pytest

from idd.document.completeness import missing_parts
from idd.document.snapshot import load, snapshot
from idd.guided_form.steps import STEP_BY_SLUG
from idd.models import Indicator, Initiative
from idd.reference.choices import FundingAuthority
from idd.services import review
from tests import factories

pytestmark = pytest.mark.django_db
PLAN_FIELDS = list(factories.ASSESSMENT_PLAN)


def missing(initiative, slug: str) -> list[str]:
    return STEP_BY_SLUG[slug].missing(snapshot(load(initiative.pk)))


def without_plan(initiative) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        **{name: None if name == "initial_assessed_on" else "" for name in PLAN_FIELDS}
    )


def test_a_section_333_idd_lists_each_part_of_the_plan_not_given(owner, teammate):
    initiative = factories.complete_initiative(owner, teammate)
    without_plan(initiative)
    assert missing(initiative, "assessment") == [
        "the date of the initial assessment",
        "how the initial assessment was made",
        "the sources of the initial assessment",
        "the baseline summary",
        "the evaluation questions",
        "when the initiative is evaluated",
        "whether the evaluation is internal or independent",
    ]


def test_an_indicator_without_its_monitoring_plan_is_missing_on_the_objectives_step(
    owner, teammate
):
    initiative = factories.complete_initiative(owner, teammate)
    indicator = Indicator.objects.filter(objective__initiative=initiative).first()
    Indicator.objects.filter(pk=indicator.pk).update(collected_by="", data_source="  ")
    assert missing(initiative, "objectives") == [
        f"the monitoring plan of “{indicator.description}”: who collects the data, the source"
    ]


def test_a_section_333_idd_without_the_plan_cannot_be_submitted(owner, teammate):
    initiative = factories.complete_initiative(owner, teammate)
    assert missing_parts(initiative) == []
    Initiative.objects.filter(pk=initiative.pk).update(evaluation_kind="")
    initiative.refresh_from_db()
    assert missing_parts(initiative) == [
        "Assessment, monitoring and evaluation: whether the evaluation is internal or independent"
    ]
    refusal = review.step_refusal(initiative, owner, "submit")
    assert refusal is not None and "whether the evaluation is internal or independent" in refusal


def test_another_authority_may_submit_without_the_plan(owner, teammate):
    initiative = factories.complete_initiative(
        owner, teammate, funding_authority=FundingAuthority.SECTION_332
    )
    without_plan(initiative)
    Indicator.objects.filter(objective__initiative=initiative).update(collected_by="")
    initiative.refresh_from_db()
    assert missing(initiative, "assessment") == []
    assert missing_parts(initiative) == []
    assert review.step_refusal(initiative, owner, "submit") is None
