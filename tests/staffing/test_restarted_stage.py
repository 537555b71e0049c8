"""A stage restarted after a non-concurrence and the planners' resubmission: the route
panel, the printed record (PDF, Word copy, notification) and "Awaiting my office" keep
the earlier decisions, say in words that they were superseded, name the submission each
office read, record the return once, and tell offices that concurred that the IDD is back
after changes."""

import pytest
from django.urls import reverse

from idd.document.snapshot import load, snapshot
from idd.export import IDD, NOTIFICATION, document_for, render_pdf
from idd.models import OfficeDecision, Route, Submission
from idd.services import review, route_screens, staffing
from tests.export.notification_text import docx_text
from tests.export.pdftools import flat, pdf_text
from tests.staffing.steps import REASON, decide, fresh, resubmit

pytestmark = pytest.mark.django_db
SUPERSEDED = "Superseded: the stage restarted after resubmission."
RETURNED = "Returned the IDD to its planners."


@pytest.fixture
def stage_1_restarted(command):
    """J4 concurs, J8 non-concurs; resubmitted, stage 1 starts again for both."""
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j4_officer, c.j4)
    decide(c, c.j8_officer, c.j8, "non_concur", REASON)
    resubmit(c)
    return c


@pytest.fixture
def stage_2_restarted(command):
    """J4 and J8 concur on submission 1; SJA non-concurs; resubmitted, SJA's stage again."""
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j4_officer, c.j4)
    decide(c, c.j8_officer, c.j8)
    decide(c, c.sja_officer, c.sja, "non_concur", "No legal basis cited.")
    resubmit(c)
    return c


def to_the_end(c):
    decide(c, c.j4_officer, c.j4)
    decide(c, c.j8_officer, c.j8, "concur_with_comment", "Fuel now budgeted.")
    decide(c, c.sja_officer, c.sja)


def panel_html(client, user, initiative) -> str:
    client.force_login(user)
    html = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    return html.split('id="route"')[1].split("</section>")[0]


# --- The printed record --------------------------------------------------------------------


def test_the_record_keeps_superseded_decisions_in_order_and_says_so(stage_1_restarted):
    c = stage_1_restarted
    to_the_end(c)
    rows = snapshot(load(c.initiative.pk))["coordination"]
    first, second = Submission.objects.filter(initiative=c.initiative).order_by("sequence")
    assert [(r["office"], r["outcome"], r["submission"], r["standing"]) for r in rows] == [
        ("J4", "concur", 1, SUPERSEDED),
        ("J8", "non_concur", 1, f"{RETURNED} {SUPERSEDED}"),
        ("J4", "concur", 2, ""),
        ("J8", "concur_with_comment", 2, ""),
        ("SJA", "concur", 2, ""),
    ]
    assert rows[0]["submitted_at"] == first.submitted_at.isoformat()
    assert rows[2]["submitted_at"] == second.submitted_at.isoformat()


def test_the_return_is_recorded_once_and_the_planners_still_read_its_reason(stage_1_restarted):
    c = stage_1_restarted
    doc = snapshot(load(c.initiative.pk))
    # The reviewers' table leaves the office's return out: the coordination block has it.
    assert [a["outcome"] for a in doc["approvals"]] == []
    returned = OfficeDecision.objects.get(outcome="non_concur").returned_as
    assert returned is not None and REASON in returned.reason
    # What reads the request for changes still finds it.
    assert review.decisions_on(c.initiative, 1).filter(pk=returned.pk).exists()


def test_history_says_the_return_once(client, stage_1_restarted):
    c = stage_1_restarted
    client.force_login(c.planner)
    html = client.get(reverse("initiative_history", args=[c.initiative.pk])).content.decode()
    assert "J8: non-concur (Stage 1)" in html
    assert html.count(REASON) == 1 and "Requested changes to revision 1" not in html


def test_the_returned_alert_still_gives_the_offices_reason(command):
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j8_officer, c.j8, "non_concur", REASON)
    [(initiative, request)] = review.returned_to(c.planner)
    assert initiative == c.initiative and REASON in request.reason


def test_the_pdf_prints_what_each_office_read_and_what_was_superseded(stage_1_restarted):
    c = stage_1_restarted
    to_the_end(c)
    text = flat(" ".join(pdf_text(render_pdf(snapshot(load(c.initiative.pk))))))
    block = text.split("Coordination: each office's decision")[1]
    table = block.split("Revision 1 is not approved")[0]
    assert "Submission read" in table and "Revision 1 " not in table
    assert "Stage 1, J4 Jo Four Concur Superseded: the stage restarted after resubmission." in block
    assert f"Non-concur {RETURNED} {SUPERSEDED} Submission 1," in block
    assert "Concur with comment Submission 2," in block
    assert text.count(REASON) == 1  # said once: no reviewers' "Returned" row repeats it
    assert "Returned: changes requested" not in text
    assert "No review decision has been recorded" not in text


