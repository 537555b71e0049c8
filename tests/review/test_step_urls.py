"""Each one-button step of the review page leads to the view that takes that very step."""

from django.urls import resolve, reverse

from idd.services import review, staffing
from idd.views.review import steps
from idd.views.review.common import WORKFLOW_STEPS


def test_each_step_button_posts_to_the_step_it_names():
    for action, (take, url_name) in WORKFLOW_STEPS.items():
        match = resolve(reverse(url_name, args=[7]))
        assert match.func is steps.transition
        assert match.kwargs == {"pk": 7, "action": action}
        # Submitting goes on a staffing route where the organization keeps one.
        assert take is getattr(staffing if action in ("submit", "resubmit") else review, action)
