"""An organization's staffing route templates (idd.services.route_templates): add one,
edit it and its stages on one page, copy one an IDD travelled."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from idd.forms.base import Move
from idd.forms.route_templates import RouteTemplateForm
from idd.models import RouteTemplate
from idd.services import organizations, route_templates

STAGES = "stages"  # the formset's prefix, and `?add=stages`: one more empty stage


@require_http_methods(["GET", "POST"])
def route_add(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = organizations.managed(request.user, organization_pk)
    form = RouteTemplateForm(
        request.POST or None,
        instance=RouteTemplate(organization=organization),
        offices=route_templates.offices_for(organization),
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = route_templates.create(request, form)
        except route_templates.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"Route “{made.name}” added. Now add its stages.")
            return redirect(reverse("route_template", args=[made.pk]) + "?add=stages")
    context = {"organization": organization, "form": form, "failed": form if form.errors else None}
    return render(request, "idd/organizations/route_add.html", context)


@require_http_methods(["GET", "POST"])
def route_template(request: HttpRequest, template_pk: int) -> HttpResponse:
    """The template with its stages; read-only once an IDD travelled it."""
    template = route_templates.managed(request.user, template_pk)
    in_use, was_default = template.in_use, template.is_default
    posted = request.POST if request.method == "POST" and not in_use else None
    add = request.GET.get("add") == STAGES or (posted is not None and posted.get("add") == STAGES)
    form, stages = route_templates.forms_for(template, posted, add=add)
    if request.method == "POST" and in_use:
        messages.error(request, route_templates.IN_USE.format(name=template.name))
        return redirect("route_template", template_pk=template.pk)
    if posted is not None and form.is_valid() and stages.is_valid():
        try:
            route_templates.save(
                request, template, form, stages, Move.parse(posted.get("move", ""))
            )
        except route_templates.NotDefault as refused:
            form.add_error("is_default", refused.message)  # shown again as typed
        except route_templates.Refused as refused:
            messages.error(request, refused.message)
            return redirect("route_template", template_pk=template.pk)
        else:
            messages.success(
                request, f"Route “{template.name}” saved.{_no_default(template, was_default)}"
            )
            address = reverse("route_template", args=[template.pk])
            return redirect(address + ("?add=stages#new-row" if add else ""))
    template.refresh_from_db()  # the name shown is the stored one, whatever was typed
    failed = [f for f in (form, *stages.forms) if f.errors]
    context = {
        "template": template,
        "organization": template.organization,
        "in_use": in_use,
        "refusal": template.refusal(),
        "form": form,
        "stages": stages,
        "add_target": STAGES if add else "",
        "failed": failed,
        "non_form_errors": stages.non_form_errors(),
    }
    return render(request, "idd/organizations/route_template.html", context)


@require_POST
def route_make_default(request: HttpRequest, template_pk: int) -> HttpResponse:
    """Make a route the default; the one way to change a travelled route's page."""
    template = route_templates.managed(request.user, template_pk)
    try:
        route_templates.make_default(request, template)
    except route_templates.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"“{template.name}” is now the default route of "
                         f"{template.organization.name}.")  # fmt: skip
    return redirect("route_template", template_pk=template.pk)


@require_POST
def route_copy(request: HttpRequest, template_pk: int) -> HttpResponse:
    template = route_templates.managed(request.user, template_pk)
    try:
        made = route_templates.copy(request, template)
    except route_templates.Refused as refused:
        messages.error(request, refused.message)
        return redirect("route_template", template_pk=template.pk)
    then = ", then make it the default in place of the route in use" if template.is_default else ""
    messages.success(request, f"Copied to “{made.name}”: change it here{then}.")
    return redirect("route_template", template_pk=made.pk)


def _no_default(template: RouteTemplate, was_default: bool) -> str:
    """What unticking "default" left: a command whose planners must now pick a route."""
    if not was_default or template.is_default:
        return ""
    return (
        f" {template.organization} has no default route now: its planners choose one "
        "each time they submit. Make a route the default to preselect it."
    )
