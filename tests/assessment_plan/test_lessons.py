"""Recording a lesson learned: only those who may record a measurement may, an approved
revision stays exactly as approved, and the page and the History show the lesson."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from idd.models import Initiative, LessonLearned, Revision
from idd.reference.choices import InitiativeStatus as S

pytestmark = pytest.mark.django_db

LESSON = "Logs stayed aboard the boats, so patrol days were under-counted."


def good() -> dict:
    return {
        "learned_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "lesson": LESSON,
        "action": "File the logs ashore each week.",
        "source": "SCO site visit report",
    }


def url(initiative) -> str:
    return reverse("lesson_record", args=[initiative.pk])


def stored_revision(initiative):
    return Revision.objects.values("number", "snapshot", "pdf", "approved_at").get(
        initiative=initiative, number=initiative.revision
    )


def test_a_lesson_after_approval_does_not_reopen_the_revision(client, owner, approved):
    before = stored_revision(approved)
    client.force_login(owner)
    response = client.post(url(approved), good())
    assert response.status_code == 302
    assert response["Location"].endswith("#lessons-learned")
    lesson = LessonLearned.objects.get(initiative=approved)
    assert (lesson.lesson, lesson.revision, lesson.recorded_by) == (LESSON, 1, owner)
    now = Initiative.objects.get(pk=approved.pk)
    assert (now.status, now.revision) == (S.APPROVED, approved.revision)
    assert stored_revision(approved) == before
    assert before["snapshot"]["lessons"] == []

    page = client.get(reverse("initiative_detail", args=[approved.pk])).content.decode()
    assert LESSON in page  # recorded since approval, shown beside the revision as approved
    assert "File the logs ashore each week." in page


def test_the_history_shows_the_lesson(client, owner, approved):
    client.force_login(owner)
    client.post(url(approved), good())
    page = client.get(reverse("initiative_history", args=[approved.pk])).content.decode()
    assert "Lesson learned recorded under revision 1" in page
    assert "by Olive Owner" in page
    assert LESSON in page


def test_a_teammate_may_record_a_lesson(client, teammate, approved):
    client.force_login(teammate)
    assert client.get(url(approved)).status_code == 200
    assert client.post(url(approved), good()).status_code == 302
    assert LessonLearned.objects.get().recorded_by == teammate


@pytest.mark.parametrize("who", ["reviewer", "outsider", "no_role_user"])
def test_only_those_who_may_record_measurements_record_lessons(request, client, approved, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(approved)).status_code in (403, 404)
    assert client.post(url(approved), good()).status_code in (403, 404)
    assert not LessonLearned.objects.exists()


def test_a_withdrawn_initiative_takes_no_lesson(client, owner, approved):
    Initiative.objects.filter(pk=approved.pk).update(status=S.WITHDRAWN)
    client.force_login(owner)
    assert client.post(url(approved), good()).status_code == 403
    assert not LessonLearned.objects.exists()


def test_bad_input_is_explained_and_what_was_typed_is_kept(client, owner, approved):
    client.force_login(owner)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url(approved), good() | {"learned_on": tomorrow})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date learned cannot be in the future" in page
    assert "File the logs ashore each week." in page
    response = client.post(url(approved), good() | {"lesson": "  "})
    assert "Write the lesson learned." in response.content.decode()
    assert not LessonLearned.objects.exists()


def test_the_page_offers_the_button_only_to_recorders(client, owner, reviewer, approved):
    client.force_login(owner)
    page = client.get(reverse("initiative_detail", args=[approved.pk])).content.decode()
    assert url(approved) in page
    client.force_login(reviewer)
    page = client.get(reverse("initiative_detail", args=[approved.pk])).content.decode()
    assert url(approved) not in page
    assert "Assessment, monitoring and evaluation" in page
