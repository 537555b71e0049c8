"""Staffing route templates, managed by their organization's administrator in the product
(issue 27, ADR 0026): create one, edit its name, default, approval authority and stages
(name, suspense, offices), remove and reorder stages; copy one.

A template some IDD travelled (`in_use`) is a record and never changes: it is offered as a
copy instead. An edit from a page opened before another change (another tab, another
administrator) is refused as a conflict (`fingerprint`). Offices and the approval authority
are chosen within the template's command. Every change is in the audit log.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, HttpRequest

from idd.forms.base import Move
from idd.forms.route_templates import RouteTemplateForm, StageRows
from idd.models import Organization, RouteStage, RouteTemplate, StageOffice
from idd.models.access import may_manage
from idd.reference import roles
from idd.services import audit
from idd.services.organizations import NOT_AN_ADMINISTRATOR

NO_SUCH = "There is no such staffing route among those you manage."
IN_USE = (
    "An IDD has travelled the route “{name}”: it is a record now and does not change. "
    "Nothing was changed. Copy it to a new route and change the copy."
)
STALE = (
    "The route “{name}” was changed by someone else after you opened this page. Nothing "
    "was changed. Read it again and make your change."
)
NOT_DEFAULT = (
    "{refusal} Only a route an IDD can travel can be the default (the one a planner's "
    "Submit page offers first). Nothing was saved: complete the route, or untick this box "
    "to save it as it is."
)
NOT_MADE_DEFAULT = (
    "{refusal} Only a route an IDD can travel can be the default. Nothing was changed."
)
TAKEN = "This organization already has a route of this name, or a default route meanwhile."
# Stages are renumbered above this while a save writes their new positions: the positions
# are unique per template at every moment.
RENUMBERING = 1000


class Refused(Exception):
    @property
    def message(self) -> str:
        return str(self.args[0])


class NotDefault(Refused):
    """The route as saved would be refused to a planner: it cannot be the default."""


def of(organization: Organization) -> list[RouteTemplate]:
    return list(organization.route_templates.select_related("approval_authority"))


def managed(user: roles.User, pk: int) -> RouteTemplate:
    """A template of an organization this administrator manages; 404 otherwise."""
    if not roles.has_role(user, roles.ADMINISTRATOR):
        raise PermissionDenied(NOT_AN_ADMINISTRATOR)
    found = RouteTemplate.objects.select_related("organization", "approval_authority")
    template = found.filter(pk=pk).first()
    if template is None or not may_manage(user, template.organization):
        raise Http404(NO_SUCH)
    return template


def offices_for(organization: Organization) -> list[Organization]:
    """What a stage's offices and the approval authority are chosen from: the command's
    organizations (the top of the tree the template's organization sits in)."""
    command = Organization.objects.get(pk=organization.ancestor_keys()[0])
    return list(Organization.objects.within(command))


def fingerprint(template: RouteTemplate) -> str:
    """The template as stored: a page that read another is stale."""
    stages = [
        (
            s.pk,
            s.position,
            s.name,
            s.suspense_days,
            sorted(o.organization_id for o in s.offices.all()),
        )
        for s in template.stages.prefetch_related("offices")
    ]
    stored = RouteTemplate.objects.filter(pk=template.pk).values_list(
        "name", "is_default", "approval_authority_id"
    )
    text = repr((list(stored), stages))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def forms_for(template: RouteTemplate, data=None, *, add: bool = False):
    offices = offices_for(template.organization)
    form = RouteTemplateForm(
        data, instance=template, offices=offices, initial={"seen": fingerprint(template)}
    )
    stages = StageRows(
        data,
        instance=template,
        prefix="stages",
        add=add,
        queryset=template.stages.prefetch_related("offices"),
        form_kwargs={"offices": offices},
    )
    return form, stages


def _take_default(template: RouteTemplate) -> None:
    if template.is_default:
        others = RouteTemplate.objects.filter(organization=template.organization_id)
        others.exclude(pk=template.pk).filter(is_default=True).update(is_default=False)


@transaction.atomic
def create(request: HttpRequest, form: RouteTemplateForm) -> RouteTemplate:
    template = form.instance
    try:
        with transaction.atomic():
            _take_default(template)
            template = form.save()
    except IntegrityError as error:  # the same name or default saved at this very moment
        raise Refused(TAKEN) from error
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=template,
        action="staffing route added",
        organization=template.organization.full_name(),
    )
    return template


