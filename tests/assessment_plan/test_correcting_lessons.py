"""A lesson learned recorded in error is corrected or withdrawn by those who record lessons,
with a reason; the History keeps what it said, who changed it and why; a withdrawn lesson
leaves the page and the printed draft; a page the lesson changed under (another tab) is
refused as a conflict, what was typed kept."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from idd.models import Initiative, LessonLearned, Revision
from idd.reference.choices import InitiativeStatus as S
from idd.services import lessons as service
from idd.services import review
from tests.factories import complete_initiative

pytestmark = pytest.mark.django_db

WRONG = "Logs stayed aboard the boats, so patrol days were over-counted."
RIGHT = "Logs stayed aboard the boats, so patrol days were under-counted."


def record(initiative: Initiative, user, text: str = WRONG) -> LessonLearned:
    return service.record_lesson(
        initiative,
        user,
        learned_on=timezone.localdate() - timedelta(days=3),
        lesson=text,
        action="File the logs ashore each week.",
        source="SCO site visit report",
    )


@pytest.fixture
def lesson(approved, owner) -> LessonLearned:
    return record(approved, owner)


def url(lesson: LessonLearned) -> str:
    return reverse("lesson_correct", args=[lesson.initiative_id, lesson.pk])


def seen_on(page: str, prefix: str = "") -> str:
    """The state of the lesson the page's form carries (its hidden field)."""
    return re.search(rf'name="{prefix}seen" value="([^"]*)"', page)[1]


def correction(recorded: LessonLearned, seen: str, /, **changes) -> dict:
    return {
        "change": "correct",  # the button pressed
        "learned_on": recorded.learned_on.isoformat(),
        "lesson": RIGHT,
        "action": recorded.action,
        "source": recorded.source,
        "reason": "Over for under",
        "seen": seen,
    } | changes


def withdrawal(seen: str, reason: str = "Recorded on the wrong initiative") -> dict:
    return {"change": "withdraw", "withdraw-reason": reason, "withdraw-seen": seen}


def page_of(client, lesson: LessonLearned, name: str = "initiative_detail") -> str:
    return client.get(reverse(name, args=[lesson.initiative_id])).content.decode()


def test_each_lesson_on_the_page_links_to_its_correction_for_recorders(
    client, owner, reviewer, lesson
):
    client.force_login(owner)
    assert url(lesson) in page_of(client, lesson)
    client.force_login(reviewer)
    assert url(lesson) not in page_of(client, lesson)


def test_a_lesson_is_corrected_and_the_history_keeps_what_it_said(client, owner, lesson):
    version = Initiative.objects.get(pk=lesson.initiative_id).version
    client.force_login(owner)
    seen = seen_on(client.get(url(lesson)).content.decode())
    response = client.post(url(lesson), correction(lesson, seen))
    assert response.status_code == 302
    assert response["Location"].endswith("#lessons-learned")
    lesson.refresh_from_db()
    assert lesson.lesson == RIGHT and lesson.action == "File the logs ashore each week."
    # The initiative's version is claimed: its printed draft is rendered again.
    assert Initiative.objects.get(pk=lesson.initiative_id).version == version + 1
    page = page_of(client, lesson)
    assert RIGHT in page and WRONG not in page
    history = page_of(client, lesson, "initiative_history")
    assert "Lesson learned corrected: learned" in history and "by Olive Owner" in history
    assert "Over for under" in history
    assert "What it said before:" in history and WRONG in history


def test_the_approved_revision_stays_as_approved(client, owner, approved):
    before = Revision.objects.values("snapshot", "approved_at").get(initiative=approved)
    lesson = record(approved, owner)
    client.force_login(owner)
    client.post(url(lesson), correction(lesson, service.seen_mark(lesson)))
    client.post(url(lesson), withdrawal(service.seen_mark(LessonLearned.objects.get())))
    assert not LessonLearned.objects.exists()
    assert Revision.objects.values("snapshot", "approved_at").get(initiative=approved) == before
    assert Initiative.objects.get(pk=approved.pk).status == S.APPROVED


