"""What a first walk through the staffing route on the demo found (issue 27): the
non-concurrence said before the click and the returned route said in words, the office
that non-concurred told the IDD came back, its reason labelled as its own and written
once, forwarding said as a fact, one error for an over-long comment, a GET on the
decision address, the approval authority returning the IDD, History once per event,
Recent activity with names as written and a step that saved twice said once, the compare
page's way back to the route."""

import pytest
from django.urls import reverse

from idd.forms.staffing import NON_CONCUR_HINT, OfficeDecisionForm
from idd.models import ReviewDecision, Route
from idd.models.staffing import DECISION_TEXT
from idd.reference.choices import InitiativeStatus as S
from idd.services import history, staffing
from idd.services.activity import recent_activity
from tests.staffing.steps import REASON, decide, fresh, resubmit

pytestmark = pytest.mark.django_db


def get(client, user, name, *args) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str) -> str:
    return html.split('id="route"')[1].split("</section>")[0]


@pytest.fixture
def returned(command):
    """J4 concurs, J8 non-concurs: back to the planners."""
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j4_officer, c.j4)
    decide(c, c.j8_officer, c.j8, "non_concur", REASON)
    return c


@pytest.fixture
def awaiting_approval(command):
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j4_officer, c.j4)
    decide(c, c.j8_officer, c.j8)
    decide(c, c.sja_officer, c.sja)
    return c


# --- 1. Non-concur, said before the click; a returned route in words ------------------------


def test_the_non_concur_choice_says_it_returns_the_idd_now(client, command):
    c = command
    staffing.submit(c.initiative, c.planner)
    html = panel(get(client, c.j8_officer, "initiative_review", c.initiative.pk))
    assert NON_CONCUR_HINT in html
    # The hint describes that choice to a screen reader too.
    hint_id = f"id_office-{c.j8.pk}-outcome_2_hint"
    assert f'aria-describedby="{hint_id}"' in html and f'id="{hint_id}"' in html


def test_a_returned_route_says_returned_from_here_not_in_hand(client, returned):
    html = panel(get(client, returned.planner, "initiative_review", returned.initiative.pk))
    assert "Returned to the planners" in html
    assert "Stage 1 — returned from here" in html and "In hand" not in html


# --- 2. The office that non-concurred is told it came back ------------------------------------


def test_the_office_that_non_concurred_is_told_it_came_back_changed(client, returned):
    c = returned
    resubmit(c)
    dashboard = get(client, c.j8_officer, "dashboard")
    section = dashboard.split('id="awaiting-my-office"')[1].split("</section>")[0]
    assert "Back after changes" in section
    assert "J8 non-concurred on submission 1" in section
    assert "See what changed since J8 non-concurred" in section
    # And on the route panel, beside its form.
    html = panel(get(client, c.j8_officer, "initiative_review", c.initiative.pk))
    assert "See what changed since J8 non-concurred on" in html


# --- 3. The office's non-concurrence, labelled as its own and written once -------------------


def test_the_planners_read_the_offices_non_concurrence_as_written(client, returned):
    c = returned
    request = ReviewDecision.objects.get(outcome=ReviewDecision.Outcome.CHANGES_REQUESTED)
    assert request.reason == REASON  # not "J8 non-concurs: …"
    alert = get(client, c.planner, "initiative_review", c.initiative.pk)
    assert "J8 did not concur (Jay Eight" in alert and "non-concurs:" not in alert
    dashboard = get(client, c.planner, "dashboard")
    assert "J8 did not concur (Jay Eight)" in dashboard and "non-concurs:" not in dashboard
    resubmit(c)
    html = get(client, c.j4_officer, "initiative_review", c.initiative.pk)
    since = html.split('id="since-returned"')[1].split("</section>")[0]
    assert "<strong>J8 did not concur:</strong>" in since and "The reviewer asked" not in since
    assert REASON in since


def test_the_e_mail_names_the_office(mailoutbox, django_capture_on_commit_callbacks, command):
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j4_officer, c.j4)
    with django_capture_on_commit_callbacks(execute=True):
        decide(c, c.j8_officer, c.j8, "non_concur", REASON)
    told = [m for m in mailoutbox if c.planner.email in m.to]
    assert told and all(f"J8 did not concur: {REASON}" in m.body for m in told)


# --- 4. Forwarded, said as a fact ---------------------------------------------------------------


def test_once_forwarded_the_panel_says_so_as_a_fact(client, awaiting_approval):
    c = awaiting_approval
    staffing.approve(fresh(c.initiative), c.director)
    staffing.forward(fresh(c.initiative), c.planner)
    html = panel(get(client, c.planner, "initiative_review", c.initiative.pk))
    assert "Forwarded to DSCA on" in html and ": its route is below." in html
    assert "already forwarded" not in html and "Forwarding to DSCA:" not in html


# --- 5. One error for an over-long comment -------------------------------------------------------


