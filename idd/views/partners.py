"""Partner names as the planner types them: suggestions for static/js/partner-field.js."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from idd.forms.basics import unit_label
from idd.forms.partner import typed_name
from idd.models import Partner
from idd.reference import roles
from idd.services import session_clock

SHOWN = 10
SHORTEST = 1  # characters typed before anything is suggested


@session_clock.background  # asked by a script as the planner types: never activity
@require_GET
def partner_search(request: HttpRequest) -> JsonResponse:
    """Up to ten partners whose name contains `q` (those starting with it first), each
    with its units, for any signed-in user with a role: partners are reference data."""
    if not roles.has_any_role(request.user):
        raise PermissionDenied("You do not have access to partners.")
    typed = typed_name(request.GET.get("q"))[:100]
    if len(typed) < SHORTEST:
        return JsonResponse({"partners": []})
    found = Partner.objects.matching(typed).prefetch_related("units")[:SHOWN]
    partners = [
        {
            "id": partner.pk,
            "name": partner.country,
            "units": [{"id": unit.pk, "label": unit_label(unit)} for unit in partner.units.all()],
        }
        for partner in found
    ]
    return JsonResponse({"partners": partners})
