"""A guided-form step's input that did not save yet, kept for the planner who typed it.

"Save and exit" on a step that does not validate (a required field left empty, a
conflict with someone else's save) keeps what was posted here instead of refusing to
leave. When the same planner opens that step again, on any browser, it is bound back to
the forms with its messages. It is never shown to anyone else, never counts as saved
(completeness and review read the saved rows), and a valid save of the step removes it.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.http import QueryDict

from idd.models.initiative import Initiative

LOCK_VERSION, LOCK_READ = "lock-version", "lock-read"  # VersionForm's fields on the page


class UnfinishedInput(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="unfinished_inputs"
    )
    step = models.SlugField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The posted fields as [[name, [values]], ...], without the security token and the lock.
    data = models.JSONField(default=list)
    # The lock the page was read with: restoring it keeps a stale save a conflict to merge.
    read_version = models.PositiveIntegerField(null=True)
    read_state = models.JSONField(null=True)  # {form: {field: fingerprint}}, as parsed
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "step", "user"], name="one_unfinished_input_per_step_user"
            )
        ]

    def __str__(self) -> str:
        return f"Unfinished input on {self.step} of {self.initiative_id} by {self.user_id}"

    def as_post(self) -> QueryDict:
        """The input as it was posted, lock included, to bind to the step's forms."""
        post = posted(self.data)
        if self.read_version is not None:
            post[LOCK_VERSION] = str(self.read_version)
        post[LOCK_READ] = "" if self.read_state is None else json.dumps(self.read_state)
        return post


def posted(data: list) -> QueryDict:
    """[[name, [values]], ...] back into a QueryDict, as the forms read a POST."""
    post = QueryDict(mutable=True)
    for name, values in data:
        post.setlist(name, values)
    return post
