"""The printed record of an IDD staffed on a route (issue 27, "the record"): each route's
offices, then its approval authority's approval (who, as they were, and the remarks) and
the signature block, the route's approval not repeated among the reviewers; DSCA's
decisions, made after the revision was frozen, on the initiative's current copy and
pages, never in the approved revision's own record; consistent demo dates."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import reverse

from idd.document.shown import shown_document
from idd.export import IDD, NOTIFICATION, find_pdf, find_revision_pdf, render_pdf
from idd.export.storage import document_for
from idd.models import Organization, Route, Submission
from idd.services import staffing
from idd.services.route_screens import is_overdue
from tests.export.notification_text import docx_headings, docx_text
from tests.export.pdftools import flat, pdf_text
from tests.export.worker import download
from tests.staffing.demo_route import APPROVER, approve_on_the_route

REMARKS = "Brief the partner's navy staff before the first delivery."
DSCA = "Defense Security Cooperation Agency"
DSCA_COMMENT = "Case to be written against the FY2027 program."
DSCA_APPROVER = "SES Robin Achebe, Director, International Operations"


def text(pdf: bytes) -> str:
    return flat(" ".join(pdf_text(pdf)))


def user(name: str) -> User:
    return User.objects.get(username=name)


@pytest.fixture
def approved(maritime):
    approve_on_the_route(maritime, REMARKS)
    return maritime


def forward_and_decide(initiative, outcome: str = "concur_with_comment") -> None:
    """The planner forwards it; DSCA's regional directorate decides, and, if it concurred,
    DSCA's approval authority approves."""
    route = staffing.forward(initiative, user("planner"))
    staffing.decide(
        initiative,
        user("dsca"),
        Organization.objects.get(name="Regional Execution Directorate"),
        outcome,
        DSCA_COMMENT,
        round_=route.round,
    )
    if outcome != "non_concur":
        staffing.approve(initiative, user("dscadirector"), "Approved for DSCA.")
    initiative.refresh_from_db()


def test_the_route_prints_its_approval_once_with_title_and_remarks(approved):
    pdf = text(render_pdf(document_for(approved)))

    approval = (
        f"Approval authority, J5 {APPROVER}, Director, Strategy, Plans and Programs "
        "Approved revision 1 Revision 1"
    )
    assert approval in pdf
    assert f"Remarks of the approval authority: {REMARKS}" in pdf
    # Not again among the reviewers, whose own return (before the route) stays.
    assert "Concurred: approved" not in pdf
    assert "COL Morgan Hale Chief, Security Cooperation Division, J5-SC Returned" in pdf
    assert "Approver’s remarks" not in pdf
    # The route's approval, then the signature block.
    assert pdf.index(approval) < pdf.index("Approved Taylor Brandt Brig Gen Director")


def test_the_approval_keeps_who_approved_as_they_were(approved):
    route = Route.objects.get(initiative=approved, forwarded=False)
    assert (route.approved_as, route.approved_job_title) == (
        APPROVER,
        "Director, Strategy, Plans and Programs",
    )
    assert route.approval_remarks == REMARKS
    profile = user("director").profile
    profile.job_title = "Commander"
    profile.save()
    assert "Director, Strategy, Plans and Programs" in text(render_pdf(document_for(approved)))


def test_the_migration_fills_approvals_made_before_it(approved):
    migration = import_module("idd.migrations.0032_route_approved_as")
    Route.objects.update(approved_as="", approved_job_title="", approval_remarks="")
    migration.fill_approvals(apps, None)
    route = Route.objects.get(initiative=approved, forwarded=False)
    assert route.approved_as == APPROVER
    assert route.approved_job_title == "Director, Strategy, Plans and Programs"
    assert route.approval_remarks == REMARKS