def test_the_word_copy_and_the_notification_say_the_same(stage_1_restarted):
    c = stage_1_restarted
    to_the_end(c)
    doc = document_for(fresh(c.initiative))
    copy = docx_text(IDD.copy(doc))
    assert "Submission read" in copy and "Submission 2," in copy
    assert f"Non-concur {RETURNED} {SUPERSEDED}" in copy
    assert "Returned: changes requested" not in copy
    notification = flat(" ".join(pdf_text(NOTIFICATION.pdf(doc))))
    assert f"Concur {SUPERSEDED}" in notification and "Submission 1," in notification


# --- The route panel -----------------------------------------------------------------------


def test_the_panel_keeps_an_offices_earlier_decision_marked_superseded(client, stage_2_restarted):
    c = stage_2_restarted
    html = panel_html(client, c.sja_officer, c.initiative)
    assert "earlier decision" in html
    assert "No legal basis cited." in html and SUPERSEDED in html
    assert "Pending: asked again after resubmission" in html
    assert "Decide for SJA" in html  # and it decides again now
    # Stage 1's concurrences stand: not superseded.
    stage_1 = route_screens.stages_of(Route.objects.get(), c.sja_officer)[0]
    assert all(row.decision and not row.earlier for row in stage_1.offices)


def test_a_restarted_offices_earlier_concurrence_shows_beside_its_pending_row(
    client, stage_1_restarted
):
    c = stage_1_restarted
    [j4, j8] = route_screens.stages_of(Route.objects.get(), c.j4_officer)[0].offices
    assert j4.pending and j4.decision is None and [d.outcome for d in j4.earlier] == ["concur"]
    assert j8.pending and [d.outcome for d in j8.earlier] == ["non_concur"]
    html = panel_html(client, c.j4_officer, c.initiative)
    assert html.count("earlier decision") == 2 and SUPERSEDED in html


# --- Awaiting my office --------------------------------------------------------------------


def dashboard_section(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("dashboard")).content.decode()
    return html.split('id="awaiting-my-office"')[1].split("</section>")[0]


def compare_link(initiative) -> str:
    first, second = Submission.objects.filter(initiative=initiative).order_by("sequence")
    url = reverse("revision_diff", args=[initiative.pk])
    return f"{url}?old=submission-{first.pk}&amp;new=submission-{second.pk}"


def test_an_office_that_concurred_sees_the_idd_back_after_changes(client, stage_2_restarted):
    c = stage_2_restarted
    for officer, office in ((c.j4_officer, "J4"), (c.j8_officer, "J8")):
        section = dashboard_section(client, officer)
        assert "Kestrela coastal patrol" in section
        assert "Back after changes" in section and "No decision asked of your office" in section
        assert compare_link(c.initiative) in section
        assert f"See what changed since {office} concurred" in section
    # SJA, which non-concurred, is asked again, with its suspense, and told it came back
    # changed since it non-concurred, as the others are.
    section = dashboard_section(client, c.sja_officer)
    assert "Kestrela coastal patrol" in section and "Due in" in section
    assert "Back after changes" in section and compare_link(c.initiative) in section
    assert "See what changed since SJA non-concurred" in section


def test_an_office_asked_again_sees_it_is_back_after_changes(client, stage_1_restarted):
    c = stage_1_restarted
    section = dashboard_section(client, c.j4_officer)
    assert "J4, Stage 1" in section and "Back after changes" in section
    assert compare_link(c.initiative) in section
    item = route_screens.awaiting_office(c.j4_officer)[0]
    assert item["asked"] and item["back"]["decision"].office == c.j4
    # Once J4 concurred on the resubmission, it is no longer back after changes.
    decide(c, c.j4_officer, c.j4)
    assert route_screens.awaiting_office(c.j4_officer) == []


def test_the_compare_link_opens_what_changed(client, stage_2_restarted):
    c = stage_2_restarted
    client.force_login(c.j4_officer)
    link = compare_link(c.initiative).replace("&amp;", "&")
    html = client.get(link).content.decode()
    assert "The navy budgets fuel from FY2028." in html


def test_returns_recorded_before_the_link_are_linked_by_the_migration(stage_1_restarted):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("idd.migrations.0031_office_decision_returned_as")
    returned = OfficeDecision.objects.get(outcome="non_concur")
    request = returned.returned_as
    # As recorded then: unlinked, the office's name prefixed to its reason.
    OfficeDecision.objects.filter(pk=returned.pk).update(returned_as=None)
    old_reason = f"{returned.office} non-concurs: {returned.comment}"
    type(request).objects.filter(pk=request.pk).update(reason=old_reason)
    migration.link_returns(apps, None)
    returned.refresh_from_db()
    assert returned.returned_as == request
    # Then the prefix goes: the screens name the office ("J8 did not concur").
    import_module("idd.migrations.0033_route_returned_from_approval").unprefix_reasons(apps, None)
    request.refresh_from_db()
    assert request.reason == returned.comment
