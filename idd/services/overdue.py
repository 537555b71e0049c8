"""Partner deliverables past their due quarter with nothing recorded yet: what to chase."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from assessments import fiscal
from idd.models import Initiative, PartnerDeliverable
from idd.reference.choices import DeliverableStatus, InitiativeStatus
from idd.reference.roles import User

# Nothing observed yet: a verbal assurance still owes the delivery (method.OUTSTANDING).
OUTSTANDING = (DeliverableStatus.PLANNED, DeliverableStatus.VERBAL_ONLY)


def current_quarter(today: date) -> tuple[int, int]:
    """(fiscal year, quarter) a date falls in: 15 Nov 2026 is FY2027 Q1."""
    return fiscal.fiscal_year_of(today), (today.month - 10) % 12 // 3 + 1


def overdue_deliverables(user: User, today: date | None = None) -> QuerySet[PartnerDeliverable]:
    """Across the user's live initiatives, deliverables due in a quarter that has ended and
    not recorded as delivered, partly delivered, missed or canceled; the oldest first."""
    year, quarter = current_quarter(today or timezone.localdate())
    ended = Q(due_fiscal_year__lt=year) | Q(due_fiscal_year=year, due_quarter__lt=quarter)
    return (
        PartnerDeliverable.objects.filter(
            ended,
            status__in=OUTSTANDING,
            initiative__in=Initiative.objects.involving(user)
            .exclude(status=InitiativeStatus.WITHDRAWN)
            .values("pk"),
        )
        .select_related("initiative")
        .order_by("due_fiscal_year", "due_quarter", "initiative__title", "position")
    )