def test_dscas_decisions_print_on_the_current_copy_never_on_the_frozen_record(approved):
    revision, _ = shown_document(approved)
    frozen = dict(revision.snapshot)
    record_name = find_revision_pdf(revision).name
    assert find_pdf(approved, IDD).name == record_name  # until DSCA records something

    forward_and_decide(approved)

    revision.refresh_from_db()
    assert revision.snapshot == frozen
    assert "Forwarded to" not in text(render_pdf(revision.snapshot))
    current = find_pdf(approved, IDD)
    assert current.name != record_name  # a new copy: rendered again, by the worker
    pdf = text(render_pdf(document_for(approved)))
    assert f"Forwarded to {DSCA}: each office's decision and the approval" in pdf
    assert f"Comment of Regional Execution Directorate: {DSCA_COMMENT}" in pdf
    assert f"Approval authority, {DSCA} {DSCA_APPROVER} Approved revision 1" in pdf
    # After the command's signature block.
    assert pdf.index("Approved in IDD Workbench") < pdf.index(f"Forwarded to {DSCA}")
    word = docx_text(IDD.copy(document_for(approved)))
    assert f"Forwarded to {DSCA}" in word and DSCA_COMMENT in word
    notification = NOTIFICATION.html(document_for(approved))
    assert f"Forwarded to {DSCA}" in notification


def test_the_notifications_word_copy_has_the_coordination_its_print_view_has(approved):
    forward_and_decide(approved)
    copy = NOTIFICATION.copy(document_for(approved))
    assert docx_headings(copy)[-1] == "Coordination"
    word = docx_text(copy)
    assert f"Approval authority, J5 {APPROVER}, Director, Strategy, Plans and Programs" in word
    assert REMARKS in word
    assert f"Forwarded to {DSCA}" in word and DSCA_COMMENT in word


def test_the_pages_say_plainly_that_dsca_approved(client, approved):
    forward_and_decide(approved)
    client.force_login(user("planner"))
    said = f"{DSCA} approved revision 1 on"
    for page in ("initiative_review", "initiative_detail"):
        html = client.get(reverse(page, args=[approved.pk])).content.decode()
        assert said in html and DSCA_APPROVER in html


def test_the_pages_say_plainly_that_dsca_non_concurred(client, approved):
    forward_and_decide(approved, "non_concur")
    client.force_login(user("planner"))
    html = client.get(reverse("initiative_review", args=[approved.pk])).content.decode()
    assert f"{DSCA} non-concurred on revision 1 on" in html and DSCA_COMMENT in html


def test_a_long_comment_reads_across_the_table(maritime):
    long = " ".join(["The sustainment line should name the account."] * 6)
    route = Route.objects.get(initiative=maritime, forwarded=False)
    staffing.decide(
        maritime,
        user("j8"),
        Organization.objects.get(name="J8"),
        "concur_with_comment",
        long,
        round_=route.round,
    )
    lines = " ".join(pdf_text(render_pdf(document_for(maritime)), layout=True)).splitlines()
    comment = next(line for line in lines if "Comment of J8:" in line)
    # Across the table's width, not a narrow column of a word or two a line.
    assert len(comment.split()) >= 14


def test_the_demo_records_no_decision_before_the_submission_it_read(maritime):
    route = Route.objects.get(initiative=maritime, forwarded=False)
    for decision in route.decisions.all():
        read = Submission.objects.get(initiative=maritime, sequence=decision.submission_sequence)
        assert read.submitted_at <= decision.decided_at
    first, second = Submission.objects.filter(initiative=maritime).order_by("sequence")
    returned = maritime.review_decisions.get()
    assert first.submitted_at < returned.decided_at < second.submitted_at
    assert second.submitted_at <= route.stage_started_at
    assert is_overdue(route.suspense)  # J8 and SJA are still late, as the demo shows


def test_the_initiatives_pdf_download_has_dscas_record_and_the_revisions_has_not(client, approved):
    forward_and_decide(approved)
    client.force_login(user("planner"))

    current = text(download(client, "initiative_pdf", approved.pk))
    record = text(download(client, "revision_pdf", approved.pk, 1))

    assert f"Forwarded to {DSCA}" in current and DSCA_APPROVER in current
    assert f"Forwarded to {DSCA}" not in record and DSCA_APPROVER not in record
    assert f"Approval authority, J5 {APPROVER}" in record
