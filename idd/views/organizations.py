"""The organization tree, managed by administrators (idd.services.organizations)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from idd.forms.organization import OrganizationNameForm
from idd.forms.people import AddPersonForm
from idd.services import organizations as service
from idd.services import partners, people, route_templates

ADD, RENAME = "add", "rename"


@require_GET
def organization_list(request: HttpRequest) -> HttpResponse:
    tree = service.managed_tree(request.user)
    return render(request, "idd/organizations/list.html", {"tree": tree})


@require_http_methods(["GET", "POST"])
def organization_page(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """One organization: its people, a child to add, a new name."""
    organization = service.managed(request.user, organization_pk)
    posted = request.POST if request.method == "POST" else None
    action = ADD if posted is not None and posted.get("action") == ADD else RENAME
    add = OrganizationNameForm(posted if action == ADD else None, parent=organization, prefix=ADD)
    rename = OrganizationNameForm(
        posted if action == RENAME else None,
        parent=organization.parent,
        renaming=organization,
        prefix=RENAME,
        initial={"name": organization.name},
    )
    if action == ADD and add.is_valid():
        made = service.add(request, organization, add.cleaned_data["name"])
        messages.success(request, f"{made.name} added under {organization.name}.")
        return redirect("organization_page", organization_pk=organization.pk)
    if posted is not None and action == RENAME and rename.is_valid():
        service.rename(request, organization, rename.cleaned_data["name"])
        messages.success(request, f"Renamed {organization.name}.")
        return redirect("organization_page", organization_pk=organization.pk)
    context = {
        "organization": organization,
        "part_of": organization.parent.full_name() if organization.parent else "",
        "members": service.members(organization),
        "add_person": AddPersonForm(
            people=people.candidates(request.user, organization), command=organization.command()
        ),
        "route_templates": route_templates.of(organization),
        # A command keeps partner nations; the organizations under it do not.
        "is_command": organization.parent_id is None,
        "partners": partners.kept_by(organization) if organization.parent_id is None else [],
        "children": organization.children.order_by("name"),
        "add": add,
        "rename": rename,
        "failed": add if add.errors else rename if rename.errors else None,
    }
    return render(request, "idd/organizations/page.html", context)
