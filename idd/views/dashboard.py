from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from idd.models import Initiative


def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's initiatives: those they own or work on as a team member."""
    mine = (
        Initiative.objects.involving(request.user)
        .select_related("partner", "owner")
        .order_by("-updated_at")
    )
    return render(request, "idd/dashboard.html", {"my_initiatives": mine})
