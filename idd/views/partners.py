"""Partner names as the planner types them: suggestions for static/js/partner-field.js."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from idd.forms.basics import unit_label
from idd.forms.partner import typed_name
from idd.models import Initiative, Partner, PartnerUnit
from idd.reference import roles
from idd.services import session_clock

SHOWN = 10
SHORTEST = 1  # characters typed before anything is suggested


@session_clock.background  # asked by a script as the planner types: never activity
@require_GET
def partner_search(request: HttpRequest) -> JsonResponse:
    """Up to ten partners whose name contains `q` (those starting with it first), each
    with its units, for any signed-in user with a role: partners are reference data,
    but one known only from initiatives outside the user's need to know is not suggested."""
    if not roles.has_any_role(request.user):
        raise PermissionDenied("You do not have access to partners.")
    typed = typed_name(request.GET.get("q"))[:100]
    if len(typed) < SHORTEST:
        return JsonResponse({"partners": []})
    # Only what the user's need to know covers: partners and units of initiatives they
    # read, and those of no initiative yet (reference data an administrator added).
    readable = Initiative.objects.visible_to(request.user)
    known = ~Q(pk__in=Initiative.objects.values("partner_id"))
    known |= Q(pk__in=readable.values("partner_id"))
    targeted = Initiative.targeted_units.through.objects
    units = ~Q(pk__in=targeted.values("partnerunit_id"))
    units |= Q(pk__in=targeted.filter(initiative__in=readable).values("partnerunit_id"))
    found = Partner.objects.filter(known).matching(typed)
    found = found.prefetch_related(Prefetch("units", PartnerUnit.objects.filter(units)))
    found = found[:SHOWN]
    partners = [
        {
            "id": partner.pk,
            "name": partner.country,
            "units": [{"id": unit.pk, "label": unit_label(unit)} for unit in partner.units.all()],
        }
        for partner in found
    ]
    return JsonResponse({"partners": partners})
