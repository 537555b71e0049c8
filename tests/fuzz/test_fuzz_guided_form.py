"""Hostile POSTs to every step of the guided form, built from the rendered step.

Whatever is posted: never a 500; a refusal shows the error summary; nothing stored that
the form should have refused (control characters, texts past their limit), no rows past
a formset's cap, and nothing of another initiative touched or linked.
"""

import pytest
from django import forms
from django.urls import reverse
from hypothesis import strategies as st

from idd.guided_form.steps import STEP_BY_SLUG, STEPS
from idd.models import Initiative, PriorAssistance
from tests import factories
from tests.factories import complete_initiative
from tests.fuzz.harness import post_and_judge, run_fuzz, unchanged
from tests.fuzz.pages import form_posting_to
from tests.fuzz.requests import hostile_post

pytestmark = pytest.mark.django_db
EDITED_STEPS = [step.slug for step in STEPS if step.forms is not None]
MOST_FIELDS = 900  # a flood stays under Django's 1,000 fields a request


def with_rows(**kwargs) -> Initiative:
    """A complete IDD with more rows to borrow: four deliverables, two U.S. inputs each
    matched to its own, and prior assistance."""
    initiative = complete_initiative(**kwargs)
    more = factories.PartnerDeliverableFactory.create_batch(2, initiative=initiative)
    factories.USInputFactory(initiative=initiative).matched_deliverables.add(more[0])
    PriorAssistance.objects.create(
        initiative=initiative, fiscal_year=2025, authority="333", description="Boats", amount=1
    )
    return initiative


def row_ids(initiative: Initiative) -> list[str]:
    """Every id a forged request could borrow from this initiative."""
    ids = [initiative.pk, initiative.partner_id]
    ids += initiative.partner.units.values_list("pk", flat=True)
    for rows in (
        "partner_deliverables",
        "us_inputs",
        "yearly_objectives",
        "risks",
        "prior_assistance",
    ):
        ids += getattr(initiative, rows).values_list("pk", flat=True)
    for objective in initiative.yearly_objectives.all():
        ids += objective.indicators.values_list("pk", flat=True)
    return [str(i) for i in ids]


def formsets(initiative: Initiative, user, slug: str) -> list[forms.BaseFormSet]:
    """The step's row formsets as stored now, nested ones included."""
    parts = STEP_BY_SLUG[slug].forms(initiative, user).parts
    found = [p for p in parts if isinstance(p, forms.BaseFormSet)]
    for part in list(found):
        found += [f.nested for f in part.forms if getattr(f, "nested", None) is not None]
    return found


def over_cap(initiative: Initiative, user, slug: str) -> list[str]:
    fresh = Initiative.objects.get(pk=initiative.pk)
    return [
        f"{fs.prefix}: {fs.get_queryset().count()} rows, over {fs.absolute_max}"
        for fs in formsets(fresh, user, slug)
        if fs.get_queryset().count() > fs.absolute_max
    ]


def flood(draw, data: dict, caps: dict[str, int]) -> None:
    """Copy a row past its formset's cap, TOTAL_FORMS forged to match."""
    prefix = draw(st.sampled_from(sorted(caps)))
    row = {k.split("-")[-1]: v for k, v in data.items() if k.startswith(f"{prefix}-0-")}
    row.pop("id", None)
    start = int(data.get(f"{prefix}-INITIAL_FORMS", ["0"])[0])
    total = caps[prefix] + 1
    if not row or total * len(row) > MOST_FIELDS:
        return
    for index in range(start, total):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    data[f"{prefix}-TOTAL_FORMS"] = [str(total)]


@pytest.mark.parametrize("slug", EDITED_STEPS)
def test_hostile_posts_to_a_step(client, owner, teammate, outsider, slug, record_property):
    mine = with_rows(owner=owner, team_members=[teammate])
    theirs = with_rows(owner=outsider)
    foreign = row_ids(theirs)
    client.force_login(owner)
    url = reverse("wizard_step", args=[mine.pk, slug])
    first = form_posting_to(client.get(url).content.decode())
    pages = [first] + [
        form_posting_to(client.get(f"{url}?add={prefix}").content.decode())
        for prefix in sorted({value for name, value in first.buttons if name == "add"})
    ]
    caps = {fs.prefix: fs.absolute_max for fs in formsets(mine, owner, slug)}
    theirs_unchanged = unchanged(theirs)

    def check(draw):
        page = pages[draw(st.integers(0, len(pages) - 1))]
        base = page.data()
        if caps and draw(st.integers(0, 4)) == 0:
            flood(draw, base, caps)
        data, sent = hostile_post(draw, page, foreign, base=base)
        post_and_judge(
            client,
            f"step {slug}",
            url,
            data,
            sent,
            lambda: over_cap(mine, owner, slug),
            lambda: [] if theirs_unchanged() else ["another initiative's rows changed"],
        )

    run_fuzz(record_property, check)
