"""The history of an initiative (idd.services.history): field changes and the whole
conversation of its reviews in one list, newest first, values as the pages show them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from idd.document.audit import Entry
from idd.models import Initiative, PartnerDeliverable, ReviewComment, ReviewDecision
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, review
from idd.services.history import Said, conversation, history

pytestmark = pytest.mark.django_db


def at(hours: float) -> datetime:
    """A moment after everything the fixtures record, so the test decides the order."""
    return timezone.now() + timedelta(days=1, hours=hours)


def said_at(comment: ReviewComment, hours: float, **more) -> None:
    ReviewComment.objects.filter(pk=comment.pk).update(created_at=at(hours), **more)


def changed_at(model, record_id: int, hours: float) -> None:
    """Date the object's last historical record (the change just saved)."""
    last = model.history.filter(id=record_id).latest("history_date")
    model.history.filter(history_id=last.history_id).update(history_date=at(hours))


def test_comments_replies_resolutions_decisions_and_changes_in_one_list_newest_first(
    make_initiative, owner, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Who owns the entrapment risk?")
    answer = comments.reply(thread, owner, "The SCO chief, named in the risk row.")
    comments.resolve(thread, owner)
    deliverable = initiative.partner_deliverables.get(title__startswith="Fund")
    deliverable.title = "Fund fuel from the navy's own budget line"
    deliverable.save()
    review.request_changes(initiative, reviewer, "Name the owner of each risk.")
    said_at(thread, 1, resolved_at=at(3))
    said_at(answer, 2)
    changed_at(PartnerDeliverable, deliverable.pk, 4)
    ReviewDecision.objects.update(decided_at=at(6))
    changed_at(Initiative, initiative.pk, 5)  # the status change the decision made

    entries = history(initiative)
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    newest = [
        (e.what if isinstance(e, Said) else f"{e.kind} {e.group}: {e.reason or e.name}")
        for e in entries[:6]
    ]
    assert newest == [
        "Requested changes to revision 1",
        "changed Initiative: Returned to the planners with changes requested",
        "changed Partner deliverable: D2 Fund fuel from the navy's own budget line",
        "Resolved reviewer's comment on Risks",
        "Replied to reviewer's comment on Risks",
        "Commented on Risks",
    ]
    decision, reply = entries[0], entries[4]
    assert (decision.who, decision.text_label, decision.text) == (
        "reviewer",
        "Reason",
        "Name the owner of each risk.",
    )
    assert (reply.who, reply.text) == ("Olive Owner", "The SCO chief, named in the risk row.")
    assert reply.link.endswith(f"/review/#comment-{thread.pk}")


def test_a_reopened_thread_keeps_each_resolution_and_who_reopened_it(
    make_initiative, owner, teammate, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Who owns the entrapment risk?")
    comments.resolve(thread, owner)
    ReviewComment.objects.filter(pk=thread.pk).update(resolved_at=at(1))
    reopening = comments.reply(thread, reviewer, "The row still names nobody.")
    said_at(reopening, 2)
    comments.resolve(thread, teammate)
    ReviewComment.objects.filter(pk=thread.pk).update(resolved_at=at(3))

    said = [(s.kind, s.who, s.what) for s in conversation(initiative)]
    assert said == [
        ("resolved", "teammate", "Resolved reviewer's comment on Risks"),
        ("reopened", "reviewer", "Reopened reviewer's comment on Risks with a reply"),
        ("resolved", "Olive Owner", "Resolved reviewer's comment on Risks"),
        ("commented", "reviewer", "Commented on Risks"),
    ]


def test_an_approval_shows_its_remarks_and_links_to_the_revision(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer, "Good plan; watch the FY2028 budget vote.")
    (approval,) = [s for s in conversation(initiative) if s.kind == "approved"]
    assert (approval.what, approval.text_label, approval.text) == (
        "Approved revision 1",
        "Remarks",
        "Good plan; watch the FY2028 budget vote.",
    )
    assert approval.link == f"/initiatives/{initiative.pk}/revisions/1/"


def test_an_approval_without_remarks_says_nothing_more(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer)
    (approval,) = [s for s in conversation(initiative) if s.kind == "approved"]
    assert approval.text == ""


def changes_of(initiative, group: str) -> list[tuple[str, str, str]]:
    entry = next(e for e in history(initiative) if isinstance(e, Entry) and e.group == group)
    return [(c.label, c.old, c.new) for c in entry.changes]


def test_changed_values_read_as_on_the_page(make_initiative, owner):
    initiative = make_initiative(S.DRAFT)
    boats = initiative.us_inputs.get()
    boats.estimated_cost = 1_900_000
    boats.category = "training"
    boats.fiscal_year = 2028
    boats.save()
    assert sorted(changes_of(initiative, "U.S. input")) == [
        ("Category", "Equipment", "Training"),
        ("Estimated cost (USD)", "$100,000", "$1,900,000"),
        ("Fiscal year", "FY2027", "FY2028"),
    ]
    fund = initiative.partner_deliverables.get(title__startswith="Fund")
    fund.due_fiscal_year, fund.due_quarter = 2029, 1
    fund.status, fund.delivered_on = "delivered", date(2027, 9, 30)
    fund.save()
    assert sorted(changes_of(initiative, "Partner deliverable")) == [
        ("Delivered on", "", "30 Sep 2027"),
        ("Due", "FY2028 Q2", "FY2029 Q1"),
        ("Status", "Planned", "Delivered"),
    ]
    initiative.sustainment_annual_cost = 1_250_000
    initiative.save()
    assert changes_of(initiative, "Initiative") == [
        ("Annual sustainment cost (USD)", "$310,000", "$1,250,000")
    ]


def test_only_the_quarter_changed_still_reads_as_the_whole_due_date(make_initiative):
    initiative = make_initiative(S.DRAFT)
    fund = initiative.partner_deliverables.get(title__startswith="Fund")
    fund.due_quarter = 4
    fund.save()
    assert changes_of(initiative, "Partner deliverable") == [("Due", "FY2028 Q2", "FY2028 Q4")]


def test_timestamps_of_changes_are_in_the_configured_time_zone(make_initiative, owner, settings):
    settings.TIME_ZONE = "America/New_York"
    initiative = make_initiative(S.DRAFT)
    fund = initiative.partner_deliverables.get(title__startswith="Fund")
    fund.verified_by, fund.verified_at = owner, datetime(2026, 12, 3, 14, 5, tzinfo=UTC)
    fund.save()
    assert ("Verified at", "", "3 Dec 2026, 09:05 EST") in changes_of(
        initiative, "Partner deliverable"
    )
