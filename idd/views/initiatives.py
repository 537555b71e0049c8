from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from idd.document import indicators
from idd.document.shown import lessons_learned, shown_document, since_approval
from idd.filters import InitiativeFilter
from idd.guided_form.steps import STEPS, progress
from idd.models import Initiative
from idd.models.access import may
from idd.reference import roles
from idd.services import drafts, review, route_screens
from idd.services.commitment_record import can_record
from idd.views.shared import get_visible_initiative

PAGE_SIZE = 25


@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    """Every initiative the user may read, filtered, searched and paginated."""
    if not roles.has_any_role(request.user):
        raise PermissionDenied("You do not have access to initiatives.")
    initiatives = Initiative.objects.visible_to(request.user).select_related(
        "partner", "owner__profile"
    )
    filters = InitiativeFilter(request.GET or None, queryset=initiatives, request=request)
    page = Paginator(filters.qs.order_by("-updated_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "can_create": roles.is_planner(request.user),
    }
    return render(request, "idd/initiative_list.html", context)


@require_GET
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole IDD, read-only, rendered from the snapshot like every other rendering:
    while approved, the revision as approved, and apart from it what moved since."""
    initiative = get_visible_initiative(request, pk)
    approved, doc = shown_document(initiative)
    can_edit = may(request.user, "edit", initiative)
    done, total = progress(doc)
    context = {
        "initiative": initiative,
        "doc": doc,
        "can_edit": can_edit,
        "sections": [step for step in STEPS if step.forms is not None],
        "done": done,
        "total": total,
        # Managing drafts (idd.views.drafts): the buttons shown to those who may use them.
        "can_delete": drafts.deletion_refusal(initiative, request.user) is None,
        "can_copy": drafts.copy_refusal(initiative, request.user) is None,
        "can_start_revision": review.step_refusal(initiative, request.user, "start_revision")
        is None,
        "approved": approved,
        "since_approval": since_approval(initiative, approved) if approved else None,
        # The next step after approval: forwarding to DSCA (or why it is not offered).
        "forwarding": route_screens.forwarding(initiative, request.user) if approved else None,
        # Indicators as measured now: for an approved IDD, since approval too.
        "monitoring": indicators.live(initiative) if approved else doc.get("monitoring", []),
        # Lessons learned as they are now: for an approved IDD, recorded since approval too.
        "lessons": lessons_learned(initiative) if approved else doc.get("lessons", []),
        "can_record": can_record(initiative, request.user),
    }
    return render(request, "idd/initiative_detail.html", context)
