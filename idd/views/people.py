"""The people of an organization: add an account, move a person, set their roles
(idd.services.people). A move, or a change that leaves an IDD with nobody able to act for
an office, is confirmed first on a page that says so."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from idd.forms.people import AddPersonForm, PersonForm
from idd.models import Organization
from idd.services import organizations, people


@require_http_methods(["GET", "POST"])
def person_page(request: HttpRequest, person_pk: int) -> HttpResponse:
    """One person: the organization they belong to and their roles there."""
    person = people.person(request.user, person_pk)
    tree = organizations.managed_tree(request.user)
    state = people.state_of(person)
    initial = {"organization": state.organization, "roles": list(state.roles), "seen": state.token}
    form = PersonForm(request.POST or None, organizations=tree, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return _change(request, person, data["organization"], data["roles"], data["seen"],
                       confirmed=data["confirmed"])  # fmt: skip
    return _person_page(request, person, form)


@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """Add an account to the organization (the organization page's form posts here)."""
    organization = organizations.managed(request.user, organization_pk)
    found = people.candidates(request.user, organization)
    form = AddPersonForm(request.POST or None, people=found, command=organization.command())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return _change(request, data["person"], organization, data["roles"], None, confirmed=False)
    context = {"organization": organization, "form": form, "failed": form if form.errors else None}
    return render(request, "idd/organizations/person_add.html", context)


def _change(
    request: HttpRequest,
    person: User,
    organization: Organization,
    chosen: list[str],
    seen: str | None,
    *,
    confirmed: bool,
) -> HttpResponse:
    try:
        change = people.plan(request.user, person, organization, chosen, seen)
        if change.needs_confirmation and not confirmed:
            return render(request, "idd/organizations/person_confirm.html", {"change": change})
        done = people.apply(request, person.pk, organization, chosen, change.before.token)
    except people.Refused as refused:
        messages.error(request, refused.message)
        return redirect("person_page", person_pk=person.pk)
    messages.success(request, people.done_words(person, organization, done.after.roles))
    return redirect("organization_page", organization_pk=organization.pk)


def _person_page(request: HttpRequest, person: User, form: PersonForm) -> HttpResponse:
    context = {"person": person, "state": people.state_of(person), "form": form,
               "failed": form if form.errors else None}  # fmt: skip
    return render(request, "idd/organizations/person.html", context)
