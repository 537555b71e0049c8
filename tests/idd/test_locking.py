import pytest

from idd.models import Initiative, ReviewComment
from idd.services import comments
from idd.services.locking import StaleEdit, claim_version
from tests import factories

pytestmark = pytest.mark.django_db


def test_first_save_wins_and_second_is_refused(initiative):
    first_reader = Initiative.objects.get(pk=initiative.pk)
    second_reader = Initiative.objects.get(pk=initiative.pk)
    claim_version(first_reader, first_reader.version)
    with pytest.raises(StaleEdit, match="Someone else saved changes"):
        claim_version(second_reader, second_reader.version)
    assert Initiative.objects.get(pk=initiative.pk).version == initiative.version + 1


def test_an_editor_can_save_twice_in_a_row(initiative):
    claim_version(initiative, initiative.version)
    claim_version(initiative, initiative.version)
    assert Initiative.objects.get(pk=initiative.pk).version == 3


def test_resolving_a_thread_twice_keeps_who_resolved_it_first(initiative, owner, teammate):
    """Two planners press "Resolve" on pages read before either did: the first stays named."""
    Initiative.objects.filter(pk=initiative.pk).update(status="in_review")
    thread = ReviewComment.objects.create(
        initiative=initiative,
        revision=initiative.revision,
        section="basics",
        author=factories.reviewer(),
        body="Name the units.",
    )
    owners_page, teammates_page = (ReviewComment.objects.get(pk=thread.pk) for _ in range(2))
    first = comments.resolve(owners_page, owner)
    second = comments.resolve(teammates_page, teammate)
    stored = ReviewComment.objects.get(pk=thread.pk)
    assert stored.resolved_by == owner
    assert stored.resolved_at == first.resolved_at
    assert second.resolved_by == owner  # the later press is told who resolved it