def test_a_correction_needs_a_reason_and_keeps_what_was_typed(client, owner, lesson):
    client.force_login(owner)
    data = correction(lesson, service.seen_mark(lesson), reason="  ")
    response = client.post(url(lesson), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say why the lesson learned is corrected." in html
    assert "error-summary" in html and RIGHT in html
    assert "<title>Error: Correct or withdraw a lesson learned" in html
    lesson.refresh_from_db()
    assert lesson.lesson == WRONG


def test_a_correction_into_the_future_is_refused(client, owner, lesson):
    client.force_login(owner)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = correction(lesson, service.seen_mark(lesson), learned_on=tomorrow)
    response = client.post(url(lesson), data)
    assert response.status_code == 200
    assert "The date learned cannot be in the future" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.lesson == WRONG


def test_a_lesson_is_withdrawn_from_the_page_and_the_history_keeps_it(client, owner, lesson):
    client.force_login(owner)
    seen = seen_on(client.get(url(lesson)).content.decode(), "withdraw-")
    response = client.post(url(lesson), withdrawal(seen))
    assert response.status_code == 302
    assert not LessonLearned.objects.filter(pk=lesson.pk).exists()
    assert WRONG not in page_of(client, lesson)
    history = page_of(client, lesson, "initiative_history")
    assert "Lesson learned withdrawn: learned" in history
    assert "Recorded on the wrong initiative" in history
    assert "Lesson learned recorded under revision 1" in history and WRONG in history
    # Gone: its page is not found again.
    assert client.get(url(lesson)).status_code == 404


def test_withdrawing_needs_a_reason(client, owner, lesson):
    client.force_login(owner)
    response = client.post(url(lesson), withdrawal(service.seen_mark(lesson), reason=" "))
    assert response.status_code == 200
    assert "Say why the lesson learned is withdrawn." in response.content.decode()
    assert LessonLearned.objects.filter(pk=lesson.pk).exists()


def test_a_reason_longer_than_the_history_keeps_is_explained(client, owner, lesson):
    client.force_login(owner)
    response = client.post(url(lesson), withdrawal(service.seen_mark(lesson), reason="x" * 101))
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert LessonLearned.objects.filter(pk=lesson.pk).exists()


def test_a_withdrawn_lesson_leaves_the_printed_draft(client, owner, teammate):
    initiative = complete_initiative(owner, teammate, S.IN_REVIEW)
    lesson = record(initiative, owner)
    client.force_login(owner)
    assert WRONG in page_of(client, lesson, "initiative_print")
    version = Initiative.objects.get(pk=initiative.pk).version
    client.post(url(lesson), withdrawal(service.seen_mark(lesson)))
    assert WRONG not in page_of(client, lesson, "initiative_print")
    assert Initiative.objects.get(pk=initiative.pk).version == version + 1


def test_a_lesson_of_the_approved_revision_withdrawn_leaves_the_page(
    client, owner, teammate, reviewer
):
    """The page shows the lessons as they are now, not the revision's frozen copy of them."""
    initiative = complete_initiative(owner, teammate, S.IN_REVIEW)
    lesson = record(initiative, owner)
    review.approve(initiative, reviewer, "Sound plan.")
    client.force_login(owner)
    client.post(url(lesson), withdrawal(service.seen_mark(lesson)))
    page = page_of(client, lesson)
    assert WRONG not in page and "No lesson learned is recorded" in page


def test_a_teammate_may_correct(client, teammate, lesson):
    client.force_login(teammate)
    response = client.post(url(lesson), correction(lesson, service.seen_mark(lesson)))
    assert response.status_code == 302
    assert LessonLearned.objects.get().lesson == RIGHT


@pytest.mark.parametrize("who", ["reviewer", "outsider", "no_role_user"])
def test_only_those_who_record_lessons_correct_them(request, client, lesson, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(lesson)).status_code in (403, 404)
    seen = service.seen_mark(lesson)
    assert client.post(url(lesson), withdrawal(seen)).status_code in (403, 404)
    assert client.post(url(lesson), correction(lesson, seen)).status_code in (403, 404)
    assert LessonLearned.objects.get().lesson == WRONG


def test_a_withdrawn_initiative_takes_no_correction(client, owner, lesson):
    Initiative.objects.filter(pk=lesson.initiative_id).update(status=S.WITHDRAWN)
    client.force_login(owner)
    assert client.post(url(lesson), withdrawal(service.seen_mark(lesson))).status_code == 403
    assert LessonLearned.objects.filter(pk=lesson.pk).exists()


def test_a_lesson_of_another_initiative_is_not_found(client, owner, teammate, lesson):
    other = complete_initiative(owner, teammate, S.IN_REVIEW)
    theirs = reverse("lesson_correct", args=[other.pk, lesson.pk])
    client.force_login(owner)
    assert client.get(theirs).status_code == 404
    assert client.post(theirs, withdrawal(service.seen_mark(lesson))).status_code == 404
    # Withdrawn, it is no more found there: its history is its own initiative's.
    client.post(url(lesson), withdrawal(service.seen_mark(lesson)))
    assert client.post(theirs, correction(lesson, "")).status_code == 404
    with pytest.raises(Exception, match="another initiative"):
        service.withdraw_lesson(other, lesson, owner, reason="No", seen="")


def test_a_page_the_lesson_was_corrected_under_is_refused_and_keeps_what_was_typed(
    client, owner, teammate, lesson
):
    client.force_login(owner)
    seen = seen_on(client.get(url(lesson)).content.decode())
    # Meanwhile, in another tab, the teammate corrects it.
    service.correct_lesson(
        lesson.initiative,
        LessonLearned.objects.get(),
        teammate,
        learned_on=lesson.learned_on,
        lesson="Theirs",
        action="",
        source="",
        reason="Theirs",
        seen=seen,
    )
    mine = correction(lesson, seen, lesson="Mine, typed at length")
    response = client.post(url(lesson), mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "corrected this lesson learned while you had it open" in html
    assert "<title>Error: " in html
    assert "Mine, typed at length" in html  # what was typed is kept
    assert LessonLearned.objects.get().lesson == "Theirs"
    # Having seen it, saving again succeeds: the page carries the lesson as it is now.
    response = client.post(url(lesson), mine | {"seen": seen_on(html)})
    assert response.status_code == 302
    assert LessonLearned.objects.get().lesson == "Mine, typed at length"


def test_a_withdrawal_from_a_stale_page_is_refused(client, owner, teammate, lesson):
    seen = service.seen_mark(lesson)
    service.correct_lesson(
        lesson.initiative,
        LessonLearned.objects.get(),
        teammate,
        learned_on=lesson.learned_on,
        lesson=RIGHT,
        action="",
        source="",
        reason="Over for under",
        seen=seen,
    )
    client.force_login(owner)
    response = client.post(url(lesson), withdrawal(seen, reason="Mine"))
    assert response.status_code == 409
    assert 'value="Mine"' in response.content.decode()
    assert LessonLearned.objects.filter(pk=lesson.pk).exists()


def test_a_page_the_lesson_was_withdrawn_under_is_refused_not_lost(client, owner, teammate, lesson):
    seen, page = service.seen_mark(lesson), url(lesson)
    service.withdraw_lesson(lesson.initiative, lesson, teammate, reason="Duplicate", seen=seen)
    client.force_login(owner)
    response = client.post(page, correction(lesson, seen, lesson="Mine"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "withdrew this lesson learned while you had it open" in html and "Duplicate" in html
    assert "Mine" in html and "Save the correction" not in html
    assert reverse("lesson_record", args=[lesson.initiative_id]) in html
    assert not LessonLearned.objects.exists()


@pytest.mark.parametrize("seen", ["", "not a number", "9" * 30])
def test_a_forged_or_missing_mark_is_a_conflict_not_an_error(client, owner, lesson, seen):
    client.force_login(owner)
    response = client.post(url(lesson), withdrawal(seen))
    assert response.status_code in (200, 409)
    assert LessonLearned.objects.filter(pk=lesson.pk).exists()