@pytest.mark.parametrize("outcome", ["concur_with_comment", "non_concur"])
def test_an_over_long_comment_gets_the_length_error_alone(outcome):
    prefix = "office-1"
    form = OfficeDecisionForm(
        {
            f"{prefix}-outcome": outcome,
            f"{prefix}-comment": "x" * (DECISION_TEXT + 2000),
            f"{prefix}-round": 1,
        },
        office_pk=1,
    )
    assert not form.is_valid()
    assert len(form.errors["comment"]) == 1
    assert "characters or fewer" in form.errors["comment"][0]


# --- 6. A GET on the decision's address -------------------------------------------------------


def test_a_get_on_the_decision_address_opens_the_route_panel(client, command):
    c = command
    staffing.submit(c.initiative, c.planner)
    client.force_login(c.j8_officer)
    url = reverse("route_office_decision", args=[c.initiative.pk, c.j8.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("initiative_review", args=[c.initiative.pk]) + "#route"
    back = client.get(reverse("route_return", args=[c.initiative.pk]))
    assert back.status_code == 302
    assert back["Location"] == reverse("route_approve", args=[c.initiative.pk])


# --- 7. The approval authority returns it to the planners ----------------------------------


def test_the_approval_authority_may_return_it_with_a_reason(client, awaiting_approval):
    c = awaiting_approval
    page = get(client, c.director, "route_approve", c.initiative.pk)
    assert "Return to the planners" in page and "starts again at Stage 1" in page
    url = reverse("route_return", args=[c.initiative.pk])
    missing = client.post(url, {"route-return-reason": "  "})
    assert missing.status_code == 400
    assert "Say what the planners must change." in missing.content.decode()
    assert fresh(c.initiative).status == S.IN_REVIEW
    response = client.post(url, {"route-return-reason": "Cost the fuel."})
    assert response.status_code == 302
    initiative = fresh(c.initiative)
    assert initiative.status == S.CHANGES_REQUESTED
    route = Route.objects.get()
    assert route.status == Route.Status.RETURNED and route.stage is None
    assert route.returned_from_approval.reason == "Cost the fuel."
    html = panel(get(client, c.planner, "initiative_review", c.initiative.pk))
    assert "Returned to the planners</strong> by the approval authority of J5" in html
    assert "starts again at Stage 1" in html and "Cost the fuel." in html
    assert "Superseded" not in html  # the offices' concurrences stand until then
    # On resubmission, every office coordinates again from the first stage.
    resubmit(c)
    route.refresh_from_db()
    assert route.status == Route.Status.COORDINATING and route.stage.position == 1
    assert route.returned_from_approval is None and not route.reached_approval
    assert {o.name for o in route.pending_offices()} == {"J4", "J8"}


def test_only_the_approval_authority_returns_it_and_only_while_it_awaits(client, command):
    c = command
    staffing.submit(c.initiative, c.planner)
    url = reverse("route_return", args=[c.initiative.pk])
    client.force_login(c.director)  # the route is still at Stage 1: a stale page
    stale = client.post(url, {"route-return-reason": "Cost the fuel."}, follow=True)
    assert "not waiting for an approval authority now" in stale.content.decode()
    decide(c, c.j4_officer, c.j4)
    decide(c, c.j8_officer, c.j8)
    decide(c, c.sja_officer, c.sja)
    client.force_login(c.j4_officer)  # reads it, may not decide for J5
    refused = client.post(url, {"route-return-reason": "Cost the fuel."}, follow=True)
    assert "Only the approval authority of J5 approves it." in refused.content.decode()
    assert fresh(c.initiative).status == S.IN_REVIEW
    assert not ReviewDecision.objects.exists()


def test_a_forwarded_route_is_not_returned_to_the_planners(awaiting_approval):
    c = awaiting_approval
    staffing.approve(fresh(c.initiative), c.director)
    staffing.forward(fresh(c.initiative), c.planner)
    decide_dsca = Route.objects.get(forwarded=True)
    staffing.decide(
        fresh(c.initiative), c.dsca_officer, c.dsca_sa, "concur", round_=decide_dsca.round
    )
    with pytest.raises(staffing.RefusedTransition, match="already approved by the command"):
        staffing.send_back(fresh(c.initiative), c.dsca_director, "No.")


# --- 8. History once per event; names as written ----------------------------------------------


def test_history_says_each_routing_event_once(client, awaiting_approval):
    c = awaiting_approval
    staffing.approve(fresh(c.initiative), c.director, "Good.")
    staffing.forward(fresh(c.initiative), c.planner)
    dsca = Route.objects.get(forwarded=True)
    staffing.decide(fresh(c.initiative), c.dsca_officer, c.dsca_sa, "concur", round_=dsca.round)
    staffing.approve(fresh(c.initiative), c.dsca_director)
    said = [
        getattr(e, "what", "") or getattr(e, "reason", "")
        for e in history.history(fresh(c.initiative))
    ]
    assert not [s for s in said if s.startswith("Approved for DSCA (forwarded")]
    assert len([s for s in said if s.startswith("Approved for DSCA at the end")]) == 1
    assert said.count("Approved revision 1") == 1  # the command's approval, with remarks
    assert not [s for s in said if s.startswith("Approved for J5") or s == "Approved"]
    assert len([s for s in said if s.startswith("Forwarded to DSCA")]) == 1
    assert len([s for s in said if s.startswith("Sent on the route")]) == 1
    assert "Submitted" not in said  # the submission on the route: said once, above
    html = get(client, c.planner, "initiative_history", c.initiative.pk)
    assert "Approved for DSCA at the end of the route" in html


def test_history_says_a_return_once(returned):
    said = [
        getattr(e, "what", "") or getattr(e, "reason", "")
        for e in history.history(returned.initiative)
    ]
    assert [s for s in said if "J8" in s] == ["J8: non-concur (Stage 1)"]


def test_recent_activity_keeps_names_as_written(client, returned):
    reasons = [a.reason_phrase for a in recent_activity(returned.planner)]
    assert "submitted for review and sent on the route “AFRICOM staffing”" in reasons
    dashboard = get(client, returned.planner, "dashboard")
    assert "returned to the planners: J8 non-concurred" in dashboard
    assert "j8 non-concurred" not in dashboard and "africom staffing" not in dashboard


def test_recent_activity_says_a_resubmission_on_the_route_once(returned):
    resubmit(returned)
    reasons = [a.reason_phrase for a in recent_activity(returned.planner)]
    assert reasons[0] == "resubmitted for review and sent on the route “AFRICOM staffing”"
    assert not any(r.startswith("sent on the route") for r in reasons)


# --- 9. The compare page, opened from the route ---------------------------------------------


def test_the_compare_page_leads_back_to_the_route(client, returned):
    c = returned
    resubmit(c)
    html = panel(get(client, c.j4_officer, "initiative_review", c.initiative.pk))
    link = html.split("See what changed since J4 concurred")[0].rsplit('href="', 1)[1]
    link = link.split('"')[0].replace("&amp;", "&")
    assert "from=route" in link
    client.force_login(c.j4_officer)
    page = client.get(link).content.decode()
    back = reverse("initiative_review", args=[c.initiative.pk]) + "#route"
    assert f'href="{back}">Back to the staffing route</a>' in page
    # It is part of the review, not the approved revisions tab.
    assert 'aria-current="page">Review and comments' in page
    assert 'name="from" value="route"' in page  # comparing others keeps the way back


# --- The walk after the fixes ----------------------------------------------------------------


def test_resubmitting_after_the_approval_authoritys_return_says_every_office_decides_again(
    client, awaiting_approval
):
    c = awaiting_approval
    staffing.send_back(fresh(c.initiative), c.director, "Cost the fuel.")
    page = get(client, c.planner, "initiative_submit_confirm", c.initiative.pk)
    assert "at its first stage, since the approval authority returned it" in page
    assert "at ," not in page


def test_a_non_concurrence_says_the_idd_went_back_and_dscas_approval_offers_no_return(
    client, awaiting_approval
):
    c = awaiting_approval
    client.force_login(c.director)
    html = panel(get(client, c.director, "initiative_review", c.initiative.pk))
    assert "Approve or return to the planners…" in html
    staffing.approve(fresh(c.initiative), c.director)
    staffing.forward(fresh(c.initiative), c.planner)
    route = Route.objects.get(forwarded=True)
    client.force_login(c.dsca_officer)
    prefix = f"office-{c.dsca_sa.pk}"
    response = client.post(
        reverse("route_office_decision", args=[c.initiative.pk, c.dsca_sa.pk]),
        {f"{prefix}-outcome": "concur", f"{prefix}-round": route.round},
        follow=True,
    )
    assert "decision is recorded." in response.content.decode()
    assert "went back to its planners" not in response.content.decode()
    html = panel(get(client, c.dsca_director, "initiative_review", c.initiative.pk))
    assert "Approve…" in html and "return to the planners" not in html


def test_the_message_after_a_non_concurrence_says_the_idd_went_back(client, command):
    c = command
    staffing.submit(c.initiative, c.planner)
    route = Route.objects.get()
    client.force_login(c.j8_officer)
    prefix = f"office-{c.j8.pk}"
    response = client.post(
        reverse("route_office_decision", args=[c.initiative.pk, c.j8.pk]),
        {
            f"{prefix}-outcome": "non_concur",
            f"{prefix}-comment": REASON,
            f"{prefix}-round": route.round,
        },
        follow=True,
    )
    said = response.content.decode().replace("&#x27;", "'")
    assert "J8's decision is recorded. The IDD went back to its planners with it." in said
