"""Hostile POSTs to every form outside the guided form's steps, built from the rendered
page: create an initiative, record an assessment, a delivery, a measurement or a lesson
learned (and correct or withdraw one), comment, reply, resolve, the reviewer's decision
(approve and request changes), and sign in.

Same judgment as the steps: never a 500, a refusal says why, nothing stored that should
have been refused, never a redirect off the site, nothing of another initiative touched.
"""

from datetime import date

import pytest
from django.urls import reverse
from hypothesis import strategies as st

from assessments.models import CommitmentAssessment
from idd.models import (
    Indicator,
    IndicatorMeasurement,
    Initiative,
    LessonLearned,
    ReviewComment,
    ReviewDecision,
)
from idd.services import review
from tests import factories
from tests.factories import complete_initiative
from tests.fuzz.harness import post_and_judge, run_fuzz, sweep_extremes, unchanged
from tests.fuzz.hostile import REDIRECTS, Sent
from tests.fuzz.pages import form_posting_to, forms_of
from tests.fuzz.requests import hostile_post

pytestmark = pytest.mark.django_db


def at_most(model, more: int, **filters):
    """A probe: no more than `more` new rows of `model` (matching `filters`)."""
    before = model.objects.filter(**filters).count()

    def probe() -> list[str]:
        now = model.objects.filter(**filters).count()
        return [f"{now - before} new {model.__name__} rows"] if now - before > more else []

    return probe


def theirs_probe(initiative: Initiative):
    same = unchanged(initiative)
    return lambda: [] if same() else ["another initiative changed"]


def test_hostile_create_initiative(client, owner, teammate, outsider, record_property):
    theirs = complete_initiative(owner=outsider)
    client.force_login(owner)
    url = reverse("initiative_create")
    form = form_posting_to(client.get(url).content.decode())
    checks = (at_most(Initiative, 1), at_most(Initiative, 0, owner=outsider), theirs_probe(theirs))

    def check(draw):
        data, sent = hostile_post(draw, form, [str(theirs.pk), str(outsider.pk)])
        post_and_judge(client, "create initiative", url, data, sent, *checks)

    run_fuzz(record_property, check)
    sweep_extremes(client, "create initiative", url, form, *checks)


def test_hostile_record_assessment(client, owner, teammate, outsider, record_property):
    mine = complete_initiative(owner=owner, team_members=[teammate])
    client.force_login(owner)
    url = reverse("commitment_record", args=[mine.pk])
    form = form_posting_to(client.get(url).content.decode())
    more = at_most(CommitmentAssessment, 1)

    def check(draw):
        data, sent = hostile_post(draw, form)
        post_and_judge(client, "record assessment", url, data, sent, more)

    run_fuzz(record_property, check)
    sweep_extremes(client, "record assessment", url, form, more)


def test_hostile_record_delivery(client, owner, teammate, outsider, record_property):
    mine = complete_initiative(owner=owner, team_members=[teammate])
    theirs = complete_initiative(owner=outsider)
    client.force_login(owner)
    deliverable = mine.partner_deliverables.first()
    urls = [
        reverse("deliverable_record", args=[mine.pk, deliverable.pk]),
        # Forged: another initiative's deliverable under this one, and the other way round.
        reverse("deliverable_record", args=[mine.pk, theirs.partner_deliverables.first().pk]),
        reverse("deliverable_record", args=[theirs.pk, deliverable.pk]),
    ]
    form = form_posting_to(client.get(urls[0]).content.decode())
    same = theirs_probe(theirs)

    def check(draw):
        url = draw(st.sampled_from(urls))
        data, sent = hostile_post(draw, form, [str(theirs.pk)])
        post_and_judge(client, "record delivery", url, data, sent, same)

    run_fuzz(record_property, check)
    sweep_extremes(client, "record delivery", urls[0], form, same)


