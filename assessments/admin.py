from django.contrib import admin

from assessments.models import CommitmentAssessment


@admin.register(CommitmentAssessment)
class CommitmentAssessmentAdmin(admin.ModelAdmin):
    """Stored assessments are records: visible here, never editable."""

    list_display = ["subject", "kind", "assessed_on", "demonstrated", "assessed_by"]
    list_filter = ["kind"]
    search_fields = ["subject__title"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
