"""Administrators configure the complaint settings; they see no complaint
content (no patron data for administrators, DESIGN section 4)."""

from django.contrib import admin

from complaints.models import ComplaintSettings
from organisation.policies import can_configure


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "system",
        "first_response_days",
        "update_days",
        "resolution_days",
        "appeal_days",
        "reconsideration_decision_days",
    ]

    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return can_configure(request.user)

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return can_configure(request.user)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return can_configure(request.user)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return can_configure(request.user)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Deleting the row only brings back the defaults.
        return can_configure(request.user)