def test_hostile_record_us_delivery(client, owner, teammate, outsider, record_property):
    mine = complete_initiative(owner=owner, team_members=[teammate])
    theirs = complete_initiative(owner=outsider)
    client.force_login(owner)
    us_input = mine.us_inputs.first()
    urls = [
        reverse("us_input_record", args=[mine.pk, us_input.pk]),
        # Forged: another initiative's U.S. input under this one, and the other way round.
        reverse("us_input_record", args=[mine.pk, theirs.us_inputs.first().pk]),
        reverse("us_input_record", args=[theirs.pk, us_input.pk]),
    ]
    form = form_posting_to(client.get(urls[0]).content.decode())
    same = theirs_probe(theirs)

    def check(draw):
        url = draw(st.sampled_from(urls))
        data, sent = hostile_post(draw, form, [str(theirs.pk)])
        post_and_judge(client, "record U.S. delivery", url, data, sent, same)

    run_fuzz(record_property, check)
    sweep_extremes(client, "record U.S. delivery", urls[0], form, same)


def _fuzz_recording(client, record_property, name, record, correct, theirs, detail):
    """The recording form and the correction's two forms (correct it, withdraw it); the
    initiative's page (`detail`) must still answer after each POST."""
    forms = [(record, form_posting_to(client.get(record).content.decode()))]
    forms += [(correct, form) for form in forms_of(client.get(correct).content.decode())]
    forms = [(url, form) for url, form in forms if form.action == ""]
    same = theirs_probe(theirs)

    def page_shown() -> list[str]:  # a stored value that breaks a chart breaks this page
        status = client.get(detail).status_code
        return [] if status == 200 else [f"the initiative's page answered {status}"]

    def check(draw):
        url, form = draw(st.sampled_from(forms))
        data, sent = hostile_post(draw, form, [str(theirs.pk)])
        post_and_judge(client, name, url, data, sent, same, page_shown)

    run_fuzz(record_property, check)
    for url, form in forms:
        sweep_extremes(client, name, url, form, same, page_shown)


def _approved_and_theirs(owner, teammate, outsider, reviewer):
    mine = complete_initiative(owner=owner, team_members=[teammate], status="in_review")
    review.approve(mine, reviewer)
    return mine, complete_initiative(owner=outsider)


def test_hostile_measurements(client, owner, teammate, outsider, reviewer, record_property):
    """Recording a measurement, and correcting or withdrawing one, on an approved IDD."""
    mine, theirs = _approved_and_theirs(owner, teammate, outsider, reviewer)
    indicator = Indicator.objects.filter(objective__initiative=mine).first()
    measured = IndicatorMeasurement.objects.create(
        indicator=indicator,
        measured_on=date(2026, 11, 30),
        value="3",
        source="Log",
        recorded_by=owner,
    )
    client.force_login(owner)
    record = reverse("measurement_record", args=[mine.pk, indicator.pk])
    correct = reverse("measurement_correct", args=[mine.pk, indicator.pk, measured.pk])
    detail = reverse("initiative_detail", args=[mine.pk])
    _fuzz_recording(client, record_property, "measurement", record, correct, theirs, detail)


def test_hostile_lessons(client, owner, teammate, outsider, reviewer, record_property):
    """Recording a lesson learned, and correcting or withdrawing one, on an approved IDD."""
    mine, theirs = _approved_and_theirs(owner, teammate, outsider, reviewer)
    lesson = LessonLearned.objects.create(
        initiative=mine,
        revision=mine.revision,
        learned_on=date(2026, 11, 30),
        lesson="Logs stayed aboard the boats.",
        recorded_by=owner,
    )
    client.force_login(owner)
    record = reverse("lesson_record", args=[mine.pk])
    correct = reverse("lesson_correct", args=[mine.pk, lesson.pk])
    detail = reverse("initiative_detail", args=[mine.pk])
    _fuzz_recording(client, record_property, "lesson", record, correct, theirs, detail)


