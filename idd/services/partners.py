"""Partner nations and their units, kept in the product by the administrators of the
command keeping them (issue 27; `Partner.kept_by`, `idd.models.access.may_keep`): add a
partner, change its name or combatant command, remove one no initiative names; add a
unit, change it, remove it. Another
command's partners are not found (404); a superuser keeps any.

A change from a page opened before another change (another tab, another administrator) is
refused as a conflict (`token`). A unit an initiative targets is not removed: the refusal
says how many do. Every change is an administrator action in the security audit log.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest

from idd.forms.partner_nations import PartnerForm, UnitForm
from idd.models import Organization, Partner, PartnerUnit
from idd.models.access import may_keep, may_manage
from idd.reference import roles
from idd.services import audit
from idd.services.organizations import NOT_AN_ADMINISTRATOR

NO_SUCH_COMMAND = "There is no such command among those you manage."
NO_SUCH_PARTNER = "There is no such partner nation among those you keep."
NO_SUCH_UNIT = "There is no such partner unit among those you keep."
STALE = (
    "{name} was changed by someone else after you opened this page. Nothing was changed. "
    "Read it again and make your change."
)
TAKEN = "{name} was listed by someone else at this very moment. Nothing was changed."
PARTNER_IN_USE = (
    "{name} is the partner of {count} initiative{s}: it stays listed. Nothing was changed. "
    "Change its name instead if it is wrong."
)
IN_USE = (
    "“{name}” is targeted by {count} initiative{s}: it stays listed, since removing it "
    "would change {those}. Nothing was changed. Rename it instead if its name is wrong."
)


class Refused(Exception):
    @property
    def message(self) -> str:
        return str(self.args[0])


def token(*values: object) -> str:
    """What a page showed of a partner or a unit: a page that showed another is stale."""
    return hashlib.sha256(repr(values).encode()).hexdigest()[:20]


def partner_token(partner: Partner) -> str:
    return token(partner.country, partner.ccmd, partner.kept_by_id)


def unit_token(unit: PartnerUnit) -> str:
    return token(unit.name, unit.service)


# --- What an administrator keeps -------------------------------------------------------------


def _administrator(user: roles.User) -> None:
    if not roles.has_role(user, roles.ADMINISTRATOR):
        raise PermissionDenied(NOT_AN_ADMINISTRATOR)


def command(user: roles.User, pk: int) -> Organization:
    """A command (a top organization) this administrator manages; 404 otherwise."""
    _administrator(user)
    found = Organization.objects.filter(pk=pk, parent=None).first()
    if found is None or not may_manage(user, found):
        raise Http404(NO_SUCH_COMMAND)
    return found


def kept(user: roles.User, pk: int) -> Partner:
    """A partner nation this administrator keeps; 404 otherwise."""
    _administrator(user)
    found = Partner.objects.select_related("kept_by").filter(pk=pk).first()
    if found is None or not may_keep(user, found):
        raise Http404(NO_SUCH_PARTNER)
    return found


def kept_unit(user: roles.User, pk: int) -> PartnerUnit:
    """A unit of a partner nation this administrator keeps; 404 otherwise."""
    _administrator(user)
    found = PartnerUnit.objects.select_related("partner__kept_by").filter(pk=pk).first()
    if found is None or not may_keep(user, found.partner):
        raise Http404(NO_SUCH_UNIT)
    return found


def kept_by(organization: Organization) -> list[Partner]:
    """The partner nations the organization keeps, each with its units (two queries)."""
    units = PartnerUnit.objects.order_by("name")
    found = organization.partners_kept.prefetch_related(Prefetch("units", units))
    return list(found.order_by("country"))


def units_of(partner: Partner) -> list[PartnerUnit]:
    """Its units, each with how many initiatives target it (`targeted_by`)."""
    found = partner.units.annotate(targeted_by=Count("initiatives")).order_by("name")
    return list(found)


# --- The forms a page shows -----------------------------------------------------------------


def partner_form(partner: Partner, data=None) -> PartnerForm:
    stored = Partner.objects.get(pk=partner.pk)  # a failed form never renames the page
    return PartnerForm(
        data, instance=stored, keeper=partner.kept_by, initial={"seen": partner_token(stored)}
    )


def unit_form(unit: PartnerUnit, data=None) -> UnitForm:
    stored = PartnerUnit.objects.get(pk=unit.pk)
    return UnitForm(
        data, instance=stored, partner=unit.partner, initial={"seen": unit_token(stored)}
    )


# --- Changing them ----------------------------------------------------------------------------


def _saved(form, name: str):
    try:
        with transaction.atomic():  # the same name saved by another at this very moment
            return form.save()
    except IntegrityError as error:
        raise Refused(TAKEN.format(name=f"“{name}”")) from error


@transaction.atomic
def add_partner(request: HttpRequest, keeper: Organization, form: PartnerForm) -> Partner:
    """A new partner nation kept by `keeper` (a valid form)."""
    form.instance.kept_by = keeper
    made: Partner = _saved(form, form.cleaned_data["country"])
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=made,
        action="partner nation added",
        kept_by=keeper.name,
        ccmd=made.ccmd,
    )
    return made


@transaction.atomic
def change_partner(request: HttpRequest, partner: Partner, form: PartnerForm) -> Partner:
    """Its name and command as the page sent them (a valid form), if it is unchanged since
    the page was read."""
    stored = Partner.objects.select_for_update().get(pk=partner.pk)
    if form.cleaned_data["seen"] != partner_token(stored):
        raise Refused(STALE.format(name=stored.country))
    saved: Partner = _saved(form, form.cleaned_data["country"])
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=saved,
        action="partner nation changed",
        changed={
            "country": [stored.country, saved.country],
            "ccmd": [stored.ccmd, saved.ccmd],
        },
    )
    return saved


@transaction.atomic
def add_unit(request: HttpRequest, partner: Partner, form: UnitForm) -> PartnerUnit:
    made: PartnerUnit = _saved(form, form.cleaned_data["name"])
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=made,
        action="partner unit added",
        partner=partner.country,
    )
    return made


@transaction.atomic
def change_unit(request: HttpRequest, unit: PartnerUnit, form: UnitForm) -> PartnerUnit:
    """Its name and service as the page sent them, if unchanged since the page was read."""
    stored = _locked(unit, form.cleaned_data["seen"])
    saved: PartnerUnit = _saved(form, form.cleaned_data["name"])
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=saved,
        action="partner unit changed",
        partner=unit.partner.country,
        changed={"name": [stored.name, saved.name], "service": [stored.service, saved.service]},
    )
    return saved


@transaction.atomic
def remove_unit(request: HttpRequest, unit: PartnerUnit, seen: str) -> None:
    """Remove a unit no initiative targets, from a page that showed it as it is."""
    stored = _locked(unit, seen)
    if count := stored.initiatives.count():
        raise Refused(
            IN_USE.format(
                name=stored.name,
                count=count,
                s="" if count == 1 else "s",
                those="it" if count == 1 else "them",
            )
        )
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=stored,
        action="partner unit removed",
        partner=unit.partner.country,
        name=stored.name,
    )
    stored.delete()


@transaction.atomic
def remove_partner(request: HttpRequest, partner: Partner, seen: str) -> None:
    """Remove a partner nation no initiative names, with its units and the requests for
    them, from a page that showed it as it is."""
    stored = Partner.objects.select_for_update().filter(pk=partner.pk).first()
    if stored is None or seen != partner_token(stored):
        raise Refused(STALE.format(name=partner.country))
    if count := stored.initiatives.count():
        raise Refused(
            PARTNER_IN_USE.format(name=stored.country, count=count, s="" if count == 1 else "s")
        )
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=stored,
        action="partner nation removed",
        country=stored.country,
        units=list(stored.units.values_list("name", flat=True)),
    )
    stored.delete()


def _locked(unit: PartnerUnit, seen: str) -> PartnerUnit:
    stored = PartnerUnit.objects.select_for_update().filter(pk=unit.pk).first()
    if stored is None or seen != unit_token(stored):
        raise Refused(STALE.format(name=f"The unit “{unit.name}”"))
    return stored
