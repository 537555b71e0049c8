"""Rules that are not database constraints give field messages a planner understands."""

import io
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from demo.large_initiative import build_reference_initiative
from idd.forms.review import CommentForm, DecisionForm
from idd.guided_form.steps import STEPS
from idd.models import Initiative, PriorAssistance
from tests import factories
from tests.guided_form.forms import submit
from tests.review.conftest import complete_initiative

pytestmark = pytest.mark.django_db


def messages(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_deliverable_due_outside_the_initiative_years_is_explained():
    initiative = factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2029)
    deliverable = factories.PartnerDeliverableFactory.build(
        initiative=initiative, due_fiscal_year=2031
    )
    assert messages(deliverable)["due_fiscal_year"] == [
        "FY2031 is outside this initiative's fiscal years (FY2027–FY2029)."
    ]


def test_us_input_outside_the_initiative_years_is_explained():
    initiative = factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2029)
    us_input = factories.USInputFactory.build(initiative=initiative, fiscal_year=2026)
    assert "outside this initiative's fiscal years" in messages(us_input)["fiscal_year"][0]


def test_prior_assistance_covers_the_three_years_before():
    initiative = factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2031)
    row = PriorAssistance(
        initiative=initiative, fiscal_year=2027, authority="333", description="Boats", amount=1
    )
    assert messages(row)["fiscal_year"] == [
        "Prior assistance covers the three fiscal years before the initiative: FY2024–FY2026."
    ]
    row.fiscal_year = 2024
    row.full_clean()


def test_model_errors_name_the_rule_from_the_constraint():
    initiative = factories.InitiativeFactory.build(
        partner=factories.PartnerFactory(),
        owner=factories.planner(),
        first_fiscal_year=2030,
        last_fiscal_year=2027,
    )
    assert "The last fiscal year cannot come before the first." in str(messages(initiative))


# --- What people type: bounded, and one line where the control is one line ----------------

OUR_APPS = ("idd", "assessments")


def text_fields():
    """Every text field of our models (the history copies included)."""
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField):
                    yield model, field


def test_no_text_field_is_unbounded():
    unbounded = [f"{m.__name__}.{f.name}" for m, f in text_fields() if not f.max_length]
    assert unbounded == []


def test_too_long_text_says_the_limit_and_how_much_was_typed():
    initiative = factories.InitiativeFactory(problem_statement="x" * 7_212)
    assert messages(initiative)["problem_statement"] == [
        "Keep this to 5,000 characters or fewer (you typed 7,212)."
    ]


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it():
    initiative = factories.InitiativeFactory(problem_statement="line\r\n" * 833)  # 4,998
    initiative.full_clean()


def test_every_text_control_of_the_guided_form_counts_against_its_limit_and_cuts_nothing(
    client, owner, teammate
):
    """Each text control sits in a USWDS character count carrying its limit, and none
    carries `maxlength`: a browser would silently cut a longer paste to the limit. Amounts
    of money are typed as text too (with or without separators) but are numbers: the
    money parser refuses anything that is not one, so they need no count; nor does the
    partner, typed to match a listed name (refused otherwise)."""
    initiative = complete_initiative(owner, teammate)
    client.force_login(owner)
    uncounted, cutting = [], []
    for step in STEPS:
        page = client.get(reverse("wizard_step", args=[initiative.pk, step.slug])).content
        groups = re.findall(
            r'<div class="usa-character-count[^"]*" data-maxlength="\d+">\s*<div[^>]*>.*?'
            r"(?:<textarea[^>]*>|<input[^>]*>)",
            page.decode(),
            re.S,
        )
        counted = {re.search(r'name="([^"]+)"', g[g.rindex("<") :]).group(1) for g in groups}
        controls = [
            control
            for control in re.findall(
                r'<textarea[^>]*>|<input[^>]*type="text"[^>]*>', page.decode()
            )
            if 'inputmode="decimal"' not in control  # money (idd/forms/money.py)
            and "data-partner-search" not in control  # a listed name (idd/forms/partner.py)
        ]
        for control in controls:
            name = re.search(r'name="([^"]+)"', control).group(1)
            if name not in counted:
                uncounted.append(f"{step.slug}: {control}")
            if "maxlength=" in control:
                cutting.append(f"{step.slug}: {control}")
    assert uncounted == []
    assert cutting == []
    basics = client.get(reverse("wizard_step", args=[initiative.pk, "basics"])).content.decode()
    assert re.search(r'data-maxlength="200">\s*<div id="div_id_title"', basics)
    assert "You can enter up to 200 characters" in basics