@pytest.fixture
def in_review(owner, teammate, outsider, reviewer):
    """An IDD in review with one comment thread, and another initiative's thread."""
    mine = complete_initiative(owner=owner, team_members=[teammate], status="in_review")
    theirs = complete_initiative(owner=outsider, status="in_review")
    for initiative in (mine, theirs):
        ReviewComment.objects.create(
            initiative=initiative, revision=1, section="basics", author=reviewer, body="Why?"
        )
    return mine, theirs


REVIEW_FORMS = {
    # form: (who posts it, the URL name the rendered form posts to)
    "comment": ("reviewer", "comment_add"),
    "reply": ("reviewer", "comment_reply"),
    "resolve": ("owner", "comment_resolve"),
    "decision": ("reviewer", "initiative_decide"),
    "request changes": ("reviewer", "initiative_decide"),
}


def review_form(html: str, name: str, mine: Initiative):
    comment = mine.review_comments.get()
    args = {
        "comment_add": [mine.pk, "basics"],
        "comment_reply": [mine.pk, comment.pk],
        "comment_resolve": [mine.pk, comment.pk],
        "initiative_decide": [mine.pk],
    }[name]
    return form_posting_to(html, reverse(name, args=args))


def forged_urls(name: str, mine: Initiative, theirs: Initiative) -> list[str]:
    """The form's own URL, then the same with another initiative's ids swapped in."""
    own, foreign = mine.review_comments.get().pk, theirs.review_comments.get().pk
    if name == "comment_add":
        return [reverse(name, args=[mine.pk, s]) for s in ("basics", "risks", "nosuch", "REVIEW")]
    if name == "initiative_decide":  # a reviewer may decide on theirs too: nothing to forge
        return [reverse(name, args=[mine.pk])]
    return [
        reverse(name, args=[mine.pk, own]),
        reverse(name, args=[mine.pk, foreign]),
        reverse(name, args=[theirs.pk, own]),
    ]


@pytest.mark.parametrize("kind", REVIEW_FORMS)
def test_hostile_review_forms(client, in_review, owner, reviewer, kind, record_property):
    mine, theirs = in_review
    who, name = REVIEW_FORMS[kind]
    client.force_login(owner if who == "owner" else reviewer)
    html = client.get(reverse("initiative_review", args=[mine.pk])).content.decode()
    form = review_form(html, name, mine)
    outcome = form.controls.get("decision-outcome")
    if outcome is not None:
        # Approving renders and stores the PDF (seconds each): the tests of approval cover it.
        outcome.choices.remove("approve")
    urls = forged_urls(name, mine, theirs)
    checks = (
        theirs_probe(theirs),
        at_most(ReviewComment, 1),
        at_most(ReviewDecision, 1),
        at_most(ReviewComment, 0, initiative=theirs),
    )

    def check(draw):
        data, sent = hostile_post(draw, form, [str(theirs.pk)])
        if kind == "request changes":
            data["decision-outcome"] = ["request_changes"]
        if kind == "resolve" and draw(st.booleans()):
            data["next"] = [draw(st.sampled_from(REDIRECTS))]
        url = draw(st.sampled_from(urls))
        post_and_judge(client, kind, url, data, sent, *checks)

    run_fuzz(record_property, check)
    sweep_extremes(client, kind, urls[0], form, *checks)


def test_hostile_sign_in(client, owner, record_property):
    url = reverse("login")
    form = form_posting_to(client.get(url).content.decode(), url)

    def check(draw):
        if draw(st.booleans()):
            data, sent = hostile_post(draw, form)
        else:  # the right password, and somewhere hostile to go next
            data = form.data() | {"username": ["owner"], "password": [factories.PASSWORD]}
            data, sent = data | {"next": [draw(st.sampled_from(REDIRECTS))]}, Sent()
        post_and_judge(client, "sign in", url, data, sent)
        client.logout()

    run_fuzz(record_property, check)
