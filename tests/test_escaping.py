"""Whatever a planner or reviewer types is shown as text, never obeyed as markup.

One initiative is built once with hostile markup in every text field of every model
that holds what people type (enumerated from `_meta`, so a new field is covered the day
it is added), taken through the whole review workflow, and every page that shows it is
parsed: no element the markup would create may exist, and the title reads as typed.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core import mail
from django.db import models, transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import CommitmentAssessment, CommitmentRatings
from idd.guided_form.steps import STEPS
from idd.models import (
    Indicator,
    Initiative,
    Partner,
    PartnerDeliverable,
    PartnerUnit,
    PriorAssistance,
    ReviewComment,
    ReviewDecision,
    Revision,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.services import comments, commitment_record, password_rules, review
from tests import factories
from tests.factories import complete_initiative

pytestmark = pytest.mark.django_db

# Each piece would be live markup if printed unescaped: an element, an attribute
# break-out with a button that posts elsewhere, the end of a text area, a redirect, and
# template syntax that must stay literal.
HOSTILE = '<b id=x>"><button formaction=/x>{{ 7 }}</textarea><meta http-equiv=refresh content=0>'
# What people type, per model; user names are typed too (the admin sets them).
TYPED_MODELS = (
    Initiative,
    Partner,
    PartnerUnit,
    PartnerDeliverable,
    USInput,
    YearlyObjective,
    Indicator,
    Risk,
    PriorAssistance,
    CommitmentRatings,
    ReviewComment,
    ReviewDecision,
    User,
)
# Text fields nobody types: they are set by the application.
NOT_TYPED = {
    (Initiative, "last_step"),
    (User, "username"),
    (User, "password"),
    (User, "email"),
}


def typed_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and (model, field.name) not in NOT_TYPED
    ]


def hostile(model, field: models.Field, round_: str = "") -> str:
    """The hostile text, tagged with the field it was typed into, to name a leak."""
    text = f"{model.__name__[:3]}.{field.name[:12]}{round_}{HOSTILE}"
    assert len(text) <= (field.max_length or len(text)), f"{field} is too short for the test"
    return text


def fill(instance, round_: str = "") -> None:
    for field in typed_fields(type(instance)):
        setattr(instance, field.attname, hostile(type(instance), field, round_))
    instance.save()


class Page(HTMLParser):
    """The elements the hostile markup would create, and the page's text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if (
            (tag == "b" and dict(attrs).get("id") == "x")
            or (tag == "button" and "formaction" in names)
            or (tag == "meta" and "http-equiv" in names)
        ):
            self.live.append(self.get_starttag_text())

    def handle_data(self, data):
        self.text.append(data)

    def shows(self, text: str) -> bool:
        return any(text in chunk for chunk in self.text)