def test_too_long_text_on_a_step_is_refused_with_the_message_and_kept(client, owner):
    initiative = factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    typed = "The coast is unwatched. " * 300 + "Nobody patrols it."
    response = submit(
        client,
        reverse("wizard_step", args=[initiative.pk, "context"]),
        {"problem_statement": typed},
        button=("action", "save"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Keep this to 5,000 characters or fewer (you typed {len(typed):,})." in page
    assert typed in page
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == ""


def test_comments_and_reasons_are_bounded_too():
    long = "y" * 10_001
    comment = CommentForm({"comment-basics-body": long}, section="basics")
    assert comment.errors["body"] == ["Keep this to 10,000 characters or fewer (you typed 10,001)."]
    decision = DecisionForm({"decision-outcome": "approve", "decision-reason": long})
    assert "Keep this to 10,000" in decision.errors["reason"][0]


@pytest.mark.parametrize(
    ("typed", "what"),
    [
        ("Coastal\npatrol", "line break"),
        ("Coastal\rpatrol", "line break"),
        ("Coastal\tpatrol", "tab"),
        ("Coastal\u2028patrol", "line break"),
        ("Coastal\x00patrol", "invisible control character (U+0000)"),
        ("Coastal\x1bpatrol", "invisible control character (U+001B)"),
        ("Coastal\x85patrol", "line break"),
        ("Coastal\x9bpatrol", "invisible control character (U+009B)"),
    ],
)
def test_a_title_is_one_line_without_control_characters(typed, what):
    initiative = factories.InitiativeFactory()
    initiative.title = typed  # checked before it is stored: PostgreSQL refuses a NUL
    assert messages(initiative)["title"] == [f"Write this on one line: remove the {what}."]


def test_paragraphs_keep_line_breaks_and_tabs_but_no_other_control_character():
    initiative = factories.InitiativeFactory(problem_statement="First.\r\n\n\tSecond.")
    initiative.full_clean()
    initiative.problem_statement = "Pasted\x00text"
    assert messages(initiative)["problem_statement"] == [
        "Remove the invisible control character (U+0000) (often pasted from another program): "
        "it cannot be stored."
    ]


def test_a_nul_typed_into_a_step_is_explained_not_a_server_error(client, owner):
    initiative = factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    response = submit(
        client,
        reverse("wizard_step", args=[initiative.pk, "basics"]),
        {"title": "Coastal\x00patrol"},
        button=("action", "save"),
    )
    assert response.status_code == 200
    assert "Write this on one line: remove the invisible control character (U+0000)." in (
        response.content.decode()
    )


def test_the_demo_and_the_benchmark_reference_fit_the_limits():
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    build_reference_initiative()
    for model in (m for app in OUR_APPS for m in apps.get_app_config(app).get_models()):
        if model.__name__.startswith("Historical"):
            continue
        for obj in model._default_manager.all():
            obj.clean_fields()


def test_recorded_evidence_is_bounded_with_the_message(client, owner):
    deliverable = factories.PartnerDeliverableFactory(
        initiative=factories.InitiativeFactory(owner=owner)
    )
    initiative = deliverable.initiative
    client.force_login(owner)
    response = client.post(
        reverse("deliverable_record", args=[initiative.pk, deliverable.pk]),
        {"lock-version": initiative.version, "status": "delivered", "evidence": "z" * 5_001},
    )
    assert response.status_code == 200
    assert "Keep this to 5,000 characters or fewer (you typed 5,001)." in response.content.decode()
    deliverable.refresh_from_db()
    assert deliverable.evidence == ""
