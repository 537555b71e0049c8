"""A save refused because someone else saved first: the second save keeps their change.

The teammate opens a step, the owner saves a change meanwhile, the teammate saves theirs:
refused, with the owner's change shown and put into the form. Saving again writes only
what the teammate changed, so the owner's change survives, on every step."""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from assessments.models import CommitmentRatings
from idd.forms.conflicts import CLASH
from idd.models import Initiative, PartnerDeliverable
from idd.services.locking import claim_version
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db
HEADING = "What changed while you were editing"


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


def saved_by_someone_else(initiative, obj, **values) -> None:
    """Another editor's save: the object changed (with its history) and a new version."""
    stored = Initiative.objects.get(pk=initiative.pk)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    claim_version(stored, stored.version)


def row_field(page: dict, pk: int, name: str, under: str = "") -> str:
    """The name on the page of a field of the row with this id (`under`: its prefix)."""
    row = next(
        k for k, v in page.items() if k.startswith(under) and k.endswith("-id") and v == [str(pk)]
    )
    return f"{row.removesuffix('-id')}-{name}"


@dataclass
class Case:
    step: str
    theirs: dict[str, Any]  # the owner's change to the object
    mine: tuple[str, Any]  # the teammate's change: (field, value typed)

    def target(self, initiative):
        """The object both edit on this step (made here), and whether it is a row."""
        if self.step in ("basics", "context", "sustainment", "assessment"):
            return Initiative.objects.get(pk=initiative.pk), False
        if self.step == "commitment":
            return CommitmentRatings.objects.create(subject=initiative), False
        if self.step == "objectives":
            objective = factories.YearlyObjectiveFactory(initiative=initiative)
            return factories.IndicatorFactory(objective=objective), True
        factory = {
            "deliverables": factories.PartnerDeliverableFactory,
            "us-inputs": factories.USInputFactory,
            "risks": factories.RiskFactory,
        }[self.step]
        return factory(initiative=initiative), True


CASES = [
    Case("basics", {"title": "Their title"}, ("funding_authority", "332")),
    Case("context", {"problem_statement": "Their problem"}, ("theory_of_change", "My theory")),
    Case("deliverables", {"title": "Their deliverable"}, ("verification_method", "My roster")),
    Case("us-inputs", {"title": "Their boats"}, ("estimated_cost", "250000")),
    Case("objectives", {"target": "Their target"}, ("how_measured", "My patrol logs")),
    Case("sustainment", {"sustainment_plan": "Their plan"}, ("absorptive_capacity", "Mine")),
    Case("commitment", {"motivation": 4, "motivation_justification": "Theirs"}, ("budget", "2")),
    Case("risks", {"description": "Their risk"}, ("mitigation", "My mitigation")),
    Case(
        "assessment",
        {"baseline_summary": "Their baseline"},
        ("evaluation_questions", "My questions"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.step for c in CASES])
def test_saving_again_after_a_conflict_keeps_the_other_persons_change(
    client, initiative, teammate, case
):
    obj, is_row = case.target(initiative)
    url = step_url(initiative, case.step)
    client.force_login(teammate)
    page = page_fields(client.get(url).content.decode())
    saved_by_someone_else(initiative, obj, **case.theirs)

    name, typed = case.mine
    under = "ind" if case.step == "objectives" else ""  # the indicator, not its objective
    field = row_field(page, obj.pk, name, under) if is_row else name
    if case.step == "commitment":  # a rating needs its evidence
        page["budget_justification"] = ["The budget line was enacted."]
    refused = client.post(url, page | {field: [typed], "action": ["continue"]})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert HEADING in html

    again = client.post(url, page_fields(html) | {"action": ["continue"]})
    assert again.status_code == 302
    obj.refresh_from_db()
    for their_field, value in case.theirs.items():
        assert getattr(obj, their_field) == value  # not written back by the stale page
    assert str(getattr(obj, name)) == typed  # and the teammate's change saved


@pytest.fixture
def both_changed(client, initiative, teammate):
    """Both changed the problem statement; the teammate's first save was refused."""
    url = step_url(initiative, "context")
    client.force_login(teammate)
    page = page_fields(client.get(url).content.decode())
    saved_by_someone_else(
        initiative, Initiative.objects.get(pk=initiative.pk), problem_statement="Owner's words"
    )
    page |= {"problem_statement": ["Teammate's words"], "action": ["continue"]}
    refused = client.post(url, page)
    return url, refused.content.decode()


def test_a_field_both_changed_is_shown_side_by_side_with_a_choice(both_changed):
    _, html = both_changed
    assert "Owner&#x27;s words" in html  # theirs, beside
    assert "Teammate&#x27;s words</textarea>" in html  # the teammate's words stay in the form
    assert 'name="keep-problem_statement" value="theirs"' in html
    assert "Olive Owner" in html or "Someone" in html  # who saved it, from the audit trail


def test_saving_without_choosing_asks_to_choose_and_saves_nothing(client, initiative, both_changed):
    url, html = both_changed
    response = client.post(url, page_fields(html) | {"action": ["continue"]})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "choose which change to keep before saving: "
        '<a href="#keep-problem_statement">Problem statement</a>.'
    ) in page
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == "Owner's words"
    # The group itself is in error, its message inside, the summary's link pointing at it.
    group = re.search(
        r'<div class="usa-form-group usa-form-group--error">\s*'
        r'<fieldset class="usa-fieldset" id="keep-problem_statement" '
        r'aria-describedby="keep-problem_statement-error">.*?</fieldset>',
        page,
        re.S,
    )
    assert group is not None
    assert '<span class="usa-error-message" id="keep-problem_statement-error">' in group.group()