@pytest.fixture(scope="module")
def idd(django_db_setup, django_db_blocker, tmp_path_factory):
    """The hostile initiative, through review, approval, a second revision returned for
    changes; with every e-mail the workflow sent. Rolled back after the module."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        mail.outbox.clear()  # built before the per-test clearing: an earlier test's mail
        owner, teammate = factories.planner(username="owner"), factories.planner()
        reviewer = factories.reviewer(username="reviewer")
        superuser = User.objects.create_superuser("admin", "admin@example.mil", "x")
        password_rules.renew(superuser)  # its own password, not a temporary one
        initiative = complete_initiative(owner, teammate)
        PriorAssistance.objects.create(
            initiative=initiative, fiscal_year=2026, authority="333", description="-", amount=1
        )
        fill(owner)

        def fill_initiative(round_: str) -> None:
            fill(Initiative.objects.get(pk=initiative.pk), round_)
            for model in TYPED_MODELS:
                if model in (Initiative, User, ReviewComment, ReviewDecision):
                    continue
                for row in model.objects.all():
                    fill(row, round_)

        fill_initiative("")
        message = hostile(ReviewComment, ReviewComment._meta.get_field("body"))
        reason = hostile(ReviewDecision, ReviewDecision._meta.get_field("reason"))

        def step(action, user, *args):
            with TestCase.captureOnCommitCallbacks(execute=True):
                action(Initiative.objects.get(pk=initiative.pk), user, *args)

        current = Initiative.objects.get(pk=initiative.pk)
        commitment_record.record_assessment(current, owner, current.version)
        step(review.submit, owner)
        step(review.start_review, reviewer)
        step(review.approve, reviewer, reason)
        step(review.start_revision, owner)
        fill_initiative("B")  # revision 2 differs everywhere: the comparison shows both
        step(review.submit, owner)
        step(review.start_review, reviewer)
        current = Initiative.objects.get(pk=initiative.pk)
        thread = comments.add_comment(current, reviewer, "basics", message)
        comments.reply(thread, owner, message)
        step(review.request_changes, reviewer, reason)
        yield {
            "initiative": Initiative.objects.get(pk=initiative.pk),
            "owner": owner,
            "reviewer": reviewer,
            "admin": superuser,
            "emails": list(mail.outbox),
        }
        transaction.set_rollback(True)


def pages(idd) -> list[tuple[str, User]]:
    """Every page that shows the initiative, and who looks at it."""
    pk, owner, reviewer = idd["initiative"].pk, idd["owner"], idd["reviewer"]
    shown = [
        (reverse("dashboard"), owner),
        (reverse("initiative_list"), owner),
        (reverse("initiative_detail", args=[pk]), owner),
        *((reverse("wizard_step", args=[pk, step.slug]), owner) for step in STEPS),
        (reverse("initiative_review", args=[pk]), owner),
        (reverse("initiative_review", args=[pk]), reviewer),
        (reverse("revision_list", args=[pk]), owner),
        (reverse("revision_detail", args=[pk, 1]), reviewer),
        (reverse("revision_diff", args=[pk]), reviewer),
        (reverse("initiative_history", args=[pk]), reviewer),
        (reverse("initiative_print", args=[pk]), reviewer),
        (reverse("commitment_overview", args=[pk]), owner),
        (reverse("commitment_record", args=[pk]), owner),
        *(
            (reverse("commitment_assessment", args=[pk, a.pk]), owner)
            for a in CommitmentAssessment.objects.all()
        ),
        *(
            (reverse("deliverable_record", args=[pk, d.pk]), owner)
            for d in PartnerDeliverable.objects.all()
        ),
        *(
            (reverse("us_input_record", args=[pk, u.pk]), owner)
            for u in USInput.objects.filter(initiative_id=pk)
        ),
    ]
    # The admin: every object of every registered model, its change page and history.
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("idd", "assessments"):
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for obj in model._default_manager.all():
            shown.append((reverse(f"{name}_change", args=[obj.pk]), idd["admin"]))
            if isinstance(model_admin, SimpleHistoryAdmin):
                shown.append((reverse(f"{name}_history", args=[obj.pk]), idd["admin"]))
                for record in obj.history.all()[:1]:
                    url = reverse(f"{name}_simple_history", args=[obj.pk, record.pk])
                    shown.append((url, idd["admin"]))
    return shown


def test_every_page_shows_typed_markup_as_text(idd, client):
    title = idd["initiative"].title
    leaks, unreadable = [], []
    for url, user in pages(idd):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        page = Page(response.content.decode())
        leaks += [f"{url}: {element}" for element in page.live]
        if not url.startswith("/admin/") and not page.shows(title):
            unreadable.append(url)
    assert leaks == []
    assert unreadable == []


def test_the_pages_cover_every_step_and_admin_object(idd):
    urls = [url for url, _ in pages(idd)]
    assert len([u for u in urls if "/edit/" in u]) == len(STEPS)
    for model in (Partner, PartnerUnit, Initiative, ReviewDecision, Revision):
        assert any(f"/admin/idd/{model._meta.model_name}/" in u for u in urls), model


def test_emails_carry_the_text_as_typed(idd):
    """Text e-mails are not HTML: the title and reason arrive exactly as typed."""
    reason = hostile(ReviewDecision, ReviewDecision._meta.get_field("reason"))
    emails = idd["emails"]
    assert len(emails) == 7  # one for each step of the workflow the fixture took
    for email in emails:
        assert email.subject.startswith("Ini.title") and HOSTILE in email.subject
        assert HOSTILE in email.body
        assert "&lt;" not in email.body and "&quot;" not in email.body
    assert reason in emails[-1].body