@transaction.atomic
def save(
    request: HttpRequest,
    template: RouteTemplate,
    form: RouteTemplateForm,
    stages,
    move: Move | None,
) -> RouteTemplate:
    """Write the template and its stages as the page shows them (valid forms). Locks the
    template first: an IDD submitted on it meanwhile waits, then makes it read-only."""
    RouteTemplate.objects.select_for_update().get(pk=template.pk)
    if template.in_use:
        raise Refused(IN_USE.format(name=template.name))
    if form.cleaned_data["seen"] != fingerprint(template):
        raise Refused(STALE.format(name=template.name))
    before = fingerprint(template)
    try:
        with transaction.atomic():
            _take_default(form.instance)
            form.save()
            template.stages.update(position=F("position") + RENUMBERING)
            for row in stages.forms:  # every kept stage is written with its new position
                row.instance.position = 0
            saved = stages.save_rows(move, start=1)
            if form.instance.is_default and (refusal := template.refusal()):
                raise NotDefault(NOT_DEFAULT.format(refusal=refusal))  # nothing is written
    except IntegrityError as error:
        raise Refused(TAKEN) from error
    except NotDefault:
        for row in stages.forms[stages.initial_form_count() :]:  # shown again as new rows
            row.instance.pk = None
        raise
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=template,
        action="staffing route changed",
        stages=[f"{s.label}: {s.suspense_days} working days" for s in saved.kept],
        removed=[s.label for s in saved.removed],
        changed=before != fingerprint(template),
    )
    return template


@transaction.atomic
def make_default(request: HttpRequest, template: RouteTemplate) -> None:
    """Make a route the default (its organization's other default no longer is). Whether
    a route is the default is not part of the record, so a travelled one may be made it."""
    RouteTemplate.objects.select_for_update().get(pk=template.pk)
    if refusal := template.refusal():
        raise NotDefault(NOT_MADE_DEFAULT.format(refusal=refusal))
    template.is_default = True
    try:
        with transaction.atomic():
            _take_default(template)
            RouteTemplate.objects.filter(pk=template.pk).update(is_default=True)
    except IntegrityError as error:
        raise Refused(TAKEN) from error
    audit.record(
        request, audit.Event.ADMIN_ACTION, obj=template, action="staffing route made the default"
    )


@transaction.atomic
def copy(request: HttpRequest, template: RouteTemplate) -> RouteTemplate:
    """A new template (not the default) with the same approval authority, stages and
    offices, for a route in use that needs to change."""
    names = set(template.organization.route_templates.values_list("name", flat=True))
    name, n = f"{template.name} (copy)", 2
    while name in names:
        name, n = f"{template.name} (copy {n})", n + 1
    try:
        with transaction.atomic():  # a copy of the same name made at this very moment
            made = RouteTemplate.objects.create(
                organization=template.organization,
                name=name[:100],
                approval_authority=template.approval_authority,
            )
    except IntegrityError as error:
        raise Refused(TAKEN) from error
    for stage in template.stages.prefetch_related("offices"):
        new = RouteStage.objects.create(
            template=made,
            position=stage.position,
            name=stage.name,
            suspense_days=stage.suspense_days,
        )
        StageOffice.objects.bulk_create(
            [StageOffice(stage=new, organization_id=o.organization_id) for o in stage.offices.all()]
        )
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=made,
        action="staffing route copied",
        copied_from=f"{template.name} ({template.pk})",
    )
    return made
