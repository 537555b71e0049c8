"""The admin covers reference data (partners and their units), for the site's
administrators (superusers) only: see `superusers_only`.

Initiatives are edited through the guided form, where ownership, stale edits and the
review workflow are enforced; the admin only lists them read-only for support staff.
Review records (decisions, approved revisions) are read-only too: an approved revision
is a record, and the workflow's status never changes here.
"""

import json
from datetime import UTC

from django.contrib import admin, messages
from django.contrib.admin import actions as admin_actions
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.text import smart_split
from simple_history.admin import SimpleHistoryAdmin

from idd.exchange.csv import csv_streaming_response
from idd.filters import SEARCH_WORDS
from idd.models import (
    AuditRecord,
    Initiative,
    Partner,
    PartnerUnit,
    Profile,
    ReviewDecision,
    Revision,
    RouteStage,
    RouteTemplate,
    SignInRecord,
    StageOffice,
)
from idd.services import audit, audit_receivers, inactive_accounts, lockout


class BoundedSearch:
    """Searches on the first few words only: each word is one more condition to check."""

    def get_search_results(self, request, queryset, search_term):
        words = " ".join(list(smart_split(search_term))[:SEARCH_WORDS])
        return super().get_search_results(request, queryset, words)  # type: ignore[misc]


class HistoryAdmin(BoundedSearch, SimpleHistoryAdmin):
    """The change history of an object; an id that cannot be one is not found (not a 500)."""

    def history_view(self, request, object_id, extra_context=None):
        if not (str(object_id).isascii() and str(object_id).isdigit()):
            raise Http404("There is no such object.")
        return super().history_view(request, object_id, extra_context)


