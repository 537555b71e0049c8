"""The review workflow's state field, declared on the model and protected.

The status can only change through the transitions declared here (django-fsm-2,
protected=True): no form, view or admin can write it directly.
"""

from django.db import models
from django_fsm import FSMField

from idd.choices import InitiativeStatus

EDITABLE_STATUSES = (InitiativeStatus.DRAFT, InitiativeStatus.CHANGES_REQUESTED)


class ReviewWorkflow(models.Model):
    status = FSMField(
        default=InitiativeStatus.DRAFT,
        choices=InitiativeStatus.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        abstract = True

    @property
    def is_editable_status(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def clean_fields(self, exclude=None) -> None:
        # Validation writes each cleaned value back; the protected status must not be.
        super().clean_fields(exclude={*(exclude or ()), "status"})
