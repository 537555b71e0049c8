"""The History tab: every change to the initiative and its rows, and everything said and
decided in its reviews, who and when."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from idd.document.audit import trail
from idd.models import PartnerDeliverable, ReviewComment
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, review
from tests import factories
from tests.guided_form.forms import submit

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]


def step_url(initiative, slug):
    return reverse("wizard_step", args=[initiative.pk, slug])


def test_edits_made_in_the_guided_form_appear_with_who_and_what(client, make_initiative, owner):
    initiative = make_initiative(S.DRAFT)
    client.force_login(owner)
    submit(
        client,
        step_url(initiative, "context"),
        {"problem_statement": "Smuggling boats outrun the navy."},
    )
    submit(
        client,
        step_url(initiative, "deliverables"),
        {"deliverables-0-title": "Designate the company by ministerial order"},
    )
    response = client.get(reverse("initiative_history", args=[initiative.pk]))
    assert response.status_code == 200
    entries = response.context["page"].object_list
    context_edit = next(e for e in entries if e.group == "Initiative" and e.changes)
    assert context_edit.who == "Olive Owner"
    assert [(c.label, c.old, c.new) for c in context_edit.changes] == [
        (
            "Problem statement",
            "Illegal fishing goes unchallenged along 600 km of coast.",
            "Smuggling boats outrun the navy.",
        )
    ]
    # Rows are named by their reference too, as everywhere (D1).
    renamed = next(e for e in entries if e.name == "D1 Designate the company by ministerial order")
    assert (renamed.kind, renamed.group, renamed.who) == (
        "changed",
        "Partner deliverable",
        "Olive Owner",
    )
    assert ("What the partner delivers", "Designate the 2nd Coastal Patrol Company") in [
        (c.label, c.old) for c in renamed.changes
    ]
    # The other row moved down one place when the planner's order was saved.
    moved = next(e for e in entries if e.name.startswith("D2 Fund fuel") and e.changes)
    assert [(c.label, c.old, c.new) for c in moved.changes] == [("Place in the list", "1", "2")]
    page = response.content.decode()
    assert "Smuggling boats outrun the navy." in page
    assert "Olive Owner" in page


def test_workflow_steps_removed_rows_and_links_are_named(make_initiative, owner, reviewer):
    initiative = make_initiative(S.DRAFT)
    review.submit(initiative, owner)
    review.start_review(initiative, reviewer)
    boats = initiative.us_inputs.get()
    boats.matched_deliverables.remove(boats.matched_deliverables.first())
    PartnerDeliverable.objects.get(initiative=initiative, title__startswith="Fund").delete()
    entries = trail(initiative.pk)
    assert [e.reason for e in entries if e.reason][:2] == [
        "Taken into review",
        "Submitted for review",
    ]
    status = next(e for e in entries if e.reason == "Submitted for review").changes
    assert [(c.label, c.old, c.new) for c in status] == [("Status", "Draft", "Submitted")]
    removed = next(e for e in entries if e.kind == "removed")
    assert (removed.group, removed.name) == (
        "Partner deliverable",
        "D2 Fund fuel and spare parts in the defense budget",
    )
    unlinked = next(e for e in entries if e.group == "U.S. input" and e.changes)
    (change,) = unlinked.changes
    assert change.label == "Partner deliverables it answers"
    assert "Designate the 2nd Coastal Patrol Company" in change.old


def test_the_history_page_costs_the_same_queries_however_long_the_history(
    client, make_initiative, owner, reviewer, django_assert_max_num_queries
):
    initiative = make_initiative(S.IN_REVIEW)
    comments.resolve(comments.add_comment(initiative, reviewer, "risks", "First point."), owner)
    client.force_login(owner)
    url = reverse("initiative_history", args=[initiative.pk])
    # 29: two of them read the staffing routes' events (idd.services.history._routing).
    with django_assert_max_num_queries(29) as few:
        client.get(url)
    for n in range(20):
        deliverable = factories.PartnerDeliverableFactory(initiative=initiative)
        deliverable.title = f"Renamed {n}"
        deliverable.save()
        initiative.team_members.add(factories.planner())
        thread = comments.add_comment(initiative, reviewer, "basics", f"Point {n}")
        comments.reply(thread, owner, "Done.")
        comments.resolve(thread, owner)
        comments.reply(thread, reviewer, "Not quite: reopened.")
    review.request_changes(initiative, reviewer, "Answer the points.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["page"].paginator.count > 140


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("owner", 200),
        ("teammate", 200),
        ("outsider", 200),
        ("reviewer", 200),
        ("no_role_user", 404),
    ],
)
def test_who_reads_the_history(client, make_initiative, user_of, role, status):
    initiative = make_initiative(S.IN_REVIEW)
    comments.add_comment(initiative, initiative.owner, "risks", "Risk owners named in each row.")
    client.force_login(user_of(role))
    response = client.get(reverse("initiative_history", args=[initiative.pk]))
    assert response.status_code == status
    assert ("Risk owners named in each row." in response.content.decode()) == (status == 200)


def test_the_page_shows_the_conversation_with_full_times_in_the_configured_zone(
    client, make_initiative, owner, reviewer, settings
):
    settings.TIME_ZONE = "America/New_York"
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Who owns the entrapment risk?")
    ReviewComment.objects.filter(pk=thread.pk).update(
        created_at=datetime(2026, 12, 3, 19, 5, tzinfo=UTC)
    )
    comments.resolve(thread, owner)
    review.request_changes(initiative, reviewer, "Name the owner of each risk.")
    client.force_login(owner)
    text = " ".join(
        client.get(reverse("initiative_history", args=[initiative.pk])).content.decode().split()
    )
    assert "Times are in the America/New_York time zone." in text
    assert (
        '<time datetime="2026-12-03T14:05:00-05:00">3 Dec 2026, 14:05 EST</time> · '
        "<strong>reviewer</strong>"
    ) in text
    assert "<strong>Commented on Risks</strong>" in text
    assert "Who owns the entrapment risk?" in text
    assert "<strong>Resolved reviewer&#x27;s comment on Risks</strong>" in text
    assert f'href="/initiatives/{initiative.pk}/review/#comment-{thread.pk}"' in text
    assert "<strong>Requested changes to revision 1</strong>" in text
    assert "<strong>Reason:</strong></p><p>Name the owner of each risk.</p>" in text
