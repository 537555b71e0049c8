from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from idd import roles
from idd.models import Initiative
from idd.models.workflow import EDITABLE_STATUSES
from idd.services.activity import recent_activity
from idd.snapshot import snapshot, with_rows
from idd.wizard import progress, resume_step

DRAFTS_SHOWN = 10
INITIATIVES_SHOWN = 20


def _draft(initiative: Initiative) -> dict:
    done, total = progress(snapshot(initiative))
    return {
        "initiative": initiative,
        "done": done,
        "total": total,
        "resume": resume_step(initiative.last_step),
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's drafts with their progress, their initiatives, recent activity."""
    mine = Initiative.objects.involving(request.user).select_related("partner", "owner")
    drafts = with_rows(mine.filter(status__in=EDITABLE_STATUSES).order_by("-updated_at"))
    context = {
        "drafts": [_draft(i) for i in drafts[:DRAFTS_SHOWN]],
        "my_initiatives": mine.order_by("-updated_at")[:INITIATIVES_SHOWN],
        "my_count": mine.count(),
        "activity": recent_activity(request.user),
        "can_create": roles.is_planner(request.user),
    }
    return render(request, "idd/dashboard.html", context)
