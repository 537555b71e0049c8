"""Comments anchored to sections: reviewers and the team discuss, planners resolve."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from idd.models import ReviewComment
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, review

pytestmark = pytest.mark.django_db


def add(client, initiative, section="deliverables", body="Who verifies the roster?"):
    return client.post(
        reverse("comment_add", args=[initiative.pk, section]), {f"comment-{section}-body": body}
    )


def test_a_reviewer_comments_on_a_section_and_it_shows_there(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    response = add(client, initiative)
    assert response.status_code == 302
    assert response["Location"].endswith("#section-deliverables")
    comment = ReviewComment.objects.get()
    assert (comment.section, comment.author, comment.revision) == ("deliverables", reviewer, 1)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    section = page.split('id="section-deliverables"')[1].split('id="section-us-inputs"')[0]
    assert "Who verifies the roster?" in section
    assert "(1 open)" in section


def test_an_empty_comment_keeps_the_page_with_the_error(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    response = add(client, initiative, body="   ")
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Write your comment before sending it." in text
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize(
    ("state", "role"),
    [
        (S.IN_REVIEW, "outsider"),  # a user without a role: not found (test_access_matrix)
        (S.DRAFT, "reviewer"),
        (S.APPROVED, "reviewer"),
        (S.WITHDRAWN, "owner"),
    ],
)
def test_comments_are_refused_to_others_and_outside_review(
    client, make_initiative, user_of, state, role
):
    initiative = make_initiative(state)
    client.force_login(user_of(role))
    response = add(client, initiative)
    assert response.status_code in (302, 403)
    assert not ReviewComment.objects.exists()
    if response.status_code == 302:
        refusal, kept = [str(m) for m in get_messages(response.wsgi_request)]
        assert refusal.startswith("Only reviewers, the offices staffing it and the")
        assert kept.endswith("here it is to copy: Who verifies the roster?")


def test_the_team_replies_in_the_thread_and_the_owner_resolves_it(
    client, make_initiative, reviewer, teammate, owner
):
    initiative = make_initiative(S.CHANGES_REQUESTED)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    client.force_login(teammate)
    client.post(
        reverse("comment_reply", args=[initiative.pk, thread.pk]),
        {f"reply-{thread.pk}-body": "Added under Risks."},
    )
    reply = ReviewComment.objects.get(parent=thread)
    assert (reply.author, reply.section, reply.body) == (teammate, "risks", "Added under Risks.")
    # A reply to a reply stays in the same thread.
    again = comments.reply(reply, reviewer, "Thanks.")
    assert again.parent == thread

    client.force_login(owner)
    client.post(reverse("comment_resolve", args=[initiative.pk, thread.pk]))
    thread.refresh_from_db()
    assert (thread.resolved_by, thread.resolved_at is not None) == (owner, True)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "Resolved</span> by" in page
    assert "(0 open)" in page


def test_threads_of_an_approved_revision_stay_as_approved(client, make_initiative, reviewer, owner):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    review.approve(initiative, reviewer)
    review.start_revision(initiative, owner)
    review.submit(initiative, owner)

    client.force_login(reviewer)
    response = client.post(
        reverse("comment_reply", args=[initiative.pk, thread.pk]),
        {f"reply-{thread.pk}-body": "Still open?"},
    )
    client.force_login(owner)
    resolved = client.post(reverse("comment_resolve", args=[initiative.pk, thread.pk]))
    for refused in (response, resolved):
        said = [str(m) for m in get_messages(refused.wsgi_request)]
        assert any(
            m.startswith("This comment was made on revision 1, which is closed") for m in said
        )
    assert any(
        "here it is to copy: Still open?" in str(m) for m in get_messages(response.wsgi_request)
    )
    thread.refresh_from_db()
    assert thread.resolved_at is None
    assert not ReviewComment.objects.filter(parent=thread).exists()


def test_a_reviewer_cannot_resolve_a_comment(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    client.force_login(reviewer)
    response = client.post(reverse("comment_resolve", args=[initiative.pk, thread.pk]))
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Only the initiative's planners can resolve a comment")
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_a_comment_on_no_section_is_not_found(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    assert add(client, initiative, section="appendix").status_code == 404


def test_a_comment_of_another_initiative_is_not_found(client, make_initiative, reviewer, owner):
    initiative, other = make_initiative(S.IN_REVIEW), make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(other, reviewer, "risks", "Elsewhere.")
    client.force_login(owner)
    url = reverse("comment_resolve", args=[initiative.pk, thread.pk])
    assert client.post(url).status_code == 404


def test_planners_see_the_comments_on_the_matching_step(client, make_initiative, reviewer, owner):
    initiative = make_initiative(S.CHANGES_REQUESTED)
    comments.add_comment(initiative, reviewer, "deliverables", "Who verifies the roster?")
    comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    client.force_login(owner)
    step = client.get(reverse("wizard_step", args=[initiative.pk, "deliverables"]))
    text = step.content.decode()
    assert "Reviewers' comments on this step" in text
    assert "Who verifies the roster?" in text
    assert "Name the abandonment risk." not in text
    assert "Mark as resolved" in text
    # Resolving from the step comes back to the step.
    thread = ReviewComment.objects.get(section="deliverables")
    response = client.post(
        reverse("comment_resolve", args=[initiative.pk, thread.pk]),
        {"next": reverse("wizard_step", args=[initiative.pk, "deliverables"])},
    )
    assert response["Location"] == reverse("wizard_step", args=[initiative.pk, "deliverables"])


def test_resolving_never_sends_the_planner_to_another_site(
    client, make_initiative, reviewer, owner
):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    client.force_login(owner)
    response = client.post(
        reverse("comment_resolve", args=[initiative.pk, thread.pk]),
        {"next": "//evil.example/"},
    )
    assert response["Location"].startswith(reverse("initiative_review", args=[initiative.pk]))


@pytest.mark.parametrize(
    "elsewhere", ["/\\evil.example/", "/\t/evil.example/", "https://evil.example/"]
)
def test_resolving_refuses_what_a_browser_reads_as_another_site(
    client, make_initiative, reviewer, owner, elsewhere
):
    """A backslash or a tab after the slash makes browsers go to another host."""
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    client.force_login(owner)
    url = reverse("comment_resolve", args=[initiative.pk, thread.pk])

    response = client.post(url, {"next": elsewhere})

    assert response["Location"].startswith(reverse("initiative_review", args=[initiative.pk]))
    back = reverse("initiative_review", args=[initiative.pk]) + "#section-risks"
    assert client.post(url, {"next": back})["Location"] == back, "a page of ours is kept"


def test_the_review_page_costs_the_same_queries_however_many_comments(
    client, make_initiative, reviewer, owner, django_assert_max_num_queries
):
    initiative = make_initiative(S.IN_REVIEW)
    for n in range(15):
        thread = comments.add_comment(initiative, reviewer, "risks", f"Point {n}")
        comments.reply(thread, owner, "Done.")
    client.force_login(reviewer)
    with django_assert_max_num_queries(45):
        assert client.get(reverse("initiative_review", args=[initiative.pk])).status_code == 200


# --- A reply to a resolved thread reopens it --------------------------------------------------


def reply_to(client, initiative, thread, body):
    return client.post(
        reverse("comment_reply", args=[initiative.pk, thread.pk]), {f"reply-{thread.pk}-body": body}
    )


@pytest.mark.parametrize("role", ["reviewer", "owner", "teammate"])
def test_a_reply_to_a_resolved_thread_reopens_it_and_says_so(
    client, make_initiative, reviewer, owner, user_of, role
):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    comments.resolve(thread, owner)
    thread.refresh_from_db()
    resolved_at = thread.resolved_at
    client.force_login(user_of(role))
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "Send reply and reopen the thread</button>" in page  # told before sending
    response = reply_to(client, initiative, thread, "The row still names nobody.")
    assert response["Location"].endswith(f"#comment-{thread.pk}")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your reply reopened this thread."
    ]
    thread.refresh_from_db()
    assert (thread.resolved_by, thread.resolved_at) == (None, None)
    reply = ReviewComment.objects.get(parent=thread)
    # Who reopened it and when is the reply; the resolution it ended is kept with it.
    assert (reply.author, reply.reopened_thread) == (user_of(role), True)
    assert (reply.reopened_resolution_by, reply.reopened_resolution_at) == (owner, resolved_at)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "(1 open)" in page
    assert '<span class="usa-tag">Reopened</span> the thread resolved by Olive Owner' in page


def test_a_reply_to_an_open_thread_only_adds_the_reply(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    client.force_login(reviewer)
    response = reply_to(client, initiative, thread, "And its owner.")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Your reply was added."]
    assert not ReviewComment.objects.get(parent=thread).reopened_thread


def test_an_outsider_cannot_reopen_by_replying(client, make_initiative, reviewer, owner, outsider):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    comments.resolve(thread, owner)
    client.force_login(outsider)
    response = reply_to(client, initiative, thread, "Reopen it.")
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[0].startswith("Only reviewers, the offices staffing it and the")
    thread.refresh_from_db()
    assert thread.resolved_by == owner
    assert not ReviewComment.objects.filter(parent=thread).exists()


def test_the_planner_replies_and_resolves_from_the_step_in_one_action(
    client, make_initiative, reviewer, owner
):
    initiative = make_initiative(S.CHANGES_REQUESTED)
    thread = comments.add_comment(initiative, reviewer, "deliverables", "Who verifies it?")
    step = reverse("wizard_step", args=[initiative.pk, "deliverables"])
    client.force_login(owner)
    page = client.get(step).content.decode()
    assert f'name="reply-{thread.pk}-body"' in page  # a reply beside "Mark as resolved"
    assert "Reply and resolve</button>" in page
    response = client.post(
        reverse("comment_reply", args=[initiative.pk, thread.pk]),
        {f"reply-{thread.pk}-body": "The SCO checks the roster.", "resolve": "yes", "next": step},
    )
    assert response["Location"] == step  # back on the step
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your reply was added and the thread marked as resolved."
    ]
    thread.refresh_from_db()
    assert thread.resolved_by == owner
    assert ReviewComment.objects.get(parent=thread).body == "The SCO checks the roster."


def test_reply_and_resolve_by_someone_who_may_not_resolve_saves_neither(
    client, make_initiative, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    client.force_login(reviewer)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "Reply and resolve" not in page  # only the planners resolve
    response = client.post(
        reverse("comment_reply", args=[initiative.pk, thread.pk]),
        {f"reply-{thread.pk}-body": "Resolving it myself.", "resolve": "yes"},
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[0].startswith("Only the initiative's planners can resolve a comment")
    assert not ReviewComment.objects.filter(parent=thread).exists()
    thread.refresh_from_db()
    assert thread.resolved_at is None