@pytest.mark.parametrize(
    "choice, kept", [("theirs", "Owner's words"), ("mine", "Teammate's words")]
)
def test_the_choice_decides_which_change_is_kept(client, initiative, both_changed, choice, kept):
    url, html = both_changed
    data = page_fields(html) | {"keep-problem_statement": [choice], "action": ["continue"]}
    assert data[CLASH] == ["problem_statement"]
    assert client.post(url, data).status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == kept


def test_rows_the_other_person_added_or_edited_survive_the_second_save(
    client, initiative, teammate
):
    edited = factories.PartnerDeliverableFactory(initiative=initiative, title="Designate")
    mine = factories.PartnerDeliverableFactory(initiative=initiative, title="Pass the law")
    url = step_url(initiative, "deliverables")
    client.force_login(teammate)
    page = page_fields(client.get(url).content.decode())
    saved_by_someone_else(initiative, edited, title="Designate the company", political_risk=4)
    added = factories.PartnerDeliverableFactory(initiative=initiative, title="Fund the fuel")

    page |= {row_field(page, mine.pk, "title"): ["Pass the maritime law"], "action": ["continue"]}
    html = client.post(url, page).content.decode()
    assert HEADING in html
    assert "They added partner deliverable “Fund the fuel”" in html
    assert client.post(url, page_fields(html) | {"action": ["continue"]}).status_code == 302

    rows = {d.pk: d for d in PartnerDeliverable.objects.filter(initiative=initiative)}
    assert (rows[edited.pk].title, rows[edited.pk].political_risk) == ("Designate the company", 4)
    assert rows[mine.pk].title == "Pass the maritime law"
    assert rows[added.pk].title == "Fund the fuel"


def test_removing_a_row_someone_else_changed_says_so(client, initiative, teammate):
    row = factories.RiskFactory(initiative=initiative, description="Patrols draw fire")
    url = step_url(initiative, "risks")
    client.force_login(teammate)
    page = page_fields(client.get(url).content.decode())
    saved_by_someone_else(initiative, row, mitigation="Patrol with the coast guard")
    page |= {row_field(page, row.pk, "DELETE"): ["on"], "action": ["continue"]}
    html = client.post(url, page).content.decode()
    assert "You ticked Remove on Risk 1 “" in html
    assert "Untick Remove to keep the row with their changes." in html
    row.refresh_from_db()  # nothing removed yet


def test_the_page_carries_fingerprints_of_what_was_read_not_the_texts_again(
    client, initiative, teammate
):
    """A step full of long texts stays within the request size Django accepts."""
    long_text = "Foreign trawlers fish the zone at night. " * 100
    Initiative.objects.filter(pk=initiative.pk).update(problem_statement=long_text.strip())
    client.force_login(teammate)
    page = client.get(step_url(initiative, "context")).content.decode()
    assert page.count("Foreign trawlers fish the zone at night.") == 100  # once, in the form
    assert len(page_fields(page)["lock-read"][0]) < 1000


@pytest.fixture
def deliverable_both_changed(client, initiative, teammate):
    """The owner changed a deliverable's verification and quantity; the teammate changed
    the verification too, and left the quantity as it was."""
    row = factories.PartnerDeliverableFactory(
        initiative=initiative, title="Patrol boat crews manned", quantity=30
    )
    url = step_url(initiative, "deliverables")
    client.force_login(teammate)
    page = page_fields(client.get(url).content.decode())
    saved_by_someone_else(initiative, row, verification_method="Site visit", quantity=31)
    page |= {row_field(page, row.pk, "verification_method"): ["Roster"], "action": ["continue"]}
    return client.post(url, page).content.decode()


def test_a_row_is_named_by_its_title_and_the_choice_asks_plainly(deliverable_both_changed):
    html = deliverable_both_changed
    assert (
        '<legend class="usa-legend margin-top-1">Partner deliverable 1 “Patrol boat crews '
        "manned”, how it will be verified: which to keep?</legend>"
    ) in html
    assert "Which how it will be verified" not in html


def test_a_field_only_they_changed_shows_what_it_was_and_what_it_is_now(
    deliverable_both_changed,
):
    item = re.search(
        r"<h3[^>]*>Partner deliverable 1 “Patrol boat crews manned”, quantity</h3>(.*?)</li>",
        deliverable_both_changed,
        re.S,
    )
    assert item is not None
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.group(1)))
    assert re.search(r"Was \(when you opened this page\) 30 Now \(saved by [^)]+\) 31", shown)


def test_a_refused_save_says_so_in_one_banner(deliverable_both_changed):
    html = deliverable_both_changed
    form = html[html.index('<form id="step-form"') :]
    assert html.count("usa-alert--error") == 1  # the error summary
    assert "usa-alert" not in form[: form.index("</form>")]  # what changed is no banner
    assert html.count("while you were editing") == 2  # the summary, and what changed
