"""Dashboard panels: awaiting my review, returned to me, overdue partner deliverables."""

from datetime import date

import pytest
from django.urls import reverse

from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, review
from idd.services.overdue import current_quarter, overdue_deliverables
from tests import factories

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reviewer_sees_what_awaits_review_but_not_their_own_teams(
    client, make_initiative, owner, reviewer
):
    waiting = make_initiative(S.DRAFT)
    review.submit(waiting, owner)
    own = factories.InitiativeFactory(title="Reviewer's own draft", status=S.SUBMITTED)
    own.team_members.add(reviewer)
    page = dashboard(client, reviewer)
    panel = page.split('id="awaiting-my-review"')[1].split("</section>")[0]
    assert waiting.title in panel
    assert "Reviewer&#x27;s own draft" not in panel
    assert "Open the review queue (1 waiting)" in panel
    assert 'href="/review/"' in page  # the nav link


def test_planners_have_no_review_panel_or_queue_link(client, make_initiative, owner):
    review.submit(make_initiative(S.DRAFT), owner)
    page = dashboard(client, owner)
    assert "Awaiting my review" not in page
    assert "Review queue" not in page


def test_an_idd_returned_with_changes_shows_the_reason_to_its_team(
    client, make_initiative, teammate, outsider, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    review.request_changes(initiative, reviewer, "Fund the fuel line before FY2028.")
    panel = dashboard(client, teammate).split('id="returned-to-me"')[1].split("</section>")[0]
    assert initiative.title in panel
    assert "Fund the fuel line before FY2028." in panel
    assert "Returned to me" not in dashboard(client, outsider)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 1), (2027, 1)),
        (date(2026, 12, 31), (2027, 1)),
        (date(2027, 1, 1), (2027, 2)),
        (date(2027, 6, 30), (2027, 3)),
        (date(2027, 9, 30), (2027, 4)),
    ],
)
def test_the_fiscal_quarter_of_a_date(today, expected):
    assert current_quarter(today) == expected


def test_overdue_deliverables_are_those_past_their_quarter_with_nothing_recorded(
    client, owner, outsider
):
    initiative = factories.InitiativeFactory(owner=owner, first_fiscal_year=2027)

    def deliverable(title, year, quarter, status="planned"):
        return factories.PartnerDeliverableFactory(
            initiative=initiative,
            title=title,
            due_fiscal_year=year,
            due_quarter=quarter,
            status=status,
        )

    deliverable("Assign sailors", 2027, 1)  # ended 31 Dec 2026
    deliverable("Promise of a budget line", 2027, 2, "verbal_only")  # ended 31 Mar 2027
    deliverable("Designate the company", 2027, 1, "delivered")  # recorded
    deliverable("Fund fuel", 2027, 3)  # the current quarter on 15 Apr 2027: not yet due
    withdrawn = factories.InitiativeFactory(owner=owner, status=S.WITHDRAWN)
    factories.PartnerDeliverableFactory(initiative=withdrawn, due_fiscal_year=2027, due_quarter=1)
    titles = [d.title for d in overdue_deliverables(owner, date(2027, 4, 15))]
    assert titles == ["Assign sailors", "Promise of a budget line"]
    assert list(overdue_deliverables(outsider, date(2027, 4, 15))) == []


def test_the_dashboard_links_overdue_deliverables_to_recording_them(client, owner):
    initiative = factories.InitiativeFactory(
        owner=owner, first_fiscal_year=2020, last_fiscal_year=2024
    )
    late = factories.PartnerDeliverableFactory(
        initiative=initiative, title="Assign sailors", due_fiscal_year=2020, due_quarter=1
    )
    panel = dashboard(client, owner).split('id="overdue-deliverables"')[1].split("</section>")[0]
    assert reverse("deliverable_record", args=[initiative.pk, late.pk]) in panel
    assert "FY2020 Q1" in panel


def test_the_panels_cost_the_same_queries_however_many_rows(
    client, make_initiative, owner, reviewer, django_assert_max_num_queries
):
    other_reviewer = factories.reviewer()

    def add_a_row_to_each_panel():
        returned = make_initiative(S.IN_REVIEW)
        returned.team_members.add(reviewer)
        review.request_changes(returned, other_reviewer, "Fix it.")
        factories.PartnerDeliverableFactory(
            initiative=returned, due_fiscal_year=2027, due_quarter=1
        )
        review.submit(make_initiative(S.DRAFT), owner)

    def queries():
        client.force_login(reviewer)
        with django_assert_max_num_queries(60) as captured:
            client.get(reverse("dashboard"))
        return len(captured.captured_queries)

    add_a_row_to_each_panel()
    one = queries()
    for _ in range(3):
        add_a_row_to_each_panel()
    assert queries() == one


# --- The reviewer's recent activity -----------------------------------------------------------


def activity_panel(client, user) -> str:
    return dashboard(client, user).split('id="my-review-activity"')[1].split("</section>")[0]


def test_a_reviewer_sees_their_last_decisions_and_comments_newest_first_with_links(
    client, make_initiative, reviewer, owner
):
    returned, approved = make_initiative(S.IN_REVIEW), make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(returned, reviewer, "risks", "Who owns the entrapment risk?")
    review.request_changes(returned, reviewer, "Name the owner of each risk.")
    comments.resolve(thread, owner)
    comments.reply(thread, reviewer, "Still nobody named.")
    review.approve(approved, reviewer, "Sound plan.")
    somebody_else = factories.reviewer()
    comments.add_comment(returned, somebody_else, "basics", "Not mine to show.")

    panel = " ".join(activity_panel(client, reviewer).split())
    assert "Not mine to show." not in panel
    items = [item.split("</li>")[0] for item in panel.split("<li>")[1:]]
    review_url = reverse("initiative_review", args=[returned.pk])
    assert [item.split(":")[0] for item in items] == [
        "Approved revision 1",
        "Reopened a thread on Risks with a reply",
        "Requested changes to revision 1",
        "Commented on Risks",
    ]
    assert f'href="{reverse("revision_detail", args=[approved.pk, 1])}"' in items[0]
    assert "“Sound plan.”" in items[0]
    assert f'href="{review_url}#comment-{thread.pk}"' in items[1]
    assert f'href="{review_url}"' in items[2]
    assert ">just now</time>" in items[3]


def test_a_reviewer_who_did_nothing_yet_is_told_so(client, reviewer):
    assert "You have not decided on or commented on an IDD yet." in activity_panel(client, reviewer)


def test_a_reviewer_without_initiatives_of_their_own_gets_no_empty_planner_panels(client, reviewer):
    page = dashboard(client, reviewer)
    assert 'id="awaiting-my-review"' in page and 'id="my-review-activity"' in page
    assert 'id="my-initiatives"' not in page and 'id="recent-activity"' not in page


def test_planners_have_no_review_activity_panel(client, make_initiative, owner, reviewer):
    comments.add_comment(make_initiative(S.IN_REVIEW), owner, "risks", "A planner's comment.")
    assert "My recent review activity" not in dashboard(client, owner)


def test_the_activity_panel_shows_the_last_five_in_the_same_queries(
    client, make_initiative, reviewer, django_assert_max_num_queries
):
    initiative = make_initiative(S.IN_REVIEW)
    comments.add_comment(initiative, reviewer, "risks", "Point 0")
    client.force_login(reviewer)
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("dashboard"))
    for n in range(1, 9):
        comments.add_comment(initiative, reviewer, "risks", f"Point {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("dashboard"))
    shown = [a.text for a in response.context["review_activity"]]
    assert shown == ["Point 8", "Point 7", "Point 6", "Point 5", "Point 4"]