class ReadOnlyAdmin(BoundedSearch, admin.ModelAdmin):
    """View only: no add, change or delete, whoever is signed in."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PartnerUnitInline(admin.TabularInline):
    model = PartnerUnit
    extra = 1


@admin.register(Partner)
class PartnerAdmin(HistoryAdmin):
    list_display = ["country", "ccmd", "kept_by"]
    list_filter = ["ccmd"]
    search_fields = ["country", "units__name"]
    inlines = [PartnerUnitInline]


@admin.register(PartnerUnit)
class PartnerUnitAdmin(BoundedSearch, admin.ModelAdmin):
    list_display = ["name", "service", "partner"]
    # Searched by partner, not filtered: a filter lists every partner in the sidebar.
    list_filter = ["partner__ccmd"]
    search_fields = ["name", "service", "partner__country"]
    list_select_related = ["partner"]


@admin.register(Initiative)
class InitiativeAdmin(HistoryAdmin):
    # Its history is shown, never reverted: a revert would write an old status back.
    list_display = ["title", "partner", "ccmd", "funding_authority", "status", "revision", "owner"]
    list_filter = ["status", "ccmd", "funding_authority"]  # the partner: by search
    search_fields = ["title", "partner__country", "owner__username"]
    list_select_related = ["partner", "owner"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied("Initiatives change only through the guided form and review.")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "revision", "outcome", "reviewer", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["initiative", "reviewer"]
    search_fields = ["initiative__title", "reason"]


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "number", "approved_by", "approved_at"]
    list_select_related = ["initiative", "approved_by"]
    search_fields = ["initiative__title"]
    exclude = ["snapshot"]  # long JSON; the revision page renders it
    readonly_fields = ["pdf"]


# --- Staffing routes (ADR 0026): templates are edited here until an IDD travels one; from
# then on its stages are a record (read-only here): make a new template instead.


class InUseReadOnly:
    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not _in_use(obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not _in_use(obj)  # type: ignore[misc]


def _in_use(obj) -> bool:
    template = obj.template if isinstance(obj, RouteStage) else obj
    return isinstance(template, RouteTemplate) and template.in_use


class RouteStageInline(InUseReadOnly, admin.TabularInline):
    model = RouteStage
    extra = 1
    show_change_link = True  # its offices are edited on the stage's page


class StageOfficeInline(InUseReadOnly, admin.TabularInline):
    model = StageOffice
    extra = 2


@admin.register(RouteTemplate)
class RouteTemplateAdmin(InUseReadOnly, admin.ModelAdmin):
    list_display = ["name", "organization", "is_default", "approval_authority"]
    list_select_related = ["organization", "approval_authority"]
    search_fields = ["name", "organization__name"]
    inlines = [RouteStageInline]


@admin.register(RouteStage)
class RouteStageAdmin(InUseReadOnly, admin.ModelAdmin):
    list_display = ["template", "position", "name", "suspense_days"]
    list_select_related = ["template"]
    search_fields = ["template__name", "name"]
    inlines = [StageOfficeInline]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


@admin.register(Profile)
class ProfileAdmin(HistoryAdmin):
    """Profiles with their history: who set or changed an EDIPI, and when."""

    list_display = ["user", "edipi", "rank_or_grade", "office_symbol"]
    search_fields = ["user__username", "user__last_name", "edipi"]
    list_select_related = ["user"]


@admin.register(SignInRecord)
class SignInRecordAdmin(ReadOnlyAdmin):
    """Consent, sign-ins, sign-outs and every refusal, with time and address."""

    list_display = ["at", "kind", "user", "username", "address", "method", "detail"]
    list_filter = ["kind", "method"]
    search_fields = ["username", "user__username", "address", "detail"]
    list_select_related = ["user"]


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdmin):
    """The security audit log (docs/adr/0017): searched by user, filtered by event, outcome
    and date, exported as CSV; never added to, changed or deleted (nor by the database, on
    PostgreSQL)."""

    list_display = ["at", "event", "outcome", "username", "address", "object_repr", "details"]
    list_filter = ["event", "outcome", "at"]
    date_hierarchy = "at"
    search_fields = ["username", "object_repr", "address"]
    actions = ["export_csv"]
    show_full_result_count = False  # the log grows without end: no second count

    CSV_HEADER = ["time (UTC)", "event", "outcome", "user id", "username", "address"]
    CSV_HEADER += ["session key hash", "object type", "object id", "object", "details"]

    @admin.action(description="Export the selected records as CSV")
    def export_csv(self, request, queryset):
        rows = (
            [
                f"{record.at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}",
                record.event, record.outcome, record.user_id, record.username,
                record.address, record.session, record.object_type, record.object_id,
                record.object_repr, json.dumps(record.details, sort_keys=True),
            ]
            for record in queryset.order_by("at", "pk").iterator()
        )  # fmt: skip
        name = f"audit-log-{timezone.now():%Y-%m-%dT%H%M%SZ}.csv"
        response = csv_streaming_response(name, self.CSV_HEADER, rows)
        found = audit.Target("audit log", name=f"{queryset.count()} records")
        audit.document_read(request, found, "audit log", "csv")
        return response


@admin.action(permissions=["delete"], description="Delete selected %(verbose_name_plural)s")
def delete_selected(modeladmin, request, queryset):
    """Django's delete action, each object it deletes an audit record: Django logs several
    deletions at once without the signal the audit log listens to."""
    confirmed = bool(request.POST.get("post"))
    targets = [audit.target_of(obj) for obj in queryset] if confirmed else []
    setattr(request, audit_receivers.DELETIONS_RECORDED, True)
    response = admin_actions.delete_selected(modeladmin, request, queryset)
    if confirmed and response is None:  # deleted (else the page confirming, or refusing)
        for target in targets:
            audit.record(request, audit.Event.ADMIN_ACTION, obj=target, action="deleted")
    return response


admin.site.add_action(delete_selected)  # in place of Django's, of the same name


def superusers_only(request) -> bool:
    """The admin is the site administrators' tool (superusers): it is not scoped by
    organization, so an organization's administrators manage their people and staffing
    routes in the product (idd.services.people, route_templates), within their subtree.
    Anyone else, staff or not, is sent to the admin's sign-in."""
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = superusers_only  # type: ignore[method-assign]


# Users are edited with their profile (rank or grade, title, office, phone) on one page.
admin.site.unregister(User)


@admin.register(User)
class UserWithProfileAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_display += ["locked"]
    list_display += ["profile__rank_or_grade", "profile__office_symbol", "profile__edipi"]
    list_select_related = ["profile"]
    actions = ["unlock", "enable"]

    @admin.display(description="locked", boolean=True)
    def locked(self, user: User) -> bool:
        return lockout.is_locked(user.username)

    @admin.action(description="Unlock the selected accounts (locked after failed sign-ins)")
    def unlock(self, request, queryset) -> None:
        unlocked = [user.username for user in queryset if lockout.unlock(request, user)]
        if unlocked:
            self.message_user(request, f"Unlocked: {', '.join(unlocked)}.", messages.SUCCESS)
        else:
            self.message_user(request, "None of the selected accounts was locked.", messages.INFO)

    @admin.action(description="Enable the selected accounts (disabled, e.g. for inactivity)")
    def enable(self, request, queryset) -> None:
        enabled = [user.username for user in queryset if inactive_accounts.enable(request, user)]
        if enabled:
            self.message_user(request, f"Enabled: {', '.join(enabled)}.", messages.SUCCESS)
        else:
            self.message_user(request, "All the selected accounts were enabled.", messages.INFO)
