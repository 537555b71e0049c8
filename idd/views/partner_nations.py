"""The partner nations a command keeps, and their units (idd.services.partners)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from idd.forms.partner_nations import PartnerForm, UnitForm
from idd.models import Partner, PartnerUnit
from idd.services import partners

CHANGE, ADD_UNIT = "change", "add-unit"


@require_http_methods(["GET", "POST"])
def partner_add(request: HttpRequest, command_pk: int) -> HttpResponse:
    keeper = partners.command(request.user, command_pk)
    form = PartnerForm(request.POST or None, instance=Partner(), keeper=keeper)
    if request.method == "POST" and form.is_valid():
        try:
            made = partners.add_partner(request, keeper, form)
        except partners.Refused as refused:
            form.add_error("country", refused.message)
        else:
            messages.success(request, f"{made.country} added. Now add its units.")
            return redirect("partner_page", partner_pk=made.pk)
    context = {"keeper": keeper, "form": form, "failed": form if form.errors else None}
    return render(request, "idd/organizations/partner_add.html", context)


@require_http_methods(["GET", "POST"])
def partner_page(request: HttpRequest, partner_pk: int) -> HttpResponse:
    """The partner with its units: a unit to add, its name and command to change."""
    partner = partners.kept(request.user, partner_pk)
    posted = request.POST if request.method == "POST" else None
    action = ADD_UNIT if posted is not None and posted.get("action") == ADD_UNIT else CHANGE
    change = partners.partner_form(partner, posted if action == CHANGE else None)
    add = UnitForm(
        posted if action == ADD_UNIT else None,
        instance=PartnerUnit(),
        partner=partner,
        prefix=ADD_UNIT,
    )
    if posted is not None and action == ADD_UNIT and add.is_valid():
        return _done(request, partner, lambda: partners.add_unit(request, partner, add),
                     "{0.name} added to {1.country}.")  # fmt: skip
    if posted is not None and action == CHANGE and change.is_valid():
        return _done(request, partner, lambda: partners.change_partner(request, partner, change),
                     "{0.country} saved.")  # fmt: skip
    context = {
        "partner": partner,
        "units": partners.units_of(partner),
        "named_by": partner.initiatives.count(),  # none: it may be removed
        "seen": partners.partner_token(partner),
        "add": add,
        "change": change,
        "failed": add if add.errors else change if change.errors else None,
    }
    return render(request, "idd/organizations/partner.html", context)


def _done(request: HttpRequest, partner: Partner, act, words: str) -> HttpResponse:
    """Do it (a service call), say what was done or why not, and show the partner again."""
    try:
        done = act()
    except partners.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, words.format(done, partner))
    return redirect("partner_page", partner_pk=partner.pk)


@require_http_methods(["GET", "POST"])
def partner_unit(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """One unit: its name and service to change, or the unit to remove."""
    unit = partners.kept_unit(request.user, unit_pk)
    form = partners.unit_form(unit, request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _done(request, unit.partner, lambda: partners.change_unit(request, unit, form),
                     "{0.name} saved.")  # fmt: skip
    context = {
        "unit": unit,
        "partner": unit.partner,
        "targeted_by": unit.initiatives.count(),
        "seen": partners.unit_token(unit),
        "form": form,
        "failed": form if form.errors else None,
    }
    return render(request, "idd/organizations/partner_unit.html", context)


@require_POST
def partner_unit_remove(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = partners.kept_unit(request.user, unit_pk)
    try:
        partners.remove_unit(request, unit, request.POST.get("seen", ""))
    except partners.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{unit.name} removed from {unit.partner.country}.")
    return redirect("partner_page", partner_pk=unit.partner.pk)


@require_POST
def partner_remove(request: HttpRequest, partner_pk: int) -> HttpResponse:
    partner = partners.kept(request.user, partner_pk)
    try:
        partners.remove_partner(request, partner, request.POST.get("seen", ""))
    except partners.Refused as refused:
        messages.error(request, refused.message)
        return redirect("partner_page", partner_pk=partner.pk)
    messages.success(request, f"{partner.country} removed.")
    if partner.kept_by is None:  # only a superuser keeps it: the organizations they see
        return redirect("organization_list")
    return redirect(reverse("organization_page", args=[partner.kept_by.pk]) + "#partner-nations")
