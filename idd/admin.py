"""The admin covers reference data (partners and their units).

Initiatives are edited through the guided form, where ownership, stale edits and the
review workflow are enforced; the admin only lists them read-only for support staff.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from idd.models import Initiative, Partner, PartnerUnit


class PartnerUnitInline(admin.TabularInline):
    model = PartnerUnit
    extra = 1


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["country", "ccmd"]
    list_filter = ["ccmd"]
    search_fields = ["country", "units__name"]
    inlines = [PartnerUnitInline]


@admin.register(PartnerUnit)
class PartnerUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "partner"]
    list_filter = ["partner__ccmd", "partner"]
    search_fields = ["name", "service", "partner__country"]
    list_select_related = ["partner"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partner", "ccmd", "funding_authority", "status", "revision", "owner"]
    list_filter = ["status", "ccmd", "funding_authority", "partner"]
    search_fields = ["title", "partner__country", "owner__username"]
    list_select_related = ["partner", "owner"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
