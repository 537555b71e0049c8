from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from idd.models import Initiative


def get_visible_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative, if this user may read it: 404 when absent, 403 when not allowed."""
    initiative = get_object_or_404(Initiative.objects.select_related("partner", "owner"), pk=pk)
    if not initiative.can_view(request.user):
        raise PermissionDenied("You do not have access to this initiative.")
    return initiative


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_visible_initiative(request, pk)
    return render(
        request,
        "idd/initiative_detail.html",
        {"initiative": initiative, "can_edit": initiative.can_edit(request.user)},
    )
