from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from idd.document.commitment import current_results
from idd.document.snapshot import snapshot, with_rows
from idd.forms.unit_request import decision_forms
from idd.guided_form.steps import STEPS, progress, resume_step
from idd.models import Initiative
from idd.models.workflow import EDITABLE_STATUSES
from idd.reference import roles
from idd.reference.choices import InitiativeStatus
from idd.services import parking, review, route_screens, unit_requests
from idd.services.activity import recent_activity, review_activity
from idd.services.overdue import overdue_deliverables

DRAFTS_SHOWN = 10
INITIATIVES_SHOWN = 20
PANEL_ROWS = 5  # review panels: the first few, with a link to the rest


def _draft(initiative: Initiative, unfinished: set[str]) -> dict:
    doc = snapshot(initiative)
    done, total = progress(doc)
    return {
        "initiative": initiative,
        "commitment": doc["commitment"]["result"],
        "done": done,
        "total": total,
        "resume": resume_step(initiative.last_step),
        # Steps where this user kept input with "Save and exit" that did not save yet.
        "unfinished": [step for step in STEPS if step.slug in unfinished],
    }


def _panel(rows, shown: int = PANEL_ROWS) -> dict:
    """The first rows of a dashboard panel and how many there are in all."""
    return {"first": rows[:shown], "count": rows.count()}


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's drafts with their progress, their initiatives, recent activity."""
    if not roles.has_any_role(request.user):  # nothing to show until an administrator acts
        return render(request, "idd/dashboard_no_role.html")
    mine = Initiative.objects.involving(request.user).select_related("partner", "owner")
    drafts = with_rows(mine.filter(status__in=EDITABLE_STATUSES).order_by("-updated_at"))
    # Withdrawn ones are out of the workflow for good: counted, listed only on request.
    withdrawn = Q(status=InitiativeStatus.WITHDRAWN)
    counts = mine.aggregate(
        shown=Count("pk", distinct=True, filter=~withdrawn),
        withdrawn=Count("pk", distinct=True, filter=withdrawn),
    )
    mine = mine.exclude(withdrawn)
    shown = list(drafts[:DRAFTS_SHOWN])
    unfinished = parking.unfinished_steps(request.user, shown)
    context = {
        "drafts": [_draft(i, unfinished.get(i.pk, set())) for i in shown],
        # Each with its commitment result: demonstrated commitment and the delivery record.
        "my_initiatives": current_results(mine.order_by("-updated_at")[:INITIATIVES_SHOWN]),
        "my_count": counts["shown"],
        "withdrawn_count": counts["withdrawn"],
        "activity": recent_activity(request.user),
        "can_create": roles.is_planner(request.user),
        # Review and monitoring panels.
        "awaiting_review": (
            _panel(review.awaiting_review(request.user))
            if roles.is_reviewer(request.user)
            else None
        ),
        "review_activity": (
            review_activity(request.user) if roles.is_reviewer(request.user) else None
        ),
        "returned": review.returned_to(request.user),
        "awaiting_office": (
            route_screens.awaiting_office(request.user)
            if roles.has_role(request.user, roles.COORDINATOR)
            or roles.has_role(request.user, roles.APPROVAL_AUTHORITY)
            else None
        ),
        # "Approved: forward to DSCA": the next step of an IDD approved on its route.
        "to_forward": route_screens.to_forward(request.user),
        # For administrators: routes waiting on an office nobody can act for.
        "waiting_on_nobody": route_screens.waiting_on_nobody(request.user),
        "overdue": _panel(overdue_deliverables(request.user), PANEL_ROWS * 2),
        # Partner unit requests: the open ones to decide, oldest first; the planner's own.
        "unit_requests": (
            [(asked, *decision_forms(asked)) for asked in unit_requests.open_requests(request.user)]
            if roles.is_administrator(request.user)
            else None
        ),
        "my_unit_requests": (
            unit_requests.requests_of(request.user) if roles.is_planner(request.user) else []
        ),
    }
    return render(request, "idd/dashboard.html", context)
